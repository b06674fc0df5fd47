"""Forwarded headers count only from MGT_TRUSTED_PROXIES; the throttle sees the real client."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token

pytestmark = pytest.mark.db


def _with_echo(app: FastAPI) -> FastAPI:
    @app.get("/prov/adress")
    def address(request: Request) -> str:
        return request.client.host if request.client else "-"

    return app


def _seen(app: FastAPI, peer: str, forwarded: str) -> str:
    with TestClient(app, client=(peer, 40000)) as client:
        answer: str = client.get("/prov/adress", headers={"X-Forwarded-For": forwarded}).json()
    return answer


def test_by_default_no_forwarded_header_is_believed(settings: Settings) -> None:
    app = _with_echo(create_app(settings, freeze_at_start=False))
    assert _seen(app, "127.0.0.1", "203.0.113.9") == "127.0.0.1"


def test_a_trusted_proxy_gives_the_real_client(settings: Settings) -> None:
    trusted = settings.model_copy(update={"trusted_proxies": "10.0.0.0/8, 127.0.0.1"})
    app = _with_echo(create_app(trusted, freeze_at_start=False))
    assert _seen(app, "10.1.2.3", "203.0.113.9") == "203.0.113.9"
    # A client cannot add its own hop: the right-most untrusted address counts.
    assert _seen(app, "10.1.2.3", "198.51.100.1, 203.0.113.9") == "203.0.113.9"
    assert _seen(app, "192.0.2.50", "203.0.113.9") == "192.0.2.50"


def test_a_forged_header_does_not_escape_the_throttle(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    for number in range(5):
        data = {"username": user.username, "password": "fel", "csrf_token": csrf_token(client)}
        client.post("/login", data=data, headers={"X-Forwarded-For": f"203.0.113.{number}"})
    data = {"username": user.username, "password": TEST_PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post("/login", data=data, headers={"X-Forwarded-For": "203.0.113.99"})
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_count(
    settings: Settings, make_user: UserFactory
) -> None:
    app = create_app(
        settings.model_copy(update={"trusted_proxies": "10.0.0.1"}), freeze_at_start=False
    )
    user = make_user(Role.MGT)
    with TestClient(app, client=("10.0.0.1", 40000), follow_redirects=False) as proxy:
        for _ in range(5):
            data = {"username": user.username, "password": "fel", "csrf_token": csrf_token(proxy)}
            proxy.post("/login", data=data, headers={"X-Forwarded-For": "203.0.113.1"})
        data = {
            "username": user.username,
            "password": TEST_PASSWORD,
            "csrf_token": csrf_token(proxy),
        }
        blocked = proxy.post("/login", data=data, headers={"X-Forwarded-For": "203.0.113.1"})
        assert blocked.status_code == 429
        other = proxy.post("/login", data=data, headers={"X-Forwarded-For": "203.0.113.2"})
        assert other.status_code == 303
