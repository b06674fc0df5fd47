"""Behov utan insats in Chromium: the section loads in the meeting, takes an entry, passes axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as, next_page


def test_the_team_registers_a_need_without_an_intervention(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Robin Exempel (påhittad)").click()
    section = page.locator("#behov-utan-insats")
    # htmx replaced the link with the section's form.
    other = section.get_by_text("Registrera ett annat behov utan insats")
    expect(other).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    other.click()
    section.get_by_label("Behov", exact=True).select_option(label="Socialt nätverk")
    section.get_by_label("Part som inte kunde möta behovet").select_option(label="Kommunen")
    section.get_by_label("Vad saknades").select_option(label="För lång väntan")
    section.get_by_label("Kort text (högst 280 tecken)").fill("Träffpunkten har ett halvårs kö")
    with next_page(page):
        section.get_by_role("button", name="Registrera behov utan insats").click()
    expect(page.locator("#behov-utan-insats .unmet-list")).to_contain_text(
        "Träffpunkten har ett halvårs kö"
    )
    violations = axe_violations(page)
    assert violations == [], describe(violations)
