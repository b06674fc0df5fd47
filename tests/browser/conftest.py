"""Browser fixtures: the app served by uvicorn on loopback, and Debian's Chromium.

Browser tests run on SQLite only: they test what a person sees, while the
database behaviour is covered on both backends by the rest of the suite.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Request, sync_playwright
from sqlalchemy import Engine
from sqlmodel import Session

from mgt_assistant.db.engine import make_engine
from mgt_assistant.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_data
from mgt_assistant.services import login as logins
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
from mgt_assistant.web.deps import SESSION_COOKIE
from tests.conftest import TEST_SECRET, _Templates

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-4.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    # Every host name but loopback fails to resolve: the tool runs on closed networks.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    """A running instance with demo accounts; ``sessions`` maps each to a logged-in session."""

    url: str
    database_url: str
    sessions: Mapping[str, str]


@dataclass(frozen=True)
class DemoDatabase:
    """The demo database file, and the token of one log-in session per demo account in it."""

    path: Path
    sessions: Mapping[str, str]


class _Server:
    """One uvicorn server per test process; each test points it at its own database.

    The app keeps nothing of a database but its engine (``app.state.engine``, made at
    start-up), so swapping that engine gives each test the same isolation as a server of
    its own, without a start and a stop (~0.5 s) per test. The previous test's browser
    contexts are closed before the swap, so no request of theirs reaches the next database.
    """

    def __init__(self, database_url: str, path: Path) -> None:
        self.path = path
        self.database_url = f"sqlite:///{path}"
        # Screens follow each other every 0.5 s here (2 s in use): the journeys wait for
        # the poll, not for a set time; the interval itself is checked in tests/web.
        settings = Settings(database_url=database_url, secret_key=TEST_SECRET, poll_seconds=0.5)
        self.app = create_app(settings, freeze_at_start=False)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("testservern startade inte")
            time.sleep(0.01)

    def use(self, source: Path) -> str:
        """Serve a fresh copy of this database file from now on; return its URL.

        The copy has one path per process and the app keeps its engine: SQLAlchemy keeps
        compiled SQL per engine, and a new engine per test compiled every page's queries
        again. The pool is emptied before the file is replaced under it.
        """
        engine: Engine = self.app.state.engine
        engine.dispose()
        for leftover in self.path.parent.glob(f"{self.path.name}*"):
            leftover.unlink()
        shutil.copyfile(source, self.path)
        if str(engine.url) != self.database_url:
            self.app.state.engine = make_engine(self.database_url, hide_parameters=True)
        return self.database_url

    def stop(self) -> None:
        """Stop serving and wait for the server's thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def demo_database(
    database_templates: _Templates, tmp_path_factory: pytest.TempPathFactory
) -> DemoDatabase:
    """The demo data, and every demo account logged in once, made once per test process.

    Loading the demo takes ~2 s; each test copies the file (~1 ms).
    """
    path = tmp_path_factory.mktemp("browser-demo") / "demo.sqlite3"
    shutil.copyfile(database_templates.sqlite(), path)
    database_url = f"sqlite:///{path}"
    settings = Settings(database_url=database_url, secret_key=TEST_SECRET)
    sessions: dict[str, str] = {}
    engine = make_engine(database_url)
    with Session(engine) as session:
        load_demo_data(session)
        for account in DEMO_ACCOUNTS:
            done = logins.log_in(
                session,
                username=account.username,
                password=DEMO_PASSWORD,
                client="127.0.0.1",
                settings=settings,
            )
            assert isinstance(done, logins.LoggedIn), account.username
            sessions[account.username] = done.token
    # The last connection's close folds the write-ahead log into the file copied per test.
    engine.dispose()
    return DemoDatabase(path, sessions)


@pytest.fixture(scope="session")
def _server(
    demo_database: DemoDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[_Server]:
    # Started on a copy: the demo file itself stays closed, as the copies need it.
    start = tmp_path_factory.mktemp("browser-start") / "start.sqlite3"
    shutil.copyfile(demo_database.path, start)
    server = _Server(f"sqlite:///{start}", start.parent / "served.sqlite3")
    yield server
    server.stop()


@pytest.fixture
def live_server(_server: _Server, demo_database: DemoDatabase) -> LiveServer:
    """The app on a loopback port over a fresh copy of the demo database."""
    database_url = _server.use(demo_database.path)
    return LiveServer(_server.url, database_url, demo_database.sessions)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, with no background networking."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} saknas: 'make test' installerar Debians paket chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page; fails the test on any request off loopback."""
    context = browser.new_context(locale="sv-SE")
    outside: list[str] = []

    # Noted, not intercepted: routing every request through Python cost ~0.15 s a page.
    # Chromium cannot reach another host anyway (--host-resolver-rules).
    def note(request: Request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            outside.append(request.url)

    context.on("request", note)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"sidan försökte nå andra värdar: {outside}"


def settle(page: Page) -> None:
    """Wait until the page has loaded and no htmx request is in flight.

    htmx marks each element whose request is under way with ``htmx-request`` (and a
    swap removes the element), so this waits for exactly the parts loaded after the
    page (``hx-trigger="load"``), not for half a second of network silence.
    """
    page.wait_for_function(
        "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"
    )


@contextmanager
def next_page(page: Page) -> Iterator[None]:
    """Wait until the page that the block's action loads (a form sent) has settled."""
    with page.expect_navigation():
        yield
    settle(page)


def log_in(page: Page, server: LiveServer, username: str, password: str) -> None:
    """Log in through the login form."""
    page.goto(server.url + "/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    with next_page(page):
        page.get_by_role("button", name="Logga in").click()


def sign_in(page: Page, server: LiveServer, username: str) -> None:
    """Give the browser a demo account's session cookie (the form is not the test).

    Where the form is the test, or a test logs out and back in, use ``log_in``.
    """
    page.context.add_cookies(
        [
            {
                "name": SESSION_COOKIE,
                "value": server.sessions[username],
                "url": server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


def enter_as(page: Page, server: LiveServer, username: str, path: str = "/") -> None:
    """Open a page as a demo account, signed in by its session cookie."""
    sign_in(page, server, username)
    page.goto(server.url + path)
    settle(page)


def log_out(page: Page) -> None:
    """Log out by the header's button."""
    with next_page(page):
        page.get_by_role("button", name="Logga ut").click()


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core for WCAG 2.1 A/AA on the current page and return the violations."""
    # Evaluated through the DevTools protocol, so the app's CSP needs no exception;
    # once per document (an htmx swap keeps it).
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Only the violations cross back: the passes' details cost far more to send than to find.
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']})).violations"""
    )
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """Summarise axe violations for an assertion message."""
    return json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in violations],
        ensure_ascii=False,
    )
