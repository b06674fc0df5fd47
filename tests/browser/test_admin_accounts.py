"""The admin resets a password and reads the log; both pages pass axe; the user must change it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    LiveServer,
    axe_violations,
    describe,
    enter_as,
    log_in,
    log_out,
    next_page,
)

NEW_PASSWORD = "syrener-blommar-efter-regnet"


def test_admin_pages_pass_axe_and_a_reset_password_must_be_changed(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "admin", "/administration")
    page.get_by_text("Ändra roll, status eller lösenord för mgt.kommun").click()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    with next_page(page):
        page.get_by_role("button", name="Återställ lösenord för mgt.kommun").click()
    shown = page.locator("code.temporary-password")
    expect(shown).to_be_visible()
    temporary = shown.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.goto(live_server.url + "/administration/logg?action=password_reset")
    expect(page.get_by_role("cell", name="Återställde lösenord (tillfälligt)")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_label("Ärende (nummer)").fill("tolv")
    with next_page(page):
        page.get_by_role("button", name="Visa").click()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    log_out(page)
    log_in(page, live_server, "mgt.kommun", temporary)
    assert page.url.endswith("/konto")
    expect(page.get_by_text("Byt lösenord innan du fortsätter.")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.goto(live_server.url + "/moten")
    assert page.url.endswith("/konto")
    page.get_by_label("Nuvarande lösenord").fill(temporary)
    page.get_by_label("Nytt lösenord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Upprepa det nya lösenordet").fill(NEW_PASSWORD)
    with next_page(page):
        page.get_by_role("button", name="Byt lösenord").click()
    page.goto(live_server.url + "/moten")
    assert page.url.endswith("/moten")
