"""Every main page fits a phone and a laptop: no sideways page scroll, no Python on screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import LiveServer, enter_as, settle

WIDTHS = (390, 1366)
PAGES = {
    "mgt.kommun": ("/", "/moten", "/ansokningar", "/regelverk", "/uppfoljning", "/konto"),
    "remittent": ("/ansokningar", "/ansokningar/ny"),
    "admin": ("/administration", "/administration/logg"),
    "styrgrupp": ("/uppfoljning", "/regelverk"),
}
# What a Python object or exception looks like when a template prints it by mistake.
REPR = re.compile(r"\{'|Segment\(|datetime\.|object at 0x|Traceback")


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_and_show_no_python(
    browser: Browser, live_server: LiveServer, width: int
) -> None:
    for user, paths in PAGES.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
        page = context.new_page()
        enter_as(page, live_server, user)
        if user == "mgt.kommun":
            page.goto(live_server.url + "/moten")
            links = page.locator("main a[href^='/moten/']")
            paths = (*paths, *(links.nth(i).get_attribute("href") or "" for i in range(2)))
            # Case pages too (their consent table was once wider than a phone).
            page.goto(live_server.url + "/ansokningar")
            cases = page.locator("main table a[href^='/ansokningar/']")
            paths = (*paths, *(cases.nth(i).get_attribute("href") or "" for i in range(2)))
        for path in paths:
            response = page.goto(live_server.url + path)
            settle(page)
            assert response is not None and response.status < 400, (user, path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} för {user} är {scroll} px bred vid {width} px"
            shown = page.inner_text("body")
            assert not REPR.search(shown), f"{path} för {user} visar Python: {REPR.search(shown)}"
        context.close()
