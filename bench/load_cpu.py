"""CPU per request of the load test's mix, in one thread, without a server or sockets.

The wall-clock figures of ``bench_load`` depend on what else the machine runs;
this measures what each kind of request costs the server in CPU time
(``time.thread_time``), which does not. The app runs in process through an ASGI
transport; FastAPI's thread pool is bypassed so every request runs in this
thread (and ``--profile`` can see it). The members act as in ``bench_load``: the
same weights, messages and headers, over five meetings, on a fresh SQLite file
with the demo accounts.

    .venv/bin/python -m bench.load_cpu [--requests 600] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx2 as httpx
from sqlalchemy import Engine, event
from sqlmodel import Session

from bench.bench_load import ACTIONS, MEETINGS, TEAM_ACCOUNTS, note_seen, plan_request
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.migrate import upgrade
from mgt_assistant.demo import DEMO_PASSWORD, load_demo_data
from mgt_assistant.settings import Settings
from mgt_assistant.web.security import CSRF_COOKIE, csrf_token_for

SECRET = "load-cpu-secret-" + "x" * 32
# The ASGI transport tries "import trio" on every request; a failed import searches the disk.
sys.modules.setdefault("trio", None)  # type: ignore[arg-type]
STATEMENTS: list[str] = []


def _count_statement(*args: Any) -> None:
    STATEMENTS.append(args[2])


def _inline_threadpool() -> None:
    """Run FastAPI's sync routes and dependencies in the calling thread."""
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing
    import starlette.concurrency

    async def run_inline(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    for module in (
        starlette.concurrency,
        fastapi.concurrency,
        fastapi.routing,
        fastapi.dependencies.utils,
    ):
        if hasattr(module, "run_in_threadpool"):
            module.run_in_threadpool = run_inline  # type: ignore[attr-defined]


async def _login(app: Any, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    await client.get("/login")
    token = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
    client.headers["X-CSRF-Token"] = token
    response = await client.post(
        "/login", data={"username": username, "password": DEMO_PASSWORD, "csrf_token": token}
    )
    if response.status_code != 303:
        raise RuntimeError(f"log-in failed: {response.status_code}")
    client.headers["X-CSRF-Token"] = csrf_token_for(SECRET, client.cookies[CSRF_COOKIE])
    return client


async def _act(
    client: httpx.AsyncClient, action: str, meeting: int, rng: random.Random, seen: dict[str, int]
) -> int:
    planned = plan_request(action, meeting, rng, seen)
    response = await client.request(
        planned.method, planned.url, data=planned.data, headers=planned.headers
    )
    note_seen(action, response.text, seen)
    return response.status_code


async def _run(
    requests: int, members: int, profile: Path | None
) -> tuple[dict[str, list[float]], dict[str, list[int]]]:
    from mgt_assistant.web.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="mgt-load-cpu-"))
    url = f"sqlite:///{folder / 'load.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo_data(session)
    engine.dispose()
    app = create_app(Settings(database_url=url, secret_key=SECRET, demo=False))
    costs: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    async with app.router.lifespan_context(app):
        starter = await _login(app, TEAM_ACCOUNTS[0])
        meetings = []
        for number in range(MEETINGS):
            response = await starter.post(
                "/moten",
                data={
                    "kind": "anonym",
                    "referrer_name": f"Belastningstest {number + 1}",
                    "referrer_party": "kommun",
                },
            )
            meetings.append(int(response.headers["location"].rsplit("/", 1)[1]))
        clients = [await _login(app, TEAM_ACCOUNTS[n % len(TEAM_ACCOUNTS)]) for n in range(members)]
        rngs = [random.Random(n) for n in range(members)]
        seen: list[dict[str, int]] = [{} for _ in range(members)]
        names = [name for name, weight in ACTIONS for _ in range(weight)]
        profiler = cProfile.Profile() if profile else None
        for count in range(requests):
            n = count % members
            action = rngs[n].choice(names)
            if profiler:
                profiler.enable()
            STATEMENTS.clear()
            started = time.thread_time()
            status = await _act(clients[n], action, meetings[n % len(meetings)], rngs[n], seen[n])
            costs[action].append(time.thread_time() - started)
            queries[action].append(len(STATEMENTS))
            if profiler:
                profiler.disable()
            if status >= 400 and status != 409:
                raise RuntimeError(f"{action}: {status}")
        if profiler and profile:
            profiler.dump_stats(profile)
    return costs, queries


def main() -> int:
    """Print the CPU milliseconds per request type (mean, p50, p95) and SQL statements."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    _inline_threadpool()
    event.listen(Engine, "before_cursor_execute", _count_statement)
    costs, queries = asyncio.run(_run(args.requests, args.members, args.profile))
    total = sum(sum(values) for values in costs.values())
    count = sum(len(values) for values in costs.values())
    print(f"{'action':<14}{'n':>5}{'mean ms':>10}{'p50':>8}{'p95':>8}{'SQL':>6}")
    for action, values in sorted(costs.items()):
        ordered = sorted(values)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(
            f"{action:<14}{len(values):>5}{statistics.mean(values) * 1e3:>10.1f}"
            f"{statistics.median(values) * 1e3:>8.1f}{p95 * 1e3:>8.1f}"
            f"{statistics.mean(queries[action]):>6.1f}"
        )
    print(f"{'all':<14}{count:>5}{total / count * 1e3:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
