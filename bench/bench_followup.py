"""Benchmark the follow-up results page and the national export on 10 000 ended cases (SQLite).

A fresh SQLite file gets 10 000 invented ended cases (about 20 000 intervention
rows and 13 000 follow-ups, from ``demo_followup.add_ended_cases``, seeded) and
500 unmet-need entries. Timed through the whole web stack (FastAPI test client,
logged in as the steering group): the results page, then the CSV and the XLSX
export, each for the full two-year period. Target: under 300 ms each. The figures
come from ``GROUP BY`` queries; the service time is reported apart so the cost of
the SQL, the core's suppression and the rendering can be told apart.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session

from mgt_assistant.db import users
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.migrate import upgrade
from mgt_assistant.db.models import Role
from mgt_assistant.demo_followup import Referrer, add_ended_cases, add_unmet_needs
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import followup as service
from mgt_assistant.services.rule_versions import ensure_initial_version
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from mgt_assistant.web.security import CSRF_COOKIE, csrf_token_for

CASES = 10_000
RUNS = 15
TARGET_MS = 300.0
SECRET = "bench-secret-" + "x" * 40
PASSWORD = "bench-losenord-1"


def _times(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    action()  # warm the caches once, as a running server would be
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        found.append((time.perf_counter() - started) * 1000)
    return found


def _row(name: str, times: list[float]) -> str:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    verdict = "ja" if p95 < TARGET_MS else "**nej**"
    return f"| {name} | {median:.0f} | {p95:.0f} | {max(times):.0f} | {verdict} |"


def _seed(database_url: str, today: date) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session:
        # The shipped rules, approved and in force, as after the steering group's approval.
        ensure_initial_version(session, DEFAULT_RULES_DIR, approve=True)
        users.create_user(session, username="styrgrupp", password=PASSWORD, role=Role.STYRGRUPP)
        referrer = users.create_user(
            session, username="remittent", password=PASSWORD, role=Role.REMITTENT, party="kommun"
        )
        if referrer.id is None:
            raise RuntimeError("referrer was not saved")
        referrers = [Referrer(referrer.id, "kommun", "Sara Holm")]
        add_ended_cases(session, count=CASES, referrers=referrers, today=today)
        add_unmet_needs(session, today=today, count=500)
    engine.dispose()


def run() -> str:
    """Measure and return the Markdown section."""
    today = swedish_time.today()
    start = date(today.year - 1, 1, 1) - timedelta(days=400)
    period = {"fran": start.isoformat(), "till": today.isoformat()}
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        seeded = time.perf_counter()
        _seed(database_url, today)
        seed_seconds = time.perf_counter() - seeded
        rule_set = load_rule_set(DEFAULT_RULES_DIR)
        engine = make_engine(database_url)
        chosen = service.ResultFilter(start, today)
        with Session(engine) as session:
            service_times = _times(
                lambda: service.results(session, rule_set=rule_set, chosen=chosen)
            )
            total = sum(
                f.total.count
                for f in service.results(session, rule_set=rule_set, chosen=chosen).targets.period[
                    :1
                ]
            )
        engine.dispose()
        app = create_app(Settings(database_url=database_url, secret_key=SECRET))
        with TestClient(app) as client:
            client.get("/login")
            token = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
            client.post(
                "/login", data={"username": "styrgrupp", "password": PASSWORD, "csrf_token": token}
            )

            def get(path: str) -> Callable[[], object]:
                def fetch() -> object:
                    response = client.get(path, params=period)
                    if response.status_code != 200:
                        raise RuntimeError(f"{path}: {response.status_code}")
                    return response

                return fetch

            page = _times(get("/uppfoljning"))
            csv_times = _times(get("/uppfoljning/export.csv"))
            xlsx_times = _times(get("/uppfoljning/export.xlsx"))
    return "\n".join(
        [
            "## Follow-up: results page and national export (issue 11)",
            "",
            f"{CASES} invented ended cases ({total} in the period) on SQLite, seeded in "
            f"{seed_seconds:.1f} s; {RUNS} timed runs after one warm-up. Target: under "
            f"{TARGET_MS:.0f} ms (p95). Aggregation is `GROUP BY` in SQL; Python sees grouped "
            "rows only.",
            "",
            "| what | median ms | p95 ms | max ms | under target |",
            "|---|---|---|---|---|",
            _row("results service (SQL + suppression)", service_times),
            _row("GET /uppfoljning (whole page)", page),
            _row("GET /uppfoljning/export.csv", csv_times),
            _row("GET /uppfoljning/export.xlsx", xlsx_times),
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
