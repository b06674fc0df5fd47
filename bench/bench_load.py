"""Load test: twenty team members at work in five meetings, on SQLite and PostgreSQL.

One server process (``mgt-assistant serve``) on a free loopback port, over a fresh
database with the demo accounts. Each simulated member logs in and then acts about
once a second for a bounded time: writes in the chat, asks for proposals, undoes,
reads the meeting page and the lists. Traffic goes to 127.0.0.1 only, and the run
stops by itself (bounded in time and in request count).

Counted as errors: HTTP 5xx, 4xx other than 409, and failed connections. A 409
(someone else changed the plan first) is the app working as designed and is
counted apart. Afterwards every successful change must have its audit row.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import create_engine, text
from sqlmodel import Session

from bench.bench_web import MESSAGES, SPEAKERS
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.migrate import upgrade
from mgt_assistant.demo import DEMO_PASSWORD, load_demo_data
from mgt_assistant.web.security import CSRF_COOKIE, csrf_token_for

SECRET = "load-test-secret-" + "x" * 32
POSTGRES_ADMIN_URL = os.environ.get(
    "MGT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TEAM_ACCOUNTS = ("mgt.kommun", "mgt.region", "mgt.af", "mgt.fk")
MEETINGS = 5
MAX_REQUESTS_PER_MEMBER = 200
# (action, weight): about what a member does in a meeting minute.
ACTIONS = (
    ("chat", 4),
    ("page", 2),
    ("propose", 1),
    ("undo", 1),
    ("meetings", 1),
    ("applications", 1),
)
CHANGES = frozenset({"chat", "propose", "undo"})


@dataclass
class Tally:
    """What the members saw: latencies per action, errors, conflicts."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0
    refused: int = 0
    changes_ok: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, action: str, seconds: float, status: int | None, detail: str = "") -> None:
        """Record one request."""
        with self.lock:
            self.latencies[action].append(seconds)
            # A 4xx other than a conflict is the load test's own mistake: counted as an error.
            if status is None or (status >= 400 and status != 409):
                self.errors.append(f"{action}: {status or detail}")
            elif status == 409:
                self.conflicts += 1
            elif action in CHANGES and status == 204:
                # A change the meeting refused with a notice (e.g. nothing left to undo).
                self.refused += 1
            elif action in CHANGES and status < 400:
                self.changes_ok += 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'load.sqlite3'}"
        return
    name = f"mgt_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield re.sub(r"/[^/]*$", f"/{name}", POSTGRES_ADMIN_URL)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def _server(database_url: str, folder: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "MGT_DATABASE_URL": database_url,
        "MGT_SECRET_KEY": SECRET,
        "MGT_DEMO": "0",
        "MGT_PORT": str(port),
    }
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mgt_assistant", "serve"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("servern startade inte: " + log.read_text()[-500:])
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def _client(url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30, follow_redirects=False)
    client.get("/login")
    token = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
    client.headers["X-CSRF-Token"] = token
    response = client.post(
        "/login", data={"username": username, "password": DEMO_PASSWORD, "csrf_token": token}
    )
    if response.status_code != 303:
        raise RuntimeError(f"inloggningen misslyckades för {username}: {response.status_code}")
    # The CSRF seed is renewed at log-in: sign with the new one.
    client.headers["X-CSRF-Token"] = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
    return client


def _start_meetings(url: str, count: int) -> list[int]:
    client = _client(url, TEAM_ACCOUNTS[0])
    ids = []
    for number in range(count):
        response = client.post(
            "/moten",
            data={
                "kind": "anonym",
                "referrer_name": f"Belastningstest {number + 1}",
                "referrer_party": "kommun",
            },
        )
        if response.status_code != 303:
            raise RuntimeError(f"kunde inte starta möte: {response.status_code}")
        ids.append(int(response.headers["location"].rsplit("/", 1)[1]))
    client.close()
    return ids


MESSAGE_ID = re.compile(r'data-meddelande="(\d+)"')


@dataclass(frozen=True)
class PlannedRequest:
    """One request of the load mix: method, URL, form data and headers."""

    method: str
    url: str
    data: dict[str, str] | None
    headers: dict[str, str]


def plan_request(
    action: str, meeting: int, rng: random.Random, seen: dict[str, int]
) -> PlannedRequest:
    """Return what a member's screen sends for ``action`` (bench_load and load_cpu alike)."""
    # As the browser does (static/js/app.js): name the latest message the screen shows,
    # so a change's answer carries only the new ones.
    htmx = {"HX-Request": "true"}
    if "latest" in seen:
        htmx["X-Mote-Senaste"] = str(seen["latest"])
    if action == "chat":
        data = {"speaker": rng.choice(SPEAKERS), "text": rng.choice(MESSAGES)}
        return PlannedRequest("POST", f"/moten/{meeting}/meddelanden", data, htmx)
    if action == "propose":
        return PlannedRequest("POST", f"/moten/{meeting}/forslag", None, htmx)
    if action == "undo":
        data = {"revision": str(seen.get("revision", 0))}
        return PlannedRequest("POST", f"/moten/{meeting}/angra", data, htmx)
    if action == "page":
        return PlannedRequest("GET", f"/moten/{meeting}", None, {})
    return PlannedRequest("GET", "/moten" if action == "meetings" else "/ansokningar", None, {})


def note_seen(action: str, html: str, seen: dict[str, int]) -> None:
    """Remember the latest message and the revision the screen now shows."""
    if action not in CHANGES and action != "page":
        return
    ids = [int(found) for found in MESSAGE_ID.findall(html)]
    if ids:
        seen["latest"] = max([*ids, seen.get("latest", 0)])
    revision = re.search(r'id="beslut-revision" name="revision" value="(\d+)"', html)
    if revision:
        seen["revision"] = int(revision.group(1))


