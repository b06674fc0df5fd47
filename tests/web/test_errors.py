"""One error path: Swedish pages, compact fragments for htmx, no stack traces."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role, User
from tests.conftest import csrf_token
from tests.html import parse

pytestmark = pytest.mark.db


def test_404_is_a_swedish_page(client: TestClient, logged_in: Callable[..., User]) -> None:
    logged_in(Role.MGT)
    response = client.get("/finns-inte")
    assert response.status_code == 404
    page = parse(response.text)
    heading = page.find("h1")
    assert heading is not None and heading.text == "Sidan finns inte"
    nav = page.find("nav")
    assert nav is not None and nav.find("a", href="/moten") is not None


def test_403_fragment_for_htmx(client: TestClient, logged_in: Callable[..., User]) -> None:
    logged_in(Role.REMITTENT)
    response = client.get("/moten", headers={"HX-Request": "true"})
    assert response.status_code == 403
    page = parse(response.text)
    assert page.find("html") is None
    alert = page.find("div", role="alert")
    assert alert is not None and "behörighet" in alert.text


def test_history_restore_gets_the_full_page(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.REMITTENT)
    response = client.get(
        "/moten", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert parse(response.text).find("html") is not None


def test_422_is_a_swedish_page_not_json(client: TestClient) -> None:
    too_long = client.post(
        "/login", data={"username": "u" * 300, "password": "x", "csrf_token": csrf_token(client)}
    )
    assert too_long.status_code == 422
    assert too_long.headers["content-type"].startswith("text/html")
    heading = parse(too_long.text).find("h1")
    assert heading is not None and heading.text == "Uppgifterna kunde inte tas emot"


def test_500_shows_no_stack_trace(app: FastAPI) -> None:
    @app.get("/krasch")
    def crash() -> None:
        raise RuntimeError("hemlig intern detalj")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/krasch")
    assert response.status_code == 500
    assert "hemlig intern detalj" not in response.text
    assert "Traceback" not in response.text
    heading = parse(response.text).find("h1")
    assert heading is not None and heading.text == "Något gick fel"


def test_security_headers(client: TestClient) -> None:
    response = client.get("/login")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
