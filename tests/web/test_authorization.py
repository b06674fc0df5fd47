"""Walk every route: anonymous users go to the login page, wrong roles get 403."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role, User
from mgt_assistant.web.app import ROUTERS
from mgt_assistant.web.deps import get_current_user
from tests.conftest import csrf_token

pytestmark = pytest.mark.db

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/healthz")}


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def _routes() -> list[tuple[str, str, frozenset[Role] | None]]:
    found = []
    for route in (route for router in ROUTERS for route in router.routes):
        if not isinstance(route, APIRoute):
            continue
        calls = list(_calls(route.dependant))
        roles: frozenset[Role] | None = None
        for call in calls:
            roles = getattr(call, "allowed_roles", roles)
        requires_login = get_current_user in calls
        for method in sorted(route.methods or ()):
            if (method, route.path) in PUBLIC:
                continue
            assert requires_login, f"{method} {route.path} kräver inte inloggning"
            found.append((method, route.path, roles))
    return found


def _path(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", template)


ROUTES = _routes()
ROLE_ROUTES = [(method, path, roles) for method, path, roles in ROUTES if roles is not None]


def test_every_route_is_checked() -> None:
    assert len(ROUTES) >= 6


@pytest.mark.parametrize(
    ("method", "path", "roles"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES]
)
def test_anonymous_is_sent_to_login(
    client: TestClient, method: str, path: str, roles: frozenset[Role] | None
) -> None:
    response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


@pytest.mark.parametrize(
    ("method", "path", "roles"), ROLE_ROUTES, ids=[f"{m} {p}" for m, p, _ in ROLE_ROUTES]
)
def test_wrong_roles_get_403(
    client: TestClient,
    logged_in: Callable[..., User],
    method: str,
    path: str,
    roles: frozenset[Role],
) -> None:
    for role in Role:
        if role in roles:
            continue
        client.cookies.clear()
        logged_in(role)
        response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
        assert response.status_code == 403, f"{role} fick {response.status_code} på {path}"


def test_htmx_request_without_login_gets_hx_redirect(client: TestClient) -> None:
    response = client.get("/moten", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login")
