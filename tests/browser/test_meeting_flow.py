"""The mapping meeting in real Chromium: needs, proposal, edits by chat and form, decision."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as

MESSAGES = (
    ("Individen", "Jag har fått en uppsägning av lägenheten och riskerar att bli vräkt."),
    ("Remittent", "Han har skulder hos Kronofogden."),
    ("Regionen", "Han har varit deprimerad sedan i våras."),
)


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _send(page: Page, speaker: str, text: str) -> None:
    page.get_by_label("Vem talar?").select_option(label=speaker)
    page.get_by_label("Meddelande").fill(text)
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_label("Meddelande")).to_have_value("")


def test_team_maps_needs_drafts_edits_and_records_the_plan(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "mgt.kommun")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Möten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Möten")
    expect(page.get_by_role("link", name="Anonym konsultation")).to_be_visible()
    _accessible(page)
    page.get_by_role("link", name="Robin Exempel (påhittad)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Möte: Robin Exempel (påhittad)")
    expect(page.get_by_text("Version 1", exact=True)).to_be_visible()

    for speaker, text in MESSAGES[:2]:
        _send(page, speaker, text)
    # By keyboard: Enter sends, and the cleared input keeps the focus for the next line.
    page.get_by_label("Vem talar?").select_option(label=MESSAGES[2][0])
    page.get_by_label("Meddelande").fill(MESSAGES[2][1])
    page.get_by_label("Meddelande").press("Enter")
    expect(page.get_by_label("Meddelande")).to_have_value("")
    expect(page.get_by_label("Meddelande")).to_be_focused()
    needs = page.locator("#behovsprofil")
    for label, evidence in (
        ("Risk för vräkning eller hyresskuld", re.compile("vräkt", re.IGNORECASE)),
        ("Skulder (Kronofogden, inkasso, sms-lån)", re.compile("skulder", re.IGNORECASE)),
        ("Psykisk ohälsa (depression, ångest, utmattning)", re.compile("deprimerad")),
    ):
        need = needs.locator(".need").filter(has_text=label)
        expect(need.locator("q").filter(has_text=evidence).first).to_be_visible()
    log = page.locator("#samtal-logg")
    expect(log.locator("mark.evidence--present", has_text="Kronofogden").last).to_be_visible()

    page.get_by_role("button", name="Föreslå insatser").click()
    rows = page.get_by_role("table", name="Insatser i planen")
    # Issue 9: at most 7 rows; debt advice is in the draft, KBT waits under "senare".
    debt = rows.get_by_role("row").filter(has_text="Budget- och skuldrådgivning")
    expect(debt).to_contain_text("Social/ekonomi/boende")
    expect(rows.get_by_role("row").filter(has_text="Arbetsliv/studier").first).to_be_visible()
    grid = page.get_by_role("table", name="Parallell plan: spår och faser")
    expect(grid.get_by_role("row", name="Vård")).to_contain_text("primärvården")
    expect(page.locator(".plan-owner")).to_contain_text("Sara Holm (demo), Kommunen")

    # Rows decided in version 1: one unit changed by chat command, one by the row form.
    _send(page, "Kommunen", "ändra enhet för vräkningsförebyggande stöd till funktionsstöd")
    housing = rows.get_by_role("row").filter(has_text="Vräkningsförebyggande stöd")
    expect(housing.locator(".plan-row__unit")).to_contain_text("Funktionsstöd (LSS)")
    care = rows.get_by_role("row").filter(has_text="Bedömning och behandling i primärvården")
    care.get_by_text("Ändra").click()
    care.get_by_label("Ansvarig enhet").select_option(label="Vuxenpsykiatrin")
    care.get_by_role("button", name="Spara ändringar").click()
    expect(care.locator(".plan-row__unit")).to_contain_text("Vuxenpsykiatrin")
    _accessible(page)

    page.get_by_label("Arbetsförmedlingen").fill("Lena Berg")
    page.get_by_label("Personen deltog i mötet").check()
    page.get_by_label("Personen instämmer i planen").check()
    page.get_by_role("button", name="Spara beslut").click()
    expect(page.locator("#mote-status")).to_contain_text("Beslutet är sparat som version 2")

    page.reload()
    versions = page.locator("#versioner")
    latest = versions.locator(".version").first
    expect(latest).to_contain_text("Version 2")
    expect(latest).to_contain_text("Tillagd: Budget- och skuldrådgivning.")
    # New in version 2, so its unit change by chat shows as part of the added row.
    expect(latest).to_contain_text("Tillagd: Vräkningsförebyggande stöd.")
    expect(latest).to_contain_text("Bedömning och behandling i primärvården: ansvarig enhet")
    expect(latest).to_contain_text("→ Vuxenpsykiatrin.")

    page.get_by_role("button", name="Skriv ut plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din plan – Robin Exempel (påhittad)")
    expect(page.get_by_role("heading", name="Budget- och skuldrådgivning")).to_be_visible()
    _accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_hidden()
    _accessible(page)


def test_other_screens_follow_at_the_next_poll(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Anonym konsultation").first.click()
    other = page.context.browser.new_context(locale="sv-SE") if page.context.browser else None
    assert other is not None
    second = other.new_page()
    try:
        enter_as(second, live_server, "mgt.region", page.url.removeprefix(live_server.url))
        _send(page, "Individen", "Han har skulder hos Kronofogden.")
        debt = second.locator("#behovsprofil .need").filter(has_text="Skulder")
        expect(debt).to_be_visible(timeout=4000)
        page.get_by_role("button", name="Föreslå insatser").click()
        expect(second.get_by_role("table", name="Insatser i planen")).to_be_visible(timeout=4000)
    finally:
        other.close()


def test_a_refused_htmx_request_is_shown_in_swedish(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Anonym konsultation").first.click()
    alert = page.locator("#htmx-fel")
    expect(alert).to_be_hidden()
    # A form from an older rule set names an intervention that no longer exists: 422.
    page.locator("#fraga-insats option").first.evaluate("o => { o.value = 'finns-inte' }")
    page.get_by_role("button", name="Varför?", exact=True).click()
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Uppgifterna kunde inte tas emot")
    # The poller asks every few seconds; its requests leave the alert in place. Waits for
    # a poll sent after the alert showed to be answered and handled, not for a fixed time.
    page.evaluate(
        """() => {
            const isPoll = event => event.detail.requestConfig.path.includes('/andringar');
            window.pollSent = false;
            window.pollAnswered = false;
            document.addEventListener('htmx:beforeRequest', event => {
                if (isPoll(event)) { window.pollSent = true; }
            });
            document.addEventListener('htmx:afterRequest', event => {
                if (isPoll(event) && window.pollSent) { window.pollAnswered = true; }
            });
        }"""
    )
    page.wait_for_function("() => window.pollAnswered", timeout=6000)
    expect(alert).to_be_visible()
    # The user's next change clears it.
    page.get_by_role("button", name="Föreslå insatser").click()
    expect(alert).to_be_hidden()
