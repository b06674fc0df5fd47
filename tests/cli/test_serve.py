"""`serve`: worker processes only on PostgreSQL, and no forwarded header trusted by the server."""

from __future__ import annotations

from typing import Any

import pytest

from mgt_assistant.cli import main

POSTGRES = "postgresql+psycopg://nobody@127.0.0.1:1/none"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """Record uvicorn.run's arguments instead of serving."""
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setenv("MGT_DEMO", "1")
    return calls


def test_one_worker_serves_the_app_without_proxy_headers(
    runs: list[tuple[Any, dict[str, Any]]],
) -> None:
    assert main(["serve", "--port", "8123"]) == 0
    (app, options), *_ = runs
    assert not isinstance(app, str)
    assert options["workers"] == 1 and options["port"] == 8123
    assert options["proxy_headers"] is False


def test_several_workers_on_postgresql_use_the_factory(
    runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", POSTGRES)
    assert main(["serve", "--workers", "4"]) == 0
    (app, options), *_ = runs
    assert app == "mgt_assistant.web.app:create_app"
    assert options["factory"] is True and options["workers"] == 4
    assert options["proxy_headers"] is False


def test_workers_from_the_environment(
    runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", POSTGRES)
    monkeypatch.setenv("MGT_WORKERS", "3")
    assert main(["serve"]) == 0
    assert runs[0][1]["workers"] == 3


def test_several_workers_on_sqlite_are_refused_in_one_swedish_line(
    runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--workers", "2"]) == 1
    assert runs == []
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "mgt-assistant: 2 serverprocesser kräver PostgreSQL (MGT_DATABASE_URL); "
        "SQLite klarar bara en process som skriver"
    ]


def test_a_bad_trusted_proxy_is_refused_in_one_line(
    runs: list[tuple[Any, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGT_TRUSTED_PROXIES", "10.0.0.1, proxy.example")
    assert main(["serve"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "MGT_TRUSTED_PROXIES" in err[0] and "proxy.example" in err[0]
