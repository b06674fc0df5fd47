"""The steering group approves a candidate in Chromium, and the next decision carries its hash."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import Session

from mgt_assistant.db.engine import make_engine
from mgt_assistant.services.rule_versions import store_rule_folder
from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as
from tests.rule_version_factory import NEW_VERSION, NEW_WHY, changed_rules


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_steering_group_approves_and_the_next_decision_uses_the_new_version(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    engine = make_engine(live_server.database_url)
    with Session(engine) as session:
        candidate = store_rule_folder(
            session, changed_rules(tmp_path), by=None, source="import"
        ).version
        short = candidate.hash[:12]
    engine.dispose()

    enter_as(page, live_server, "styrgrupp")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Regelverk").click()
    _accessible(page)
    page.get_by_role("link", name=NEW_VERSION).click()
    page.get_by_role("link", name="Huvudspår mot arbete eller studier", exact=False).click()
    page.get_by_label("Kommentar till ARB-01").fill("Bra att motiveringen är tydligare.")
    page.locator("#rad-ARB-01").get_by_role("button", name="Spara kommentar").click()
    expect(page.locator("#rad-ARB-01")).to_contain_text("Bra att motiveringen är tydligare.")
    _accessible(page)
    page.get_by_role("link", name=f"Version {NEW_VERSION}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Regelverk version {NEW_VERSION}")
    expect(page.get_by_text(NEW_WHY).first).to_be_visible()
    _accessible(page)
    page.get_by_role("button", name="Skicka på granskning till styrgruppen").click()
    expect(page.locator("#meddelanden")).to_contain_text("skickad på granskning")
    page.get_by_role("button", name="Provkör mot sparade ärenden och testscenarier").click()
    summary = page.locator("#provkorning-sammanfattning")
    expect(summary).to_contain_text("Ärenden jämförda")
    expect(summary).to_contain_text("Planutkast som ändras")
    _accessible(page)
    page.get_by_label("Protokoll (t.ex. Styrgruppen 2026-12-01 §4)").fill("Styrgruppen §7")
    page.get_by_role("button", name="Godkänn versionen").click()
    expect(page.locator("#meddelanden")).to_contain_text("godkänd och gäller från i dag")
    expect(page.locator(".status--aktiv")).to_have_text("Aktiv")

    team = page.context.browser.new_context(locale="sv-SE") if page.context.browser else None
    assert team is not None
    meeting = team.new_page()
    try:
        enter_as(meeting, live_server, "mgt.kommun", "/moten")
        meeting.get_by_role("link", name="Robin Exempel (påhittad)").click()
        status = meeting.locator("#mote-status")
        expect(meeting.get_by_role("table", name="Insatser i planen")).to_be_visible()
        meeting.get_by_label("Arbetsförmedlingen").fill("Lena Berg")
        meeting.get_by_role("button", name="Spara beslut").click()
        expect(status).to_contain_text("Beslutet är sparat som version", timeout=15_000)
        meeting.reload()
        latest = meeting.locator("#versioner .version").first
        expect(latest).to_contain_text(f"Regelverk {NEW_VERSION} ({short})")
    finally:
        team.close()
