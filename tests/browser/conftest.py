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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from sqlmodel import Session

from mgt_assistant.db.engine import make_engine
from mgt_assistant.demo import load_demo_data
from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app
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
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    """A running instance with demo accounts."""

    url: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(database_templates: _Templates, tmp_path: Path) -> Iterator[LiveServer]:
    """Serve the app on a free loopback port over a fresh SQLite copy with demo data."""
    path = tmp_path / "browser.sqlite3"
    shutil.copyfile(database_templates.sqlite(), path)
    database_url = f"sqlite:///{path}"
    engine = make_engine(database_url)
    with Session(engine) as session:
        load_demo_data(session)
    engine.dispose()
    settings = Settings(database_url=database_url, secret_key=TEST_SECRET)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("testservern startade inte")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", database_url)
    server.should_exit = True
    thread.join(timeout=10)


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

    def guard(route: Any) -> None:
        url: str = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"sidan försökte nå andra värdar: {outside}"


def log_in(page: Page, server: LiveServer, username: str, password: str) -> None:
    """Log in through the login form."""
    page.goto(server.url + "/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core for WCAG 2.1 A/AA on the current page and return the violations."""
    # Evaluated through the DevTools protocol, so the app's CSP needs no exception.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """Summarise axe violations for an assertion message."""
    return json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in violations],
        ensure_ascii=False,
    )
