"""Walk every route: anonymous users go to the login page; each role gets what the policy says."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role, User
from mgt_assistant.web.app import ROUTERS
from tests.conftest import csrf_token

pytestmark = pytest.mark.db

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/healthz")}


# The access policy, written out here rather than read from the code under test:
# which roles may reach each route. Any other role gets 403. "*" means every role.
A, M, R, S = Role.ADMIN, Role.MGT, Role.REMITTENT, Role.STYRGRUPP
EVERY = frozenset(Role)
POLICY: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/"): EVERY,
    ("POST", "/logout"): EVERY,
    ("GET", "/konto"): EVERY,
    ("POST", "/konto/sessioner"): EVERY,
    ("POST", "/konto/losenord"): EVERY,
    ("GET", "/uppfoljning"): frozenset({S, M, A}),
    ("GET", "/uppfoljning/export.{extension}"): frozenset({S, M, A}),
    ("GET", "/uppfoljning/att-folja-upp"): frozenset({M, R}),
    ("GET", "/uppfoljning/paminnelse"): EVERY,
    ("GET", "/uppfoljning/arenden/{application_id}/avsluta"): frozenset({M, R}),
    ("POST", "/uppfoljning/arenden/{application_id}/avsluta"): frozenset({M, R}),
    ("GET", "/uppfoljning/arenden/{application_id}/{months}-manader"): frozenset({M, R}),
    ("POST", "/uppfoljning/arenden/{application_id}/{months}-manader"): frozenset({M, R}),
    ("GET", "/uppfoljning/arenden/{application_id}/skattning"): frozenset({M, R}),
    ("POST", "/uppfoljning/arenden/{application_id}/skattning"): frozenset({M, R}),
    ("GET", "/administration"): frozenset({A}),
    ("POST", "/administration/anvandare"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/plats"): frozenset({A}),
    ("GET", "/administration/logg"): frozenset({A}),
    ("GET", "/administration/logg/export.csv"): frozenset({A}),
    ("GET", "/ansokningar"): frozenset({R, M, A}),
    ("GET", "/ansokningar/ny"): frozenset({R}),
    ("GET", "/ansokningar/ny-anonym"): frozenset({R}),
    ("POST", "/ansokningar/ny"): frozenset({R}),
    ("POST", "/ansokningar/forhandskontroll"): frozenset({R}),
    ("GET", "/ansokningar/{application_id}/andra"): frozenset({R}),
    ("POST", "/ansokningar/{application_id}/andra"): frozenset({R}),
    ("GET", "/ansokningar/{application_id}"): frozenset({R, M, A}),
    ("POST", "/ansokningar/{application_id}/status"): frozenset({M, A}),
    ("POST", "/ansokningar/{application_id}/boka"): frozenset({M, A}),
    ("POST", "/ansokningar/{application_id}/ej-aktuell"): frozenset({M, A}),
    ("POST", "/ansokningar/{application_id}/samtycke/aterkalla"): frozenset({R, M, A}),
    ("GET", "/moten"): frozenset({M, A}),
    ("POST", "/moten"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}/andringar"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}/delar/{name}"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/meddelanden"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/beslut"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}/versioner/{number}"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}/utskrift"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/forslag"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/angra"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/fraga"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/behov"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/behov/ej-aktuellt"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/behov/granska"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/behov/uppgift"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/akut/hanterat"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/mal"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/plan"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/plan/{intervention_id}"): frozenset({M, A}),
    ("POST", "/moten/{meeting_id}/plan/{intervention_id}/ta-bort"): frozenset({M, A}),
    ("GET", "/moten/{meeting_id}/testfall"): frozenset({M, A}),
    ("GET", "/regelverk"): frozenset({S, M, A}),
    ("GET", "/regelverk/tabeller/{table_id}"): frozenset({S, M, A}),
    ("GET", "/regelverk/insatser"): frozenset({S, M, A}),
    ("POST", "/regelverk/ladda-om"): frozenset({S, A}),
    ("GET", "/regelverk/versioner/{version_id}"): frozenset({S, M, A}),
    ("GET", "/regelverk/versioner/{version_id}/tabeller/{table_id}"): frozenset({S, M, A}),
    ("GET", "/regelverk/versioner/{version_id}/katalog"): frozenset({S, M, A}),
    ("GET", "/regelverk/versioner/{version_id}/jamfor"): frozenset({S, M, A}),
    ("POST", "/regelverk/versioner/ladda-upp"): frozenset({A}),
    ("POST", "/regelverk/versioner/sluta-prova"): frozenset({S, A}),
    ("POST", "/regelverk/versioner/{version_id}/granskning"): frozenset({S, A}),
    ("POST", "/regelverk/versioner/{version_id}/godkann"): frozenset({S}),
    ("POST", "/regelverk/versioner/{version_id}/tillbaka"): frozenset({S, A}),
    ("POST", "/regelverk/versioner/{version_id}/prova"): frozenset({S, A}),
    ("POST", "/regelverk/versioner/{version_id}/provkorning"): frozenset({S, A}),
    ("POST", "/regelverk/versioner/{version_id}/tabeller/{table_id}/kommentarer"): frozenset(
        {S, A}
    ),
}


def _app_routes() -> list[tuple[str, str]]:
    return sorted(
        (method, route.path)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
        if (method, route.path) not in PUBLIC
    )


def _path(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", template)


ROUTES = sorted(POLICY)


def test_the_policy_names_every_route_and_nothing_else() -> None:
    assert _app_routes() == ROUTES


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_anonymous_is_sent_to_login(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_each_role_gets_exactly_what_the_policy_says(
    client: TestClient, logged_in: Callable[..., User], method: str, path: str
) -> None:
    denied: list[Role] = []
    allowed: list[Role] = []
    for role in Role:
        client.cookies.clear()
        logged_in(role)
        response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
        (allowed if response.status_code != 403 else denied).append(role)
    assert frozenset(allowed) == POLICY[(method, path)], f"403 för {denied}"


def test_htmx_request_without_login_gets_hx_redirect(client: TestClient) -> None:
    response = client.get("/moten", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login")
