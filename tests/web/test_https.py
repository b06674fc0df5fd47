"""Behind https: HSTS, and state-changing requests must come from this site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from tests.conftest import TEST_PASSWORD, UserFactory, csrf_token
from tests.html import parse

pytestmark = pytest.mark.db

OWN = "https://testserver"


@pytest.fixture
def https_client(settings: Settings) -> Iterator[TestClient]:
    """A browser on the https instance (cookies are Secure, so the base URL is https)."""
    app = create_app(settings.model_copy(update={"https": True}), freeze_at_start=False)
    with TestClient(app, base_url=OWN, follow_redirects=False) as client:
        yield client


def _login(client: TestClient, username: str, headers: dict[str, str]) -> int:
    data = {"username": username, "password": TEST_PASSWORD, "csrf_token": csrf_token(client)}
    return client.post("/login", data=data, headers=headers).status_code


def test_hsts_only_over_https(https_client: TestClient, client: TestClient) -> None:
    assert (
        https_client.get("/login")
        .headers["strict-transport-security"]
        .startswith("max-age=31536000")
    )
    assert "strict-transport-security" not in client.get("/login").headers


def test_referrer_policy_lets_our_own_posts_carry_their_origin(client: TestClient) -> None:
    # With "no-referrer" browsers send "Origin: null" on same-site form posts.
    assert client.get("/login").headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver"},
        {"Referer": "https://evil.example/sida"},
    ],
)
def test_a_cross_site_post_is_refused_in_swedish(
    https_client: TestClient, make_user: UserFactory, headers: dict[str, str]
) -> None:
    user = make_user(Role.MGT)
    data = {"username": user.username, "password": TEST_PASSWORD}
    response = https_client.post(
        "/login", data={**data, "csrf_token": csrf_token(https_client)}, headers=headers
    )
    assert response.status_code == 403
    lead = parse(response.text).find("p", class_="lead")
    assert lead is not None and "annan webbplats" in lead.text


@pytest.mark.parametrize(
    "headers", [{"Origin": OWN}, {"Referer": OWN + "/login?next=/"}, {}], ids=str
)
def test_a_post_from_this_site_goes_through(
    https_client: TestClient, make_user: UserFactory, headers: dict[str, str]
) -> None:
    user = make_user(Role.MGT)
    assert _login(https_client, user.username, headers) == 303


def test_without_https_the_origin_is_not_checked(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT)
    assert _login(client, user.username, {"Origin": "https://evil.example"}) == 303


def test_safe_methods_are_not_checked(https_client: TestClient, app: FastAPI) -> None:
    assert https_client.get("/login", headers={"Origin": "https://evil.example"}).status_code == 200