def _request(
    client: httpx.Client, action: str, meeting: int, rng: random.Random, seen: dict[str, int]
) -> int:
    planned = plan_request(action, meeting, rng, seen)
    response = client.request(
        planned.method, planned.url, data=planned.data, headers=planned.headers
    )
    note_seen(action, response.text, seen)
    return response.status_code


def _member(
    client: httpx.Client, number: int, meetings: list[int], until: float, tally: Tally
) -> Callable[[], None]:
    def work() -> None:
        rng = random.Random(number)
        meeting = meetings[number % len(meetings)]
        names = [name for name, weight in ACTIONS for _ in range(weight)]
        seen: dict[str, int] = {}
        for _ in range(MAX_REQUESTS_PER_MEMBER):
            if time.monotonic() >= until:
                break
            action = rng.choice(names)
            started = time.perf_counter()
            try:
                status: int | None = _request(client, action, meeting, rng, seen)
                detail = ""
            except httpx.HTTPError as error:
                status, detail = None, type(error).__name__
            elapsed = time.perf_counter() - started
            tally.add(action, elapsed, status, detail)
            # About one action a second per member, with jitter so they do not march.
            time.sleep(max(0.0, rng.uniform(0.7, 1.3) - elapsed))
        client.close()

    return work


def _audited_changes(database_url: str) -> int:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT count(*) FROM audit_event WHERE object_type = 'meeting' "
                "AND action NOT IN ('meeting_viewed', 'meeting_created', 'plan_printed')"
            )
        ).scalar_one()
    engine.dispose()
    return int(rows)


@dataclass(frozen=True)
class LoadResult:
    """One backend's run."""

    backend: str
    members: int
    seconds: float
    requests: int
    errors: list[str]
    conflicts: int
    refused: int
    changes_ok: int
    audited: int
    latencies: dict[str, list[float]]


def run_load(backend: str, members: int = 20, seconds: float = 30.0) -> LoadResult:
    """Run the load on one backend and return what happened."""
    folder = Path(tempfile.mkdtemp(prefix="mgt-load-"))
    try:
        with _database(backend, folder) as database_url:
            upgrade(database_url)
            engine = make_engine(database_url)
            with Session(engine) as session:
                load_demo_data(session)
            engine.dispose()
            with _server(database_url, folder) as url:
                meetings = _start_meetings(url, MEETINGS)
                before = _audited_changes(database_url)
                tally = Tally()
                # The members log in first (one after another, as a team arrives);
                # the clock starts when all are in.
                clients = [
                    _client(url, TEAM_ACCOUNTS[n % len(TEAM_ACCOUNTS)]) for n in range(members)
                ]
                until = time.monotonic() + seconds
                threads = [
                    threading.Thread(target=_member(client, n, meetings, until, tally))
                    for n, client in enumerate(clients)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=seconds + 120)
                audited = _audited_changes(database_url) - before
            return LoadResult(
                backend,
                members,
                seconds,
                sum(len(values) for values in tally.latencies.values()),
                tally.errors,
                tally.conflicts,
                tally.refused,
                tally.changes_ok,
                audited,
                dict(tally.latencies),
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _p(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1e3 if values else 0.0
    return statistics.quantiles(values, n=100)[q - 1] * 1e3


def section(results: list[LoadResult]) -> str:
    """Return the Markdown section for these runs."""
    lines = [
        "### Load: twenty team members, five meetings (issue 14)",
        "",
        "One server process (`mgt-assistant serve`, one uvicorn worker) on 127.0.0.1; each "
        "member acts about once a second (chat, proposals, undo, page and list reads). "
        "Errors are 5xx, 4xx other than 409, and failed connections; 409 is a revision "
        "conflict shown to the user by design; 'refused' is a change the meeting declined "
        "with a notice (204, e.g. nothing to undo). 'audited' counts the audit rows of "
        "meeting changes; every change that succeeded must have exactly one. Undo posts "
        "the revision the member last saw, so a 409 means someone else changed the "
        "meeting in between.",
        "",
        "| backend | members × s | requests | errors | 409 | refused | changes ok | audited "
        "| every change audited | chat p50 / p95 ms | page p95 ms | propose p95 ms "
        "| lists p95 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lists = r.latencies.get("meetings", []) + r.latencies.get("applications", [])
        chat = r.latencies.get("chat", [])
        lines.append(
            f"| {r.backend} | {r.members} × {r.seconds:.0f} | {r.requests} | {len(r.errors)} "
            f"| {r.conflicts} | {r.refused} | {r.changes_ok} | {r.audited} "
            f"| {'ja' if r.audited == r.changes_ok else '**nej**'} "
            f"| {_p(chat, 50):.0f} / {_p(chat, 95):.0f} "
            f"| {_p(r.latencies.get('page', []), 95):.0f} "
            f"| {_p(r.latencies.get('propose', []), 95):.0f} | {_p(lists, 95):.0f} |"
        )
    for r in results:
        if r.errors:
            kinds = sorted(set(r.errors))[:5]
            lines.append(f"\nErrors on {r.backend} (first kinds): {', '.join(kinds)}")
    return "\n".join(lines) + "\n"


def run() -> str:
    """Measure both backends and return the Markdown section (for bench.run)."""
    return section([run_load("sqlite"), run_load("postgresql")])


def main() -> int:
    """Run from the command line: ``python -m bench.bench_load --backend sqlite``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    backends = args.backend or ["sqlite", "postgresql"]
    print(section([run_load(b, args.members, args.seconds) for b in backends]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
