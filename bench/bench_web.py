"""Meeting pages at 10 and 500 messages, and the lists at 10 000 rows (issue 14).

Single user, in process, through the whole web stack (FastAPI test client) on a
fresh SQLite file. Meetings are filled through the same service the chat uses
(``services.meetings.post_message``), so their needs, signals and assistant
replies are the real ones. The lists get 10 000 submitted applications, most with
a meeting, added with bulk inserts. Targets: chat POST and meeting GET at 500
messages p95 < 100 ms and within 1.5× of the 10-message figure; a chat POST's
answer < 20 KB; /ansokningar and /moten p95 < 100 ms.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import insert
from sqlmodel import Session, select

from mgt_assistant.db import meetings as meetings_store
from mgt_assistant.db import users
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.migrate import upgrade
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Meeting,
    MeetingStatus,
    Role,
    User,
)
from mgt_assistant.domain.meeting import MeetingCore, make_meeting_core
from mgt_assistant.domain.rules import Recommender, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.rule_versions import ensure_initial_version
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from mgt_assistant.web.security import CSRF_COOKIE, csrf_token_for

SECRET = "bench-secret-" + "x" * 40
PASSWORD = "bench-losenord-1"
RUNS = 20
SIZES = (10, 500)
LIST_ROWS = 10_000
TARGET_MS = 100.0
POST_LIMIT_BYTES = 20_000
MESSAGES = (
    "Hen har skulder hos Kronofogden och svårt att betala hyran.",
    "Hen har inte arbetat på flera år och vill pröva ett riktigt jobb.",
    "Sover dåligt och har ont i ryggen, sjukskriven sedan våren.",
    "Bor i andra hand och kontraktet går ut i mars.",
    "Vill gärna studera men vet inte vad.",
    "Har inga skulder längre.",
)
SPEAKERS = ("individen", "remittent", "af", "kommun")


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


def _seed_meeting(session: Session, messages: int, by_id: int) -> int:
    """Start a meeting and talk until it holds ``messages`` messages (each turn adds two)."""
    core = _core()
    by = session.get(User, by_id)
    if by is None:
        raise RuntimeError("no user")
    meeting = actions.start_meeting(
        session,
        by=by,
        anonymous=True,
        person_name=None,
        referrer_name="Sara Holm",
        referrer_party="kommun",
        referrer_unit=None,
        scheduled_at=datetime.now(UTC),
        consent_parties=(),
    )
    for turn in range(messages // 2):
        _meeting, application = meetings_store.load(session, meeting_id=meeting.id or 0)
        actions.post_message(
            session,
            meeting=_meeting,
            application=application,
            speaker=SPEAKERS[turn % len(SPEAKERS)],
            text=MESSAGES[turn % len(MESSAGES)],
            by=by,
            core=core,
        )
    return meeting.id or 0


@cache
def _core() -> MeetingCore:
    rule_set = load_rule_set(DEFAULT_RULES_DIR)
    return make_meeting_core(rule_set, Recommender(rule_set))


def _seed_lists(session: Session, referrer_id: int) -> None:
    """Add LIST_ROWS submitted applications; three in four have a meeting."""
    now = datetime.now(UTC)
    applications = [
        {
            "status": ApplicationStatus.BOOKED if n % 4 else ApplicationStatus.SUBMITTED,
            "anonymous": n % 5 == 0,
            "person_name": None if n % 5 == 0 else f"Påhittad Person {n}",
            "referrer_user_id": referrer_id,
            "referrer_party": ("kommun", "af", "fk", "region")[n % 4],
            "referrer_name": f"Handläggare {n % 37}",
            "consent_obtained": n % 5 != 0,
            "person_informed": True,
            "submitted_at": now - timedelta(hours=n),
            "created_at": now - timedelta(hours=n),
            "updated_at": now - timedelta(hours=n),
            "goal": "",
            "own_resources_tried": "",
            "description": "",
        }
        for n in range(LIST_ROWS)
    ]
    session.execute(insert(Application), applications)
    session.commit()
    ids = list(session.exec(select(Application.id)).all())
    meetings = [
        {
            "application_id": application_id,
            "scheduled_at": now + timedelta(hours=(n % 400) - 200),
            "status": MeetingStatus.PLANNED,
            "person_goal": "",
            "revision": 0,
            "created_at": now,
            "updated_at": now,
        }
        for n, application_id in enumerate(ids)
        if n % 4
    ]
    session.execute(insert(Meeting), meetings)
    session.commit()


CPU: dict[str, list[float]] = {}


def _times(
    action: Callable[[], Response], runs: int = RUNS, name: str = ""
) -> tuple[list[float], Response]:
    """Time ``action``: wall-clock ms per run; the process's CPU ms go to ``CPU[name]``."""
    last = action()  # warm up once, as a running server would be
    found, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        last = action()
        found.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if last.status_code >= 400:
            raise RuntimeError(f"status {last.status_code}")
    CPU[name] = cpu
    return found, last


