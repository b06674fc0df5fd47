"""Administration of accounts: deactivate, reactivate, role, password reset; denials logged."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlmodel import Session, col, select

from mgt_assistant.db.models import AuditEvent, Role, User
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token, log_in
from tests.html import parse
from tests.meeting_factory import named_meeting

pytestmark = pytest.mark.db

NEW_PASSWORD = "syrener-blommar-efter-regnet"


@pytest.fixture
def other(app: FastAPI) -> Iterator[TestClient]:
    """The managed user's own browser."""
    with TestClient(app, follow_redirects=False) as browser:
        yield browser


def _post(client: TestClient, path: str, **data: str) -> Response:
    return client.post(path, data={"csrf_token": csrf_token(client), **data})


def _row(html: str, account: User) -> str:
    row = parse(html).find("tr", id=f"konto-{account.id}")
    assert row is not None
    return str(row.text)


def _last(db: Session) -> AuditEvent:
    db.expire_all()
    event = db.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
    assert event is not None
    return event


def test_deactivating_ends_the_users_session_and_log_in(
    client: TestClient,
    other: TestClient,
    logged_in: Callable[..., User],
    make_user: UserFactory,
    db: Session,
) -> None:
    admin = logged_in(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun")
    log_in(other, member)
    assert other.get("/moten").status_code == 200

    response = _post(client, f"/administration/anvandare/{member.id}/inaktivera")
    assert response.status_code == 303
    assert (_last(db).action, _last(db).user_id) == ("user_deactivated", admin.id)
    assert "Inaktivt" in _row(client.get("/administration").text, member)
    # The open session is gone, and logging in again is refused.
    assert other.get("/moten").headers["location"].startswith("/login")
    refused = other.post(
        "/login",
        data={
            "username": member.username,
            "password": TEST_PASSWORD,
            "csrf_token": csrf_token(other),
        },
    )
    assert refused.status_code == 401

    assert _post(client, f"/administration/anvandare/{member.id}/aktivera").status_code == 303
    assert _last(db).action == "user_reactivated"
    log_in(other, member)
    assert other.get("/moten").status_code == 200


def test_role_change_and_refusal_next_to_the_row(
    client: TestClient, logged_in: Callable[..., User], make_user: UserFactory, db: Session
) -> None:
    logged_in(Role.ADMIN)
    board = make_user(Role.STYRGRUPP)
    refused = _post(client, f"/administration/anvandare/{board.id}/roll", role="mgt")
    assert refused.status_code == 422
    error = parse(refused.text).find("p", id=f"konto-{board.id}-kontofel")
    assert error is not None and "Ge kontot en part" in error.text
    details = parse(refused.text).find("tr", id=f"konto-{board.id}").find("details")  # type: ignore[union-attr]
    assert details is not None and "open" in details.attrs

    member = make_user(Role.MGT, party="region")
    done = _post(client, f"/administration/anvandare/{member.id}/roll", role="remittent")
    assert done.status_code == 303
    db.refresh(member)
    assert member.role is Role.REMITTENT
    assert _last(db).action == "user_role_changed"
    assert _post(client, "/administration/anvandare/999999/roll", role="mgt").status_code == 404
    bad = _post(client, f"/administration/anvandare/{member.id}/roll", role="kung")
    assert bad.status_code == 422


def test_the_admins_own_row_has_no_lockout_controls(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    admin = logged_in(Role.ADMIN)
    row = parse(client.get("/administration").text).find("tr", id=f"konto-{admin.id}")
    assert row is not None and row.find("details") is None
    refused = _post(client, f"/administration/anvandare/{admin.id}/inaktivera")
    assert refused.status_code == 422
    assert "ditt eget konto" in _row(refused.text, admin)


def test_reset_password_is_shown_once_and_must_be_changed_first(
    client: TestClient,
    other: TestClient,
    logged_in: Callable[..., User],
    make_user: UserFactory,
    db: Session,
) -> None:
    logged_in(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun")
    log_in(other, member)

    response = _post(client, f"/administration/anvandare/{member.id}/losenord")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    shown = parse(response.text).find("code", class_="temporary-password")
    assert shown is not None
    temporary = str(shown.text)
    assert temporary not in client.get("/administration").text
    assert _last(db).action == "password_reset"
    assert other.get("/moten").headers["location"].startswith("/login")

    log_in(other, member, temporary)
    # Every page but the account page sends the user to change the password first.
    for path in ("/", "/moten", "/uppfoljning/att-folja-upp"):
        blocked = other.get(path)
        assert (blocked.status_code, blocked.headers["location"]) == (303, "/konto"), path
    fragment = other.get("/moten", headers={"HX-Request": "true"})
    assert fragment.headers["HX-Redirect"] == "/konto"
    page = other.get("/konto")
    assert page.status_code == 200
    assert parse(page.text).find("div", id="byt-losenord-forst") is not None

    changed = _post(
        other,
        "/konto/losenord",
        current_password=temporary,
        new_password=NEW_PASSWORD,
        new_password_again=NEW_PASSWORD,
    )
    assert changed.status_code == 303
    db.refresh(member)
    assert not member.must_change_password
    assert other.get("/moten").status_code == 200


def test_an_admin_may_type_the_temporary_password(
    client: TestClient, other: TestClient, logged_in: Callable[..., User], make_user: UserFactory
) -> None:
    logged_in(Role.ADMIN)
    member = make_user(Role.REMITTENT)
    weak = _post(client, f"/administration/anvandare/{member.id}/losenord", password="sommar2026")
    assert weak.status_code == 422
    assert parse(weak.text).find("p", id=f"konto-{member.id}-kontofel") is not None
    typed = "blå-kastrull-under-bron-7"
    done = _post(client, f"/administration/anvandare/{member.id}/losenord", password=typed)
    assert done.status_code == 200
    log_in(other, member, typed)
    assert other.get("/").headers["location"] == "/konto"


def test_a_denial_is_logged_as_a_denial(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    member = logged_in(Role.STYRGRUPP)
    assert client.get("/administration").status_code == 403
    event = _last(db)
    assert (event.action, event.user_id, event.object_type) == ("access_denied", member.id, "page")
    assert event.object_id == "/administration"


def test_the_log_filters_by_case_and_names_account_changes(
    client: TestClient, logged_in: Callable[..., User], make_user: UserFactory, db: Session
) -> None:
    meeting = named_meeting(db, make_user(Role.MGT, party="kommun"))
    case_id = meeting.application_id
    other_case = case_id + 1000
    for object_type, object_id, action in (
        ("application", case_id, "application_viewed"),
        ("meeting", meeting.id, "meeting_viewed"),
        ("application", other_case, "application_viewed"),
    ):
        db.add(AuditEvent(action=action, object_type=object_type, object_id=str(object_id)))
    db.commit()
    logged_in(Role.ADMIN)
    page = client.get("/administration/logg", params={"case_id": str(case_id)})
    cells = [row.find_all("td")[3].text for row in parse(page.text).find("tbody").find_all("tr")]  # type: ignore[union-attr]
    # The case's own events and its meeting's (the booking logged some too), no other case's.
    assert set(cells) == {f"Ärende {case_id}", f"Möte {meeting.id}"}
    assert len(cells) >= 2
    export = client.get("/administration/logg/export.csv", params={"case_id": str(case_id)})
    assert export.text.count("\r\n") == len(cells) + 1
    bad = client.get("/administration/logg", params={"case_id": "tolv"})
    assert bad.status_code == 422
    assert parse(bad.text).find("p", id="case_id-fel") is not None
