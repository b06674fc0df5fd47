"""Log in, log out, the neutral failure message and the rate limit."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, Role
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token, log_in
from tests.html import parse

pytestmark = pytest.mark.db


def test_anonymous_start_page_redirects_to_login(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_login_page_is_swedish_with_labelled_fields(client: TestClient) -> None:
    page = parse(client.get("/login").text)
    html = page.find("html")
    assert html is not None and html.attrs["lang"] == "sv"
    for field in ("username", "password"):
        label = page.find("label", for_=field)
        assert label is not None and label.text
    heading = page.find("h1")
    assert heading is not None and heading.text == "Logga in"


def test_login_shows_role_start_page_then_logout(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    user = make_user(Role.REMITTENT, party="kommun", display_name="Sara Test")
    log_in(client, user)
    page = parse(client.get("/").text)
    heading = page.find("h1")
    assert heading is not None and "Sara Test" in heading.text
    nav = page.find("nav")
    assert nav is not None
    assert [a.text for a in nav.find_all("a")] == ["Ansökningar"]

    response = client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    assert client.get("/").status_code == 303
    mine = select(AuditEvent).where(AuditEvent.user_id == user.id)
    assert [event.action for event in db.exec(mine)] == ["login", "logout"]


def test_session_cookie_is_httponly_and_lax(client: TestClient, make_user: UserFactory) -> None:
    user = make_user(Role.MGT)
    response = client.post(
        "/login",
        data={
            "username": user.username,
            "password": TEST_PASSWORD,
            "csrf_token": csrf_token(client),
        },
    )
    cookie = response.headers["set-cookie"].lower()
    assert "mgt_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_wrong_password_gives_neutral_message_and_keeps_username(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    response = client.post(
        "/login",
        data={
            "username": user.username,
            "password": "fel-lösenord",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 401
    page = parse(response.text)
    alert = page.find("p", role="alert")
    assert alert is not None and alert.text.startswith("Fel användarnamn eller lösenord")
    username = page.find("input", id="username")
    assert username is not None and username.attrs["value"] == user.username
    unknown = client.post(
        "/login",
        data={"username": "finnsinte", "password": "x", "csrf_token": csrf_token(client)},
    )
    unknown_alert = parse(unknown.text).find("p", role="alert")
    assert unknown_alert is not None and unknown_alert.text == alert.text


def test_failed_logins_are_rate_limited(client: TestClient, make_user: UserFactory) -> None:
    user = make_user(Role.MGT)
    token = csrf_token(client)
    for _ in range(5):
        client.post(
            "/login", data={"username": user.username, "password": "fel", "csrf_token": token}
        )
    response = client.post(
        "/login", data={"username": user.username, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    alert = parse(response.text).find("p", role="alert")
    assert alert is not None and alert.text.startswith("För många misslyckade inloggningar")
    assert client.get("/").status_code == 303


def test_login_without_csrf_token_is_refused(client: TestClient, make_user: UserFactory) -> None:
    user = make_user(Role.MGT)
    client.get("/login")
    response = client.post("/login", data={"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 403
    alert = parse(response.text).find("h1")
    assert alert is not None and alert.text == "Åtkomst nekad"


def test_next_parameter_only_follows_local_paths(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    data = {"username": user.username, "password": TEST_PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post("/login", data={**data, "next": "//evil.example/"})
    assert response.headers["location"] == "/"
