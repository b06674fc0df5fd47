"""In Chromium: the team ends a plan and follows it up; the steering group sees the figures move."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page

from mgt_assistant.demo import DEMO_PASSWORD
from mgt_assistant.domain import swedish_time
from tests.browser.conftest import (
    LiveServer,
    axe_violations,
    describe,
    enter_as,
    log_in,
    log_out,
    next_page,
)

# Set MGT_SCREENSHOTS=/some/dir to keep screenshots of the results page (390 and 1366 px).
SCREENSHOTS = os.environ.get("MGT_SCREENSHOTS")


def _cell(page: Page, table: str, row: str, column: int) -> str:
    locator = page.locator(f"{table} tr", has=page.locator("th", has_text=row)).first
    return locator.locator("td").nth(column).inner_text().strip()


def _figures(page: Page) -> tuple[str, str]:
    """Return the period's number of ended plans and of 6-month follow-ups made."""
    ended = _cell(page, "#maltabell", "Arbete eller studier", 1)
    followed = _cell(page, "table:has(#uppf-tabell)", "6 månader efter avslut", 6)
    return ended, followed


def test_team_ends_a_plan_follows_up_and_steering_group_sees_it(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "styrgrupp", "/uppfoljning")
    before = _figures(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    log_out(page)

    enter_as(page, live_server, "mgt.kommun", "/uppfoljning/att-folja-upp")
    page.get_by_role("link", name="Avsluta plan för").first.click()
    case_path = page.url.removeprefix(live_server.url).removesuffix("/avsluta")
    # The demo plan was decided recently: it ends today, and is followed up early.
    end = swedish_time.today()
    page.get_by_label("Avslutsdatum").fill(end.isoformat())
    page.get_by_label("Avslutsorsak").select_option(label="Arbete utan subvention")
    page.get_by_label("Försörjning vid avslut").select_option(label="Lön")
    for radio in page.locator("input[type=radio][value=fullfoljd]").all():
        radio.check()
    with next_page(page):
        page.get_by_role("button", name="Avsluta plan").click()
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert "Planen är avslutad" in page.locator("#meddelanden").inner_text()
    page.locator(f"a[href='{case_path}/6-manader']").click()
    page.get_by_label("Arbete", exact=True).check()
    page.get_by_label("Försörjning nu").select_option(label="Lön")
    with next_page(page):
        page.get_by_role("button", name="Spara uppföljning").click()
    assert "Uppföljningen efter 6 månader är sparad." in page.locator("#meddelanden").inner_text()
    log_out(page)

    # By the form: the first log-out ended the steering group's prepared session.
    log_in(page, live_server, "styrgrupp", DEMO_PASSWORD)
    page.goto(live_server.url + "/uppfoljning")
    after = _figures(page)
    assert int(after[0]) == int(before[0]) + 1
    assert int(after[1]) == int(before[1]) + 1
    if SCREENSHOTS:
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(300)
            page.screenshot(
                path=str(Path(SCREENSHOTS) / f"uppfoljning-{width}.png"), full_page=True
            )
