"""The admin moves an account to another unit with the keyboard only; the page passes axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as, next_page


def test_admin_changes_a_unit_by_keyboard_at_phone_width(
    page: Page, live_server: LiveServer
) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    enter_as(page, live_server, "admin", "/administration")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    unit = page.get_by_label("Enhet för mgt.kommun", exact=True)
    expect(unit).to_have_value("socialtjanst")
    unit.focus()
    # The units of each party are grouped; the keyboard picks the next one in the list.
    page.keyboard.press("ArrowDown")
    expect(unit).to_have_value("utbildning_arbetsliv")
    page.keyboard.press("Tab")
    save = page.get_by_role("button", name="Spara part och enhet för mgt.kommun")
    expect(save).to_be_focused()
    with next_page(page):
        page.keyboard.press("Enter")
    row = page.locator("tr", has=page.get_by_text("mgt.kommun", exact=True))
    expect(row).to_contain_text("Utbildning och arbetsliv (arbetsmarknadsenhet, coacher)")
    expect(page.get_by_label("Enhet för mgt.kommun", exact=True)).to_have_value(
        "utbildning_arbetsliv"
    )
