"""Regelverk: the steering group reads the rules in use and stores only clean files."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from mgt_assistant.db.models import Role, RuleSetVersion, User
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from tests.conftest import csrf_token, log_in
from tests.html import parse

pytestmark = pytest.mark.db


def test_overview_shows_version_hash_tables_and_scenarios(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.STYRGRUPP)
    page = parse(client.get("/regelverk").text)
    facts = {
        dt.text: dd.text for dt, dd in zip(page.find_all("dt"), page.find_all("dd"), strict=True)
    }
    assert facts["Version"] and len(facts["Innehållshash"]) == 12
    links = [
        str(a.attrs["href"])
        for a in page.find_all("a")
        if (a.attrs.get("href") or "").startswith("/regelverk/tabeller/")
    ]
    assert len(links) >= 3
    table_page = parse(client.get(links[0]).text)
    assert len(table_page.find_all("tr")) > 1
    catalogue = parse(client.get("/regelverk/insatser").text)
    assert len(catalogue.find_all("strong")) >= 30


def test_unknown_table_is_404(client: TestClient, logged_in: Callable[..., User]) -> None:
    logged_in(Role.MGT)
    assert client.get("/regelverk/tabeller/finns-inte").status_code == 404


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of the shipped rules that a test may break."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


@pytest.fixture
def editable_client(settings: Settings, rules_copy: Path, app: FastAPI) -> Iterator[TestClient]:
    """A client on an app whose rules folder is the test's own copy (shipped set approved)."""
    editable = create_app(
        settings.model_copy(update={"rules_dir": rules_copy}), freeze_at_start=False
    )
    with TestClient(editable, follow_redirects=False) as client:
        yield client


def _hashes(db: Session) -> list[str]:
    db.expire_all()
    return [v.hash for v in db.exec(select(RuleSetVersion).order_by(col(RuleSetVersion.id)))]


def test_broken_files_are_never_stored_and_clean_ones_only_as_a_draft(
    editable_client: TestClient, make_user: Callable[..., User], rules_copy: Path, db: Session
) -> None:
    log_in(editable_client, make_user(Role.STYRGRUPP))
    before = _hashes(db)
    needs_file = rules_copy / "needs.yaml"
    needs_file.write_text(needs_file.read_text() + "version: igen\n", encoding="utf-8")
    response = editable_client.post(
        "/regelverk/ladda-om", data={"csrf_token": csrf_token(editable_client)}
    )
    summary = parse(response.text).find("div", class_="error-summary")
    assert summary is not None and summary.attrs["role"] == "alert"
    assert "needs.yaml:" in summary.text
    assert _hashes(db) == before

    needs_file.write_text(needs_file.read_text().replace("version: igen\n", ""), encoding="utf-8")
    ruleset_file = rules_copy / "ruleset.yaml"
    ruleset_file.write_text(ruleset_file.read_text() + "\n# ändrad\n", encoding="utf-8")
    response = editable_client.post(
        "/regelverk/ladda-om", data={"csrf_token": csrf_token(editable_client)}
    )
    assert response.status_code == 303
    after = _hashes(db)
    assert after[:-1] == before and after[-1] != before[0]
    in_force = parse(editable_client.get("/regelverk").text).find("p", id="i-bruk")
    assert in_force is not None and before[0][:12] in in_force.text


def test_team_members_may_read_but_not_reload(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.MGT)
    assert client.get("/regelverk").status_code == 200
    response = client.post("/regelverk/ladda-om", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 403
