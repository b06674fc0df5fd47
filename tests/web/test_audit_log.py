"""The audit log page: reads, filters, pages and exports what was logged, and logs itself."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, Role, User
from mgt_assistant.services.audit import PAGE_SIZE
from tests.html import parse

pytestmark = pytest.mark.db


def _rows(html: str) -> list[list[str]]:
    table = parse(html).find("table")
    assert table is not None
    body = table.find("tbody")
    assert body is not None
    return [[cell.text for cell in row.find_all("td")] for row in body.find_all("tr")]


def _log(db: Session, user: User, action: str, object_id: str, days_ago: int = 0) -> None:
    at = datetime.now(UTC) - timedelta(days=days_ago)
    db.add(
        AuditEvent(
            at=at, user_id=user.id, action=action, object_type="meeting", object_id=object_id
        )
    )
    db.commit()


def test_admin_reads_the_log_newest_first_with_swedish_labels(
    client: TestClient,
    logged_in: Callable[..., User],
    make_user: Callable[..., User],
    db: Session,
) -> None:
    member = make_user(Role.MGT, party="region")
    _log(db, member, "meeting_viewed", "7", days_ago=2)
    _log(db, member, "plan_printed", "7", days_ago=1)
    logged_in(Role.ADMIN)
    response = client.get("/administration/logg", params={"object_id": "7"})
    assert response.status_code == 200
    rows = _rows(response.text)
    assert [row[2] for row in rows] == ["Skrev ut planen", "Läste mötet"]
    assert all(row[1] == member.username for row in rows)


def test_filters_by_user_action_and_day(
    client: TestClient,
    logged_in: Callable[..., User],
    make_user: Callable[..., User],
    db: Session,
) -> None:
    one = make_user(Role.MGT, party="af")
    two = make_user(Role.MGT, party="fk")
    _log(db, one, "meeting_viewed", "1", days_ago=10)
    _log(db, one, "meeting_viewed", "2")
    _log(db, two, "meeting_viewed", "3")
    logged_in(Role.ADMIN)
    today = datetime.now(UTC).date()
    by_user = _rows(
        client.get(
            "/administration/logg",
            params={"username": one.username, "action": "meeting_viewed"},
        ).text
    )
    assert sorted(row[3] for row in by_user) == ["Möte 1", "Möte 2"]
    recent = _rows(
        client.get(
            "/administration/logg",
            params={
                "username": one.username,
                "date_from": (today - timedelta(days=1)).isoformat(),
                "date_to": (today + timedelta(days=1)).isoformat(),
            },
        ).text
    )
    assert [row[3] for row in recent] == ["Möte 2"]


def test_a_bad_date_keeps_what_was_typed_and_says_why(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.ADMIN)
    response = client.get("/administration/logg", params={"date_from": "igår", "username": "kim"})
    assert response.status_code == 422
    page = parse(response.text)
    assert "ÅÅÅÅ-MM-DD" in page.text
    field = page.find("input", id="username")
    assert field is not None and field.attrs["value"] == "kim"


def test_pages_of_fifty(
    client: TestClient,
    logged_in: Callable[..., User],
    make_user: Callable[..., User],
    db: Session,
) -> None:
    member = make_user(Role.MGT, party="kommun")
    for number in range(PAGE_SIZE + 5):
        _log(db, member, "meeting_viewed", str(number))
    logged_in(Role.ADMIN)
    first = client.get("/administration/logg", params={"username": member.username})
    second = client.get("/administration/logg", params={"username": member.username, "page": "2"})
    assert len(_rows(first.text)) == PAGE_SIZE
    assert len(_rows(second.text)) == 5
    pager = parse(first.text).find("nav", **{"aria-label": "Sidor i loggen"})
    assert pager is not None and "Nästa sida" in pager.text


def test_csv_export_holds_the_filtered_rows_and_is_logged(
    client: TestClient,
    logged_in: Callable[..., User],
    make_user: Callable[..., User],
    db: Session,
) -> None:
    member = make_user(Role.MGT, party="region")
    _log(db, member, "meeting_viewed", "42")
    admin = logged_in(Role.ADMIN)
    response = client.get("/administration/logg/export.csv", params={"username": member.username})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["tid", "användare", "händelse", "beskrivning", "objekttyp", "objekt-id"]
    assert [row[1:] for row in rows[1:]] == [
        [member.username, "meeting_viewed", "Läste mötet", "meeting", "42"]
    ]
    exported = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "audit_log_exported", AuditEvent.user_id == admin.id
        )
    ).all()
    assert len(exported) == 1
