"""Walk every route: anonymous users go to the login page; each role gets what the policy says."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx2 import Response

from mgt_assistant.db.models import Role, User
from mgt_assistant.web.app import ROUTERS
from tests.conftest import UserFactory, csrf_token, log_in

pytestmark = pytest.mark.db

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/healthz")}


# The access policy, written out here rather than read from the code under test:
# which roles may reach each route. Any other role gets 403. "*" means every role.
# Meetings and cases hold personal data: admins (accounts, units, audit log) and the
# steering group never reach them; the referrer prints their own plan.
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
    ("GET", "/moten/{meeting_id}/behov-utan-insats"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/behov-utan-insats"): frozenset({M}),
    ("GET", "/administration"): frozenset({A}),
    ("POST", "/administration/anvandare"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/plats"): frozenset({A}),
    ("GET", "/administration/dataskydd"): frozenset({A}),
    ("POST", "/administration/dataskydd/gallra"): frozenset({A}),
    ("POST", "/administration/dataskydd/registerutdrag"): frozenset({A}),
    ("POST", "/administration/dataskydd/radera"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/roll"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/inaktivera"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/aktivera"): frozenset({A}),
    ("POST", "/administration/anvandare/{account_id}/losenord"): frozenset({A}),
    ("GET", "/administration/logg"): frozenset({A}),
    ("GET", "/administration/logg/export.csv"): frozenset({A}),
    ("GET", "/ansokningar"): frozenset({R, M}),
    ("POST", "/ansokningar"): frozenset({R, M}),
    ("GET", "/ansokningar/ny"): frozenset({R}),
    ("GET", "/ansokningar/ny-anonym"): frozenset({R}),
    ("POST", "/ansokningar/ny"): frozenset({R}),
    ("POST", "/ansokningar/forhandskontroll"): frozenset({R}),
    ("GET", "/ansokningar/{application_id}/andra"): frozenset({R}),
    ("POST", "/ansokningar/{application_id}/andra"): frozenset({R}),
    ("GET", "/ansokningar/{application_id}"): frozenset({R, M}),
    ("POST", "/ansokningar/{application_id}/status"): frozenset({M}),
    ("POST", "/ansokningar/{application_id}/boka"): frozenset({M}),
    ("POST", "/ansokningar/{application_id}/ej-aktuell"): frozenset({M}),
    ("POST", "/ansokningar/{application_id}/samtycke/aterkalla"): frozenset({R, M}),
    ("GET", "/moten"): frozenset({M}),
    ("POST", "/moten"): frozenset({M}),
    ("POST", "/moten/sok"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/samtal"): frozenset({M}),
    ("GET", "/moten/{meeting_id}"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/andringar"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/delar/{name}"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/meddelanden"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/beslut"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/versioner/{number}"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/utskrift"): frozenset({R, M}),
    ("POST", "/moten/{meeting_id}/forslag"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/angra"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/fraga"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/behov"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/behov/ej-aktuellt"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/behov/granska"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/behov/uppgift"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/akut/hanterat"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/mal"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/plan"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/plan/{intervention_id}"): frozenset({M}),
    ("POST", "/moten/{meeting_id}/plan/{intervention_id}/ta-bort"): frozenset({M}),
    ("GET", "/moten/{meeting_id}/testfall"): frozenset({M}),
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


def _to_login(response: Response) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith("/login")


def test_anonymous_is_sent_to_login(client: TestClient) -> None:
    # One client walks every route (a test per route cost an app and a database each).
    wrong = {
        f"{method} {path}": response.status_code
        for method, path in ROUTES
        if not _to_login(
            response := client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
        )
    }
    assert wrong == {}


def _request_as(client: TestClient, user: User, method: str, path: str) -> Response:
    """Request ``path`` as ``user``, logged in; log in again if an earlier route ended it."""
    response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
    if _to_login(response):
        # Not logged in (any more): a route before this one logged out or ended the
        # session. Log in afresh and ask again; what counts is the answer when logged in.
        client.cookies.clear()
        log_in(client, user)
        response = client.request(method, _path(path), data={"csrf_token": csrf_token(client)})
    return response


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_gets_exactly_what_the_policy_says(
    client: TestClient, make_user: UserFactory, role: Role
) -> None:
    # One account of the role walks every route, logging in once (and again only after a
    # route that ends the session), instead of one database and login per route × role.
    user = make_user(role)
    log_in(client, user)
    wrong: list[str] = []
    for method, path in ROUTES:
        response = _request_as(client, user, method, path)
        allowed = response.status_code != 403
        if allowed != (role in POLICY[(method, path)]):
            wrong.append(f"{method} {path}: {response.status_code}")
    assert wrong == [], f"{role.value} får fel svar (403 = nekad) på: {wrong}"


def test_htmx_request_without_login_gets_hx_redirect(client: TestClient) -> None:
    response = client.get("/moten", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login")
