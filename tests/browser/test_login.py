"""A person logs in with a demo account in real Chromium and sees their start page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mgt_assistant.demo import DEMO_PASSWORD
from tests.browser.conftest import LiveServer, axe_violations, describe, log_in


def test_login_page_and_start_page_are_accessible(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    expect(page).to_have_title("Logga in – MGT-assistenten")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    log_in(page, live_server, "mgt.region", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen, Omar Said")
    navigation = page.get_by_role("navigation", name="Huvudmeny")
    expect(navigation.get_by_role("link", name="Möten")).to_be_visible()
    expect(navigation.get_by_role("link", name="Administration")).to_have_count(0)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_wrong_password_keeps_username(page: Page, live_server: LiveServer) -> None:
    log_in(page, live_server, "remittent", "fel-losenord")
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value("remittent")


def test_skip_link_by_keyboard_then_logout(page: Page, live_server: LiveServer) -> None:
    log_in(page, live_server, "admin", DEMO_PASSWORD)
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(live_server.url + "/login")


def test_account_page_from_the_header_is_accessible_and_refuses_a_weak_password(
    page: Page, live_server: LiveServer
) -> None:
    log_in(page, live_server, "styrgrupp", DEMO_PASSWORD)
    page.get_by_role("link", name="Eva Nord (demo)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    expect(page.get_by_role("heading", name="Dina inloggningar")).to_be_visible()
    expect(page.get_by_role("cell", name="Den här")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.get_by_label("Nuvarande lösenord").fill(DEMO_PASSWORD)
    page.get_by_label("Nytt lösenord").fill("password12")
    page.get_by_label("Upprepa det nya lösenordet").fill("password12")
    page.get_by_role("button", name="Byt lösenord").click()
    expect(page.get_by_role("alert")).to_contain_text("Lösenordet är för lätt att gissa")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
