"""The user's own account: the CSRF seed at log-in, their sessions, and changing the password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, AuthSession, Role, User
from mgt_assistant.web.security import CSRF_COOKIE
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token, log_in
from tests.html import parse

pytestmark = pytest.mark.db

NEW_PASSWORD = "syrener-blommar-efter-regnet"


@pytest.fixture
def second(app: FastAPI) -> Iterator[TestClient]:
    """Another browser."""
    with TestClient(app, follow_redirects=False) as other:
        yield other


def _change(client: TestClient, current: str, new: str, again: str | None = None) -> Response:
    data = {
        "current_password": current,
        "new_password": new,
        "new_password_again": new if again is None else again,
        "csrf_token": csrf_token(client),
    }
    return client.post("/konto/losenord", data=data)


def _error(response: Response) -> str:
    alert = parse(response.text).find("p", role="alert")
    assert alert is not None
    return str(alert.text)


def test_log_in_and_log_out_give_a_new_csrf_seed(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    client.get("/login")
    before = client.cookies[CSRF_COOKIE]
    old_token = csrf_token(client)
    log_in(client, user)
    after = client.cookies[CSRF_COOKIE]
    assert after != before and len(after) >= 32
    # A token made from the seed planted before log-in is worth nothing now.
    refused = client.post("/konto/sessioner", data={"csrf_token": old_token})
    assert refused.status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert client.cookies[CSRF_COOKIE] != after


def test_the_header_links_to_the_account_page(client: TestClient, make_user: UserFactory) -> None:
    log_in(client, make_user(Role.REMITTENT))
    header = parse(client.get("/").text).find("header")
    assert header is not None and header.find("a", href="/konto") is not None


def test_a_user_sees_and_ends_their_other_sessions(
    client: TestClient, second: TestClient, make_user: UserFactory, db: Session
) -> None:
    user = make_user(Role.MGT)
    log_in(second, user)
    log_in(client, user)
    page = parse(client.get("/konto").text)
    body = page.find("tbody")
    assert body is not None
    rows = body.find_all("tr")
    assert len(rows) == 2
    assert sorted(row.find_all("td")[2].text for row in rows) == ["Den här", "En annan"]
    assert "kl." in rows[0].find_all("td")[0].text

    response = client.post("/konto/sessioner", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    notice = parse(client.get("/konto").text).find("div", id="meddelanden")
    assert notice is not None and "1 andra inloggning avslutade" in notice.text
    assert second.get("/").status_code == 303  # sent to the login page
    assert client.get("/").status_code == 200
    assert len(db.exec(select(AuthSession)).all()) == 1
    assert "sessions_ended" in [event.action for event in db.exec(select(AuditEvent))]


def test_last_seen_is_noted(client: TestClient, make_user: UserFactory, db: Session) -> None:
    log_in(client, make_user(Role.MGT))
    client.get("/")
    row = db.exec(select(AuthSession)).one()
    assert row.last_seen_at is not None and row.last_seen_at >= row.created_at


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        (TEST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "De två nya lösenorden är inte lika."),
        (TEST_PASSWORD, "password12", None, "Lösenordet är för lätt att gissa"),
        (TEST_PASSWORD, "kort", None, "Lösenordet måste ha minst 10 tecken."),
        ("fel-lösenord", NEW_PASSWORD, None, "Det nuvarande lösenordet stämmer inte."),
        (TEST_PASSWORD, TEST_PASSWORD, None, "Det nya lösenordet måste skilja sig"),
    ],
)
def test_a_password_change_is_refused_in_swedish(
    client: TestClient,
    make_user: UserFactory,
    db: Session,
    current: str,
    new: str,
    again: str | None,
    message: str,
) -> None:
    user = make_user(Role.MGT)
    log_in(client, user)
    hash_before = user.password_hash
    response = _change(client, current, new, again)
    assert response.status_code == 422
    assert _error(response).startswith(message)
    db.expire_all()
    stored = db.get(User, user.id)
    assert stored is not None and stored.password_hash == hash_before


def test_the_users_own_name_is_not_a_password(client: TestClient, make_user: UserFactory) -> None:
    user = make_user(Role.MGT, username="lovisa.lindqvist", display_name="Lovisa Lindqvist")
    log_in(client, user)
    response = _change(client, TEST_PASSWORD, "lovisa.lindqvist1")
    assert _error(response).startswith("Lösenordet är för lätt att gissa")


def test_a_password_change_ends_every_other_session(
    client: TestClient, second: TestClient, make_user: UserFactory, db: Session
) -> None:
    user = make_user(Role.MGT)
    log_in(second, user)
    log_in(client, user)
    old_cookie = client.cookies["mgt_session"]
    response = _change(client, TEST_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 303
    assert client.cookies["mgt_session"] != old_cookie
    assert client.get("/").status_code == 200
    assert second.get("/").status_code == 303
    second.cookies.clear()
    log_in(second, user, NEW_PASSWORD)
    second.cookies.clear()
    data = {"username": user.username, "password": TEST_PASSWORD}
    old = second.post("/login", data={**data, "csrf_token": csrf_token(second)})
    assert old.status_code == 401
    assert "password_changed" in [event.action for event in db.exec(select(AuditEvent))]


def test_guessing_the_current_password_is_throttled(
    client: TestClient, make_user: UserFactory
) -> None:
    log_in(client, make_user(Role.MGT))
    for _ in range(5):
        _change(client, "gissning", NEW_PASSWORD)
    response = _change(client, TEST_PASSWORD, NEW_PASSWORD)
    assert _error(response).startswith("För många felaktiga försök")
