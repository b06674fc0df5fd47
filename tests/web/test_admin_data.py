"""Dataskydd in the web: gallring counts and run, the register extract, erasing one case."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from mgt_assistant.db.models import Application, AuditEvent, DataRemoval, Role, User
from tests.conftest import UserFactory, csrf_token
from tests.html import parse
from tests.retention_factory import SNIPPETS, TODAY, Fixture, every_text, figures, make_fixture

pytestmark = pytest.mark.db
PAGE = "/administration/dataskydd"


@pytest.fixture
def cases(db: Session, make_user: UserFactory, monkeypatch: pytest.MonkeyPatch) -> Fixture:
    """The gallring fixture (the team member is user 1), with today fixed."""
    monkeypatch.setattr("mgt_assistant.domain.swedish_time.today", lambda: TODAY)
    return make_fixture(db, make_user(Role.MGT, party="kommun"), make_user(Role.REMITTENT))


def _post(client: TestClient, path: str, **fields: str) -> tuple[int, str, dict[str, str]]:
    response = client.post(PAGE + path, data={"csrf_token": csrf_token(client), **fields})
    return response.status_code, response.text, dict(response.headers)


def _count_cell(page: str, label: str) -> str:
    for row in parse(page).find_all("tr"):
        header = row.find("th")
        if header is not None and header.text == label:
            cell = row.find("td")
            assert cell is not None
            return cell.text
    raise AssertionError(f"ingen rad {label}")


def test_page_shows_the_periods_and_what_is_due_without_names(
    client: TestClient, logged_in: Callable[..., User], cases: Fixture
) -> None:
    logged_in(Role.ADMIN)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert _count_cell(response.text, "Ärenden som raderas helt") == "1"
    assert _count_cell(response.text, "Utkast som inte ändrats") == "90"
    assert not [snippet for snippet in SNIPPETS if snippet in response.text]


def test_gallring_needs_the_tick_then_runs_and_is_listed(
    client: TestClient,
    logged_in: Callable[..., User],
    cases: Fixture,
    db: Session,
    engine: Engine,
) -> None:
    admin = logged_in(Role.ADMIN)
    status, page, _ = _post(client, "/gallra")
    assert status == 422
    assert parse(page).find("p", id="bekrafta-fel") is not None
    status, _, headers = _post(client, "/gallra", bekrafta="ja")
    assert (status, headers["location"]) == (303, PAGE)
    assert not [snippet for snippet in SNIPPETS if snippet in every_text(engine)]
    removal = db.exec(select(DataRemoval)).one()
    assert (removal.user_id, removal.cases_deleted, removal.cases_anonymised) == (admin.id, 1, 7)
    listed = parse(client.get(PAGE).text).find("table", **{"aria-labelledby": "senaste"})
    assert listed is not None and "Gallring" in listed.text and admin.username in listed.text


def test_erasure_shows_the_case_then_asks_for_its_number(
    client: TestClient,
    logged_in: Callable[..., User],
    cases: Fixture,
    db: Session,
    engine: Engine,
) -> None:
    admin = logged_in(Role.ADMIN)
    before = figures(db)
    number = str(cases.full_case)
    status, page, _ = _post(client, "/radera", arende=number)
    assert status == 200
    assert parse(page).find("h1").text == f"Radera ärende {number}?"  # type: ignore[union-attr]
    assert db.get(Application, cases.full_case) is not None
    status, page, _ = _post(client, "/radera", arende=number, bekrafta="ja", kontroll="1234")
    assert status == 422
    error = parse(page).find("p", id="kontroll-fel")
    assert error is not None and error.text == f"Skriv {number} för att bekräfta raderingen."
    status, _, headers = _post(
        client, "/radera", arende=number, bekrafta="ja", kontroll=number, statistik="behall"
    )
    assert (status, headers["location"]) == (303, PAGE)
    db.expire_all()
    erased = db.get(Application, cases.full_case)
    assert erased is not None and erased.anonymised_at is not None
    assert "Han har skulder" not in every_text(engine)
    assert figures(db) == before
    logged = db.exec(select(AuditEvent).where(AuditEvent.action == "case_erased")).one()
    assert (logged.user_id, logged.object_id) == (admin.id, number)
    notice = parse(client.get(PAGE).text).text
    assert f"Ärende {number} är avidentifierat." in notice


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("abc", "Ange ärendets nummer, ett heltal."),
        (str(2**63), "Ange ärendets nummer, ett heltal."),
        ("9" * 4300, "Ange ärendets nummer, ett heltal."),
        ("99999", "Det finns inget ärende med nummer 99999."),
    ],
)
def test_erasure_of_a_bad_number_is_refused_in_swedish(
    client: TestClient, logged_in: Callable[..., User], cases: Fixture, number: str, message: str
) -> None:
    logged_in(Role.ADMIN)
    status, page, _ = _post(client, "/radera", arende=number)
    assert status == 422
    summary = parse(page).find("div", **{"class": "error-summary"})
    assert summary is not None and message in summary.text


def test_register_extract_as_a_page_and_as_json_is_logged_and_not_cached(
    client: TestClient, logged_in: Callable[..., User], cases: Fixture, db: Session
) -> None:
    logged_in(Role.ADMIN)
    status, page, headers = _post(client, "/registerutdrag", personnummer="19850312-2387")
    assert status == 200
    assert headers["cache-control"] == "no-store"
    document = parse(page)
    assert document.find("h2", id=f"arende-{cases.full_case}") is not None
    headings = [h.text for h in document.find_all("h3")]
    assert "Meddelanden i mötet" in headings and "Uppföljningar" in headings
    assert "Han har skulder och är deprimerad." in document.text
    status, body, headers = _post(
        client, "/registerutdrag", arende=str(cases.full_case), format="json"
    )
    assert status == 200
    assert headers["content-disposition"].startswith('attachment; filename="registerutdrag-')
    extract = json.loads(body)["registerutdrag"]
    assert extract["avser"] == f"ärende {cases.full_case}"
    logged = db.exec(select(AuditEvent).where(AuditEvent.action == "register_extract")).all()
    assert len(logged) == 2


def test_register_extract_refusal_is_one_swedish_line_on_the_page(
    client: TestClient, logged_in: Callable[..., User], cases: Fixture
) -> None:
    logged_in(Role.ADMIN)
    status, page, _ = _post(client, "/registerutdrag", personnummer="19850312-2388")
    assert status == 422
    error = parse(page).find("p", id="utdrag-fel")
    assert error is not None
    assert error.text == "Kontrollsiffran stämmer inte. Kontrollera personnumret."
    # The personnummer typed is not shown again.
    assert "19850312-2388" not in page
