"""Absurd numbers in a path, a query or a form answer 422 in Swedish on every route, never 500."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

import pytest
from fastapi import FastAPI, Form
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mgt_assistant.db.models import Role, User
from mgt_assistant.web.app import ROUTERS
from mgt_assistant.web.bounds import in_range
from mgt_assistant.web.deps import SessionDep
from tests.conftest import csrf_token
from tests.html import parse
from tests.web.test_authorization import POLICY

pytestmark = pytest.mark.db

HUGE = {"2**63": str(2**63), "10**4300": "1" + "0" * 4300}


def _integer_path_params(dependant: Dependant) -> set[str]:
    found = {p.name for p in dependant.path_params if p.field_info.annotation is int}
    for sub in dependant.dependencies:
        found |= _integer_path_params(sub)
    return found


def _integer_routes() -> list[tuple[str, str, str]]:
    """Every (method, path, integer path parameter), read from the endpoints and their deps."""
    found: list[tuple[str, str, str]] = []
    for router in ROUTERS:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                continue
            # The endpoint's own parameters and those of its dependencies (MeetingRequestDep).
            numbered = _integer_path_params(route.dependant)
            for name in re.findall(r"\{(\w+)\}", route.path):
                if name in numbered:
                    methods = sorted(route.methods or ())
                    found.extend((method, route.path, name) for method in methods)
    return sorted(found)


INTEGER_ROUTES = _integer_routes()


def test_the_walk_sees_the_numbered_routes() -> None:
    # Guards against a walk that finds nothing and so proves nothing.
    assert ("GET", "/moten/{meeting_id}", "meeting_id") in INTEGER_ROUTES
    assert ("GET", "/moten/{meeting_id}/versioner/{number}", "number") in INTEGER_ROUTES
    assert ("POST", "/ansokningar/{application_id}/boka", "application_id") in INTEGER_ROUTES
    assert len(INTEGER_ROUTES) >= 20


def _fill(path: str, name: str, value: str) -> str:
    # The parameter under test gets the huge value, every other one a plain 1.
    def one(match: re.Match[str]) -> str:
        return value if match[1] == name else "1"

    return re.sub(r"\{(\w+)\}", one, path)


def _role_for(method: str, path: str) -> Role:
    allowed = POLICY[(method, path)]
    order = (Role.ADMIN, Role.MGT, Role.REMITTENT, Role.STYRGRUPP)
    return next(role for role in order if role in allowed)


@pytest.mark.parametrize("size", sorted(HUGE))
def test_every_integer_path_parameter_is_bounded(
    client: TestClient, logged_in: Callable[..., User], size: str
) -> None:
    roles: dict[Role, User] = {}
    statuses: dict[str, int] = {}
    for method, path, name in INTEGER_ROUTES:
        role = _role_for(method, path)
        if role not in roles:
            client.cookies.clear()
            roles = {role: logged_in(role)}
        url = _fill(path, name, HUGE[size])
        response = client.request(method, url, data={"csrf_token": csrf_token(client)})
        statuses[f"{method} {path} ({name})"] = response.status_code
    assert {route: code for route, code in statuses.items() if code != 422} == {}


def test_the_answer_is_a_swedish_page(client: TestClient, logged_in: Callable[..., User]) -> None:
    logged_in(Role.MGT)
    response = client.get(f"/moten/{2**63}")
    assert response.status_code == 422
    heading = parse(response.text).find("h1")
    assert heading is not None and heading.text == "Uppgifterna kunde inte tas emot"
    assert "orimligt stort" in response.text


@pytest.mark.parametrize("value", [str(2**31), str(-(2**63)), "9" * 5000])
def test_an_integer_query_parameter_is_bounded(
    client: TestClient, logged_in: Callable[..., User], value: str
) -> None:
    logged_in(Role.MGT)
    for path in ("/moten/1/andringar", "/moten/1/delar/plan"):
        assert client.get(path, params={"revision": value}).status_code == 422


def test_zero_and_negative_ids_are_refused_too(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.MGT)
    assert client.get("/moten/0").status_code == 422
    assert client.get("/moten/-1").status_code == 422
    assert client.get(f"/moten/{2**31 - 1}").status_code == 404


def test_a_4300_digit_birth_year_in_a_form_answers_422(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.REMITTENT)
    data = {
        "csrf_token": csrf_token(client),
        "kind": "ansokan",
        "birth_year": "1" * 4400,
        "action": "kontrollera",
    }
    response = client.post("/ansokningar/ny", data=data)
    assert 400 <= response.status_code < 500


def test_what_the_route_check_cannot_see_is_still_422(app: FastAPI) -> None:
    # A number the route reads as text and the database cannot hold: SQLite raises
    # OverflowError, PostgreSQL a DataError; both are bad input, not a fault.
    @app.get("/prov/{number}")
    def lookup(number: str, session: SessionDep) -> str:
        session.get(User, int(number))
        return "ok"

    app.state.reraise_errors = False
    with TestClient(app) as client:
        assert client.get(f"/prov/{2**63}").status_code == 422
        assert client.get(f"/prov/{2**31}").status_code in (200, 422)
        assert client.get("/prov/" + "7" * 4400).status_code == 422


def test_in_range_reads_plain_integers_only() -> None:
    assert in_range("2147483647", 1, 2**31 - 1)
    assert not in_range("2147483648", 1, 2**31 - 1)
    assert not in_range("0" * 3 + "9" * 20, 1, 2**31 - 1)
    assert in_range("0007", 1, 10)
    assert in_range("abc", 1, 10)  # left to FastAPI's own 422


def test_the_route_check_stops_path_and_form_numbers_before_the_database(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @app.post("/prov/{item}/tal")
    def store(item: int, number: Annotated[int, Form()], session: SessionDep) -> str:
        session.get(User, item)
        session.get(User, number)
        return "ok"

    with TestClient(app) as client:
        token = csrf_token(client)
        ok = client.post("/prov/1/tal", data={"number": "-5", "csrf_token": token})
        huge_form = client.post("/prov/1/tal", data={"number": str(2**63), "csrf_token": token})
        huge_path = client.post(f"/prov/{2**63}/tal", data={"number": "1", "csrf_token": token})
    assert (ok.status_code, huge_form.status_code, huge_path.status_code) == (200, 422, 422)
    # Refused by the check itself: the safety net after the database never fired.
    assert not [record for record in caplog.records if "refused input" in record.getMessage()]