class Screen:
    """What a browser's meeting screen tells the server (static/js/app.js)."""

    def __init__(self) -> None:
        self.latest: int | None = None
        self.digests: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        """Return the headers app.js adds: the latest message and the parts' digests."""
        found = {}
        if self.latest is not None:
            found["X-Mote-Senaste"] = str(self.latest)
        if self.digests:
            found["X-Mote-Delar"] = ",".join(f"{k}:{v}" for k, v in self.digests.items())
        return found

    def saw(self, response: Response) -> None:
        """Remember what the answer put on the screen."""
        ids = [int(i) for i in re.findall(r'data-meddelande="(\d+)"', response.text)]
        if ids:
            self.latest = max([*ids, self.latest or 0])
        event = json.loads(response.headers.get("HX-Trigger-After-Swap", "{}"))
        self.digests.update(event.get("meeting-parts", {}).get("digests", {}))


def _posts(
    client: TestClient, htmx: dict[str, str], meeting_ids: list[int]
) -> tuple[list[float], list[float], int]:
    """Time chat POSTs from a screen that has made one change already (untimed).

    One meeting: RUNS posts in a row. Several: one timed post each.
    """
    data = {"speaker": "individen", "text": MESSAGES[0]}
    screens = {meeting: Screen() for meeting in meeting_ids}
    for meeting, screen in screens.items():
        screen.saw(
            client.post(
                f"/moten/{meeting}/meddelanden", data=data, headers={**htmx, **screen.headers()}
            )
        )
    order = meeting_ids if len(meeting_ids) > 1 else meeting_ids * RUNS
    wall, cpu, largest = [], [], 0
    for meeting in order[:RUNS]:
        screen = screens[meeting]
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post(
            f"/moten/{meeting}/meddelanden", data=data, headers={**htmx, **screen.headers()}
        )
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"chat POST: {response.status_code}")
        screen.saw(response)
        largest = max(largest, len(response.content))
    return wall, cpu, largest


def _list_requests(client: TestClient, token: str) -> list[tuple[str, Callable[[], Response]]]:
    search = {"sok": "person 77", "csrf_token": token}
    last = {"sida": str(LIST_ROWS // 50), "csrf_token": token}
    return [
        ("GET /ansokningar (page 1)", lambda: client.get("/ansokningar")),
        ("POST /ansokningar, last page", lambda: client.post("/ansokningar", data=last)),
        ("POST /ansokningar, name search", lambda: client.post("/ansokningar", data=search)),
        (
            "GET /ansokningar?status=bokad&part=af",
            lambda: client.get("/ansokningar?status=bokad&part=af"),
        ),
        ("GET /moten (upcoming, page 1)", lambda: client.get("/moten")),
        ("GET /moten?visa=alla&sida=10", lambda: client.get("/moten?visa=alla&sida=10")),
    ]


def _log_in(client: TestClient, username: str) -> str:
    client.get("/login")
    token = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    return csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])


