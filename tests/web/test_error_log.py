"""An unexpected error is logged by type and request id only: no SQL, no values, no traceback."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from mgt_assistant.web.deps import SessionDep
from tests.html import parse

pytestmark = pytest.mark.db

HEALTH_TEXT = "missbruk-och-depression-7391"


@pytest.fixture
def failing_app(app: FastAPI) -> FastAPI:
    """The app with a route whose query fails and carries a personal value as its parameter."""

    @app.get("/prov/fel")
    def broken(session: SessionDep) -> None:
        session.execute(
            text("SELECT no_such_column FROM user_does_not_exist WHERE x = :note"),
            {"note": HEALTH_TEXT},
        )

    @app.get("/prov/krasch")
    def crash() -> None:
        raise RuntimeError(f"internal detail {HEALTH_TEXT}")

    app.state.reraise_errors = False
    return app


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        assert record.exc_info is None and record.exc_text is None and record.stack_info is None
    return "\n".join(lines)


def test_a_database_error_logs_no_sql_and_no_values(
    failing_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(failing_app) as client:
        response = client.get("/prov/fel")
    assert response.status_code == 500
    request_id = response.headers["X-Request-Id"]
    logged = _logged(caplog)
    for leak in (HEALTH_TEXT, "SELECT", "user_does_not_exist", "[SQL", "Traceback", 'File "'):
        assert leak not in logged, leak
    assert f"request {request_id}" in logged
    assert "unexpected" in logged and ("OperationalError" in logged or "ProgrammingError" in logged)
    assert HEALTH_TEXT not in response.text and "SELECT" not in response.text


def test_the_500_page_shows_the_request_id_from_the_log(
    failing_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with TestClient(failing_app) as client:
        response = client.get("/prov/krasch")
        fragment = client.get("/prov/krasch", headers={"HX-Request": "true"})
    assert response.status_code == 500
    request_id = response.headers["X-Request-Id"]
    assert len(request_id) == 12
    page = parse(response.text)
    code = page.find("code")
    assert code is not None and code.text == request_id
    assert fragment.headers["X-Request-Id"] in fragment.text
    logged = _logged(caplog)
    assert f"unexpected RuntimeError request {request_id} route /prov/krasch" in logged
    assert HEALTH_TEXT not in logged and "internal detail" not in logged


def test_every_response_carries_a_fresh_request_id(client: TestClient) -> None:
    first = client.get("/login").headers["X-Request-Id"]
    second = client.get("/login").headers["X-Request-Id"]
    assert first != second
