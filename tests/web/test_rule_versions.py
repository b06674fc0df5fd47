"""Regelverksversioner in the web: import, review, diff, replay, approval and what proposes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, Role, RuleSetVersion, RuleVersionStatus, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.governance import diff_rule_sets, diff_text
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import rule_versions
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from mgt_assistant.web.deps import get_today
from tests.conftest import csrf_token, log_in
from tests.html import Element, parse
from tests.meeting_factory import named_meeting
from tests.rule_version_factory import NEW_VERSION, NEW_WHY, changed_rules, zipped

pytestmark = pytest.mark.db


def _post(client: TestClient, path: str, **data: str) -> int:
    response = client.post(path, data={**data, "csrf_token": csrf_token(client)})
    return response.status_code


def _in_force(page: Element) -> str:
    found = page.find("p", id="i-bruk")
    assert found is not None
    return found.text


def _versions(db: Session) -> list[RuleSetVersion]:
    db.expire_all()
    return list(db.exec(select(RuleSetVersion).order_by(RuleSetVersion.id)))  # type: ignore[arg-type]


@pytest.fixture
def candidate_client(settings: Settings, tmp_path: Path, app: FastAPI) -> Iterator[TestClient]:
    """A client on an app whose rules folder holds a changed copy (the shipped set approved)."""
    changed = create_app(
        settings.model_copy(update={"rules_dir": changed_rules(tmp_path)}), freeze_at_start=False
    )
    changed.state.reraise_errors = True
    with TestClient(changed, follow_redirects=False) as client:
        yield client


def test_without_an_approved_version_nothing_is_proposed(
    settings: Settings, make_user: Callable[..., User], db: Session
) -> None:
    app = create_app(settings, freeze_at_start=False)
    with TestClient(app, follow_redirects=False) as client:
        (draft,) = _versions(db)
        assert draft.status is RuleVersionStatus.DRAFT
        user = make_user(Role.MGT, party="kommun")
        meeting = named_meeting(db, user)
        log_in(client, user)
        response = client.get(f"/moten/{meeting.id}")
        assert response.status_code == 503
        assert "inget godkänt regelverk" in parse(response.text).text.lower()
        page = parse(client.get("/regelverk").text)
        alert = page.find("div", class_="error-summary")
        assert alert is not None and "Inget godkänt regelverk" in alert.text


def test_the_steering_group_reviews_diffs_replays_and_approves(
    candidate_client: TestClient, make_user: Callable[..., User], db: Session
) -> None:
    client = candidate_client
    steering = make_user(Role.STYRGRUPP)
    log_in(client, steering)
    response = client.post("/regelverk/ladda-om", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    shipped, candidate = _versions(db)
    assert candidate.status is RuleVersionStatus.DRAFT and candidate.version == NEW_VERSION
    page_url = f"/regelverk/versioner/{candidate.id}"
    assert response.headers["location"] == page_url

    # The diff says the same as `rules diff` on the two folders.
    expected = diff_text(
        diff_rule_sets(
            load_rule_set(DEFAULT_RULES_DIR),
            load_rule_set(Path(client.app.state.settings.rules_dir)),  # type: ignore[attr-defined]
        )
    )
    page = parse(client.get(page_url).text)
    shown = [li.text for li in page.find_all("li") if NEW_WHY in li.text]
    assert shown and all(f"  {text}" in expected for text in shown)
    compared = parse(client.get(f"{page_url}/jamfor?med={shipped.id}").text)
    assert [li.text for li in compared.find_all("ul", class_="diff-list")[0].find_all("li")]
    assert f"{shown[0]}" in compared.text

    # A draft cannot be approved; first to review, then replay, then approve.
    assert _post(client, f"{page_url}/godkann", minutes_reference="SG §1") == 422
    assert _post(client, f"{page_url}/granskning") == 303
    assert _post(client, f"{page_url}/provkorning") == 303
    page = parse(client.get(page_url).text)
    summary = page.find("dl", id="provkorning-sammanfattning")
    assert summary is not None and "Ärenden jämförda" in summary.text
    today = swedish_time.today()
    status = _post(
        client,
        f"{page_url}/godkann",
        minutes_reference="Styrgruppen §7",
        effective_from=today.isoformat(),
    )
    assert status == 303
    _, approved = _versions(db)
    assert approved.status is RuleVersionStatus.APPROVED and approved.replay is not None
    overview = parse(client.get("/regelverk").text)
    assert approved.hash[:12] in _in_force(overview)
    actions = {
        e.action for e in db.exec(select(AuditEvent).where(AuditEvent.user_id == steering.id))
    }
    assert {
        "rule_version_imported",
        "rule_version_submitted",
        "rule_version_replayed",
        "rule_version_approved",
    } <= actions


def test_a_future_effective_date_waits_for_its_day(
    candidate_client: TestClient, make_user: Callable[..., User], db: Session
) -> None:
    client = candidate_client
    log_in(client, make_user(Role.STYRGRUPP))
    client.post("/regelverk/ladda-om", data={"csrf_token": csrf_token(client)})
    shipped, candidate = _versions(db)
    url = f"/regelverk/versioner/{candidate.id}"
    _post(client, f"{url}/granskning")
    start = swedish_time.today() + timedelta(days=10)
    assert _post(client, f"{url}/godkann", minutes_reference="SG", effective_from=str(start)) == 303
    assert shipped.hash[:12] in _in_force(parse(client.get("/regelverk").text))
    client.app.dependency_overrides[get_today] = lambda: start  # type: ignore[attr-defined]
    assert candidate.hash[:12] in _in_force(parse(client.get("/regelverk").text))


def test_admins_may_not_approve_and_broken_uploads_are_refused_in_swedish(
    client: TestClient, logged_in: Callable[..., User], db: Session, tmp_path: Path
) -> None:
    logged_in(Role.ADMIN)
    folder = changed_rules(tmp_path)
    broken = folder / "needs.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text + "version: igen\n", encoding="utf-8")
    response = client.post(
        "/regelverk/versioner/ladda-upp",
        files={"file": ("rules.zip", zipped(folder), "application/zip")},
        data={"csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    message = parse(client.get("/regelverk").text).find("p", class_="message")
    assert message is not None and "sparades inte" in message.text
    assert len(_versions(db)) == 1
    broken.write_text(text, encoding="utf-8")
    response = client.post(
        "/regelverk/versioner/ladda-upp",
        files={"file": ("rules.zip", zipped(folder), "application/zip")},
        data={"csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    _, uploaded = _versions(db)
    url = f"/regelverk/versioner/{uploaded.id}"
    assert response.headers["location"] == url
    assert _post(client, f"{url}/granskning") == 303
    assert (
        _post(client, f"{url}/godkann", minutes_reference="x", effective_from="2030-01-01") == 403
    )


def test_comments_per_row_are_shown_in_the_grid_and_audited(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    steering = logged_in(Role.STYRGRUPP)
    (version,) = _versions(db)
    url = f"/regelverk/versioner/{version.id}/tabeller/arbetsliv"
    grid = parse(client.get(url).text)
    row = grid.find("tr", id="rad-ARB-01")
    assert row is not None and len(row.find_all("td")) >= 5
    assert "Så väljs raderna" in grid.text
    assert _post(client, f"{url}/kommentarer", row_id="ARB-01", text="Stämmer åldern?") == 303
    assert _post(client, f"{url}/kommentarer", row_id="FINNS-INTE", text="x") == 404
    row = parse(client.get(url).text).find("tr", id="rad-ARB-01")
    assert row is not None and "Stämmer åldern?" in row.text
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "rule_row_commented")).all()
    assert [e.user_id for e in events] == [steering.id]
    catalogue = parse(client.get(f"/regelverk/versioner/{version.id}/katalog").text)
    lexicon = catalogue.find("h2", id="lexikon")
    assert lexicon is not None and len(catalogue.find_all("tr")) > 50


def test_demo_mode_may_try_a_draft_with_a_banner(
    settings: Settings, make_user: Callable[..., User], db: Session, tmp_path: Path
) -> None:
    demo_app = create_app(settings.model_copy(update={"demo": True}), freeze_at_start=False)
    with TestClient(demo_app, follow_redirects=False) as client:
        (first,) = _versions(db)
        assert first.status is RuleVersionStatus.APPROVED  # demo mode approves the first
        admin = make_user(Role.ADMIN)
        draft = rule_versions.store_rule_folder(
            db, changed_rules(tmp_path), by=admin, source="import"
        ).version
        member = make_user(Role.MGT, party="kommun")
        meeting = named_meeting(db, member)
        log_in(client, admin)
        assert _post(client, f"/regelverk/versioner/{draft.id}/prova") == 303
        client.cookies.clear()
        log_in(client, member)
        page = parse(client.get(f"/moten/{meeting.id}").text)
        banner = page.find("p", id="utkast-banner")
        assert banner is not None and "Utkast – inte godkänt" in banner.text
        client.cookies.clear()
        log_in(client, admin)
        assert _post(client, "/regelverk/versioner/sluta-prova") == 303
        client.cookies.clear()
        log_in(client, member)
        assert parse(client.get(f"/moten/{meeting.id}").text).find("p", id="utkast-banner") is None