def run() -> str:
    """Measure and return the Markdown section."""
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(database_url)
        engine = make_engine(database_url)
        seeded = time.perf_counter()
        with Session(engine) as session:
            # The shipped rules, approved and in force, as after the steering group's approval.
            ensure_initial_version(session, DEFAULT_RULES_DIR, approve=True)
            member = users.create_user(
                session, username="mgt", password=PASSWORD, role=Role.MGT, party="kommun"
            )
            referrer = users.create_user(
                session, username="rem", password=PASSWORD, role=Role.REMITTENT, party="kommun"
            )
            referrer_id = referrer.id or 0
            # One fresh meeting per timed post at 10 messages, so each post meets about 10.
            small = [_seed_meeting(session, SIZES[0], member.id or 0) for _ in range(RUNS)]
            large = _seed_meeting(session, SIZES[1], member.id or 0)
        seed_meetings = time.perf_counter() - seeded
        app = create_app(Settings(database_url=database_url, secret_key=SECRET))
        rows: list[str] = []
        with TestClient(app) as client:
            token = _log_in(client, "mgt")
            htmx = {"HX-Request": "true", "X-CSRF-Token": token}
            results: dict[str, list[float]] = {}
            sizes: dict[str, int] = {}
            for size, meeting_ids in ((SIZES[0], small), (SIZES[1], [large])):

                def page(meeting: int = meeting_ids[0]) -> Response:
                    return client.get(f"/moten/{meeting}")

                results[f"get{size}"], got = _times(page, name=f"get{size}")
                sizes[f"get{size}"] = len(got.content)
                timed, cpu, largest = _posts(client, htmx, meeting_ids)
                results[f"post{size}"], CPU[f"post{size}"] = timed, cpu
                sizes[f"post{size}"] = largest
            for kind, label in (("get", "GET /moten/{id} (whole page)"), ("post", "chat POST")):
                small_p95 = _p95(results[f"{kind}{SIZES[0]}"])
                for size in SIZES:
                    times = results[f"{kind}{size}"]
                    ratio = _p95(times) / small_p95 if small_p95 else 0.0
                    ok = _p95(times) < TARGET_MS and ratio <= 1.5
                    if kind == "post":
                        ok = ok and sizes[f"{kind}{size}"] < POST_LIMIT_BYTES
                    cpu = CPU[f"{kind}{size}"]
                    rows.append(
                        f"| {label} | {size} | {statistics.median(times):.0f} "
                        f"| {_p95(times):.0f} | {statistics.median(cpu):.0f} / {_p95(cpu):.0f} "
                        f"| {ratio:.2f}× | {sizes[f'{kind}{size}'] / 1000:.1f} "
                        f"| {'ja' if ok else '**nej**'} |"
                    )
        with Session(engine) as session:
            seeded = time.perf_counter()
            _seed_lists(session, referrer_id)
            seed_lists = time.perf_counter() - seeded
        engine.dispose()
        list_rows: list[str] = []
        with TestClient(app) as client:
            _log_in(client, "mgt")
            token = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
            for label, request in _list_requests(client, token):
                times, got = _times(request, name=label)
                cpu = CPU[label]
                ok = _p95(times) < TARGET_MS
                list_rows.append(
                    f"| {label} | {statistics.median(times):.0f} | {_p95(times):.0f} "
                    f"| {statistics.median(cpu):.0f} / {_p95(cpu):.0f} "
                    f"| {len(got.content) / 1000:.1f} | {'ja' if ok else '**nej**'} |"
                )
    load = os.getloadavg()[0]
    return "\n".join(
        [
            "## Meeting page and lists (issue 14)",
            "",
            f"Single user through the whole web stack (test client), SQLite. Meetings filled "
            f"through the chat service in {seed_meetings:.1f} s; {RUNS} timed requests after "
            f"one warm-up. Chat POSTs come from a screen that has made one change already and "
            "sends what the browser sends (its latest message and its parts' digests), so the "
            f"answer holds what changed. At {SIZES[0]} messages each timed POST goes to its "
            f"own meeting of {SIZES[0] + 2}; at {SIZES[1]} all go to one meeting, which grows "
            "by two messages per post. KB: the page, or the largest answer to a POST. "
            f"Load average {load:.1f} on {os.cpu_count()} cores when measured: other work "
            "on the machine stretches wall-clock times; the process's CPU "
            "time per request is given beside them.",
            "",
            "| request | messages | median ms | p95 ms | CPU median / p95 ms "
            "| p95 / 10-message p95 | KB | on target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            *rows,
            "",
            f"Lists: {LIST_ROWS:,} submitted applications, three in four with a meeting "
            f"(bulk-inserted in {seed_lists:.1f} s); logged in as a team member.",
            "",
            "| request | median ms | p95 ms | CPU median / p95 ms | KB | p95 < 100 ms |",
            "|---|---:|---:|---:|---:|---|",
            *list_rows,
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
