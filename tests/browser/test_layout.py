"""Every main page fits a phone and a laptop: no sideways page scroll, no Python on screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import LiveServer, settle, sign_in

WIDTHS = (390, 1366)
PAGES = {
    "mgt.kommun": ("/", "/moten", "/ansokningar", "/regelverk", "/uppfoljning", "/konto"),
    "remittent": ("/ansokningar", "/ansokningar/ny"),
    "admin": ("/administration", "/administration/logg"),
    "styrgrupp": ("/uppfoljning", "/regelverk", "/regelverk/insatser"),
}
# The team's lists also lead to the first two meetings and cases (a case page's consent
# table was once wider than a phone).
LINKED = {
    "/moten": "main a[href^='/moten/']",
    "/ansokningar": "main table a[href^='/ansokningar/']",
}
# What a Python object or exception looks like when a template prints it by mistake.
REPR = re.compile(r"\{'|Segment\(|datetime\.|object at 0x|Traceback")


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_and_show_no_python(
    browser: Browser, live_server: LiveServer, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    try:
        _check_every_page(context.new_page(), live_server, width)
    finally:
        # Closed even on failure: an open meeting page would go on polling the server,
        # which the next test points at its own database.
        context.close()


def _check_every_page(page: Page, server: LiveServer, width: int) -> None:
    for user, paths in PAGES.items():
        # One page for every account: only the session cookie changes.
        page.context.clear_cookies()
        sign_in(page, server, user)
        to_visit = list(paths)
        while to_visit:
            path = to_visit.pop(0)
            response = page.goto(server.url + path)
            settle(page)
            assert response is not None and response.status < 400, (user, path)
            scroll, shown = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.body.innerText]"
            )
            assert scroll <= width, f"{path} för {user} är {scroll} px bred vid {width} px"
            assert not REPR.search(shown), f"{path} för {user} visar Python: {REPR.search(shown)}"
            if user == "mgt.kommun" and path in LINKED:
                links = page.eval_on_selector_all(
                    LINKED[path], "links => links.slice(0, 2).map(a => a.getAttribute('href'))"
                )
                assert len(links) == 2, (path, links)
                to_visit += links
