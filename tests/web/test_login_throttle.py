"""Failed log-ins are limited per name and address, per account and per address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, LoginAttempt, Role
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token
from tests.html import parse

pytestmark = pytest.mark.db


def _client(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, follow_redirects=False, client=(address, 50000))


def _try(client: TestClient, username: str, password: str) -> int:
    data = {"username": username, "password": password, "csrf_token": csrf_token(client)}
    return client.post("/login", data=data).status_code


def _alert(client: TestClient, username: str) -> str:
    data = {"username": username, "password": "fel", "csrf_token": csrf_token(client)}
    alert = parse(client.post("/login", data=data).text).find("p", role="alert")
    assert alert is not None
    return alert.text


@pytest.fixture
def clients(app: FastAPI) -> Iterator[list[TestClient]]:
    """Twelve browsers on twelve addresses."""
    opened = [_client(app, f"192.0.2.{n}") for n in range(1, 13)]
    for client in opened:
        client.__enter__()
    yield opened
    for client in opened:
        client.__exit__(None, None, None)


def test_many_addresses_against_one_account_are_stopped(
    clients: list[TestClient], make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    # Ten failures from ten addresses: each address stays under its own limit of five.
    for client in clients[:10]:
        assert _try(client, user.username, "fel-gissning") == 401
    # The account limit (10) now holds for every address, even with the right password.
    assert _try(clients[10], user.username, TEST_PASSWORD) == 429
    # Another account from the same address is not affected.
    other = make_user(Role.MGT)
    assert _try(clients[10], other.username, TEST_PASSWORD) == 303


def test_one_address_spraying_many_accounts_is_stopped(
    client: TestClient, make_user: UserFactory
) -> None:
    accounts = [make_user(Role.MGT) for _ in range(3)]
    # Twenty failures over twenty names, most of which do not exist, none repeated five times.
    for number in range(20):
        name = accounts[number % 3].username if number < 3 else f"gissat{number}"
        assert _try(client, name, "Sommar2026!") == 401
    assert _try(client, accounts[0].username, TEST_PASSWORD) == 429


def test_throttle_message_is_the_same_for_existing_and_unknown_names(
    app: FastAPI, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    with _client(app, "198.51.100.1") as first, _client(app, "198.51.100.2") as second:
        for _ in range(5):
            _try(first, user.username, "fel")
            _try(second, "finnsinte", "fel")
        assert _alert(first, user.username) == _alert(second, "finnsinte")
        assert _try(first, user.username, "fel") == _try(second, "finnsinte", "fel") == 429


def test_throttled_attempts_add_no_rows_and_are_audited(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    user = make_user(Role.MGT)
    for _ in range(8):
        _try(client, user.username, "fel")
    # Five failures, three rows each (name+address, account, address); the rest were refused.
    assert len(db.exec(select(LoginAttempt)).all()) == 15
    actions = [event.action for event in db.exec(select(AuditEvent))]
    assert actions.count("login_failed") == 5 and actions.count("login_throttled") == 3


def test_limits_come_from_the_settings(settings: Settings, make_user: UserFactory) -> None:
    app = create_app(
        settings.model_copy(update={"login_attempts_per_account": 2}), freeze_at_start=False
    )
    user = make_user(Role.MGT)
    with _client(app, "203.0.113.1") as first, _client(app, "203.0.113.2") as second:
        assert _try(first, user.username, "fel") == 401
        assert _try(second, user.username, "fel") == 401
        assert _try(first, user.username, TEST_PASSWORD) == 429
