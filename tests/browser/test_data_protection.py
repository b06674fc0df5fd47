"""Dataskydd in Chromium: the page, a register extract and an erasure pass axe, by keyboard."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as


def _clean(page: Page, width: int) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_admin_takes_an_extract_and_erases_a_case_by_keyboard(
    page: Page, live_server: LiveServer
) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    enter_as(page, live_server, "admin", "/administration")
    page.get_by_role("link", name="Dataskydd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataskydd")
    _clean(page, 390)

    page.get_by_label("eller ärendenummer (t.ex. för en anonym konsultation)").fill("3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registerutdrag")
    expect(page.get_by_role("heading", name="Ärende 3")).to_be_visible()
    _clean(page, 390)

    page.goto(live_server.url + "/administration/dataskydd")
    page.get_by_label("Ärendenummer", exact=True).fill("3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Radera ärende 3?")
    _clean(page, 390)
    page.get_by_label("Skriv ärendenumret (3) för att bekräfta").fill("3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataskydd")
    expect(page.get_by_text("Ärende 3 är raderat.")).to_be_visible()
    _clean(page, 390)
