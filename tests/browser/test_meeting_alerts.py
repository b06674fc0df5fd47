"""The acute-risk stop and services in place on the meeting page, in real Chromium."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as

# Set to a folder to keep screenshots of the page at a phone's and a laptop's width.
SCREENSHOTS = os.environ.get("MGT_SCREENSHOTS")


def _send(page: Page, speaker: str, text: str) -> None:
    page.get_by_label("Vem talar?").select_option(label=speaker)
    page.get_by_label("Meddelande").fill(text)
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_label("Meddelande")).to_have_value("")


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"]


def test_a_suicidal_statement_stops_the_plan_and_services_in_place_show(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Robin Exempel (påhittad)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Möte: Robin Exempel (påhittad)")
    _send(page, "Remittent", "Hon har sagt att hon har tankar på att ta livet av sig.")
    box = page.locator(".acute-stop")
    # It appeared after the page loaded, so it is announced.
    expect(box).to_have_attribute("role", "alert")
    expect(box.get_by_role("heading", level=2)).to_have_text("Hantera akut nu, inte via MGT")
    expect(box.get_by_role("listitem").first).to_contain_text("Psykiatrisk akutmottagning")
    expect(box.locator("q").first).to_have_text("ta livet av sig")
    assert _top(page, ".acute-stop") < _top(page, "#samtal-rubrik") < _top(page, "#plan-rubrik")

    _send(page, "Remittent", "hon har redan daglig verksamhet")
    in_place = page.get_by_role("table", name="Pågår redan (föreslås inte igen)")
    row = in_place.get_by_role("row").filter(has_text="Daglig verksamhet")
    expect(row).to_contain_text("pågår redan")
    expect(row).to_contain_text("Kommunen")
    signals = page.locator("#behovsprofil .signals")
    expect(signals.locator(".need").filter(has_text="Daglig verksamhet")).to_contain_text(
        "daglig verksamhet"
    )
    expect(page.get_by_role("heading", name="Nästa steg, senare")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    if SCREENSHOTS:
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(Path(SCREENSHOTS) / f"meeting-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 720})

    box.get_by_role("button", name="Markera som hanterat").click()
    expect(page.locator(".acute-stop")).to_have_count(0)
    expect(page.get_by_text("Akut hanterat (1)")).to_be_visible()
    expect(page.locator("#samtal-logg")).to_contain_text("markerade det akuta som hanterat")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_the_second_opinion_asks_and_the_team_confirms(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Robin Exempel (påhittad)").click()
    # No word list knows this; the second opinion reads it as uncertain self-harm.
    _send(page, "Individen", "Ibland river jag upp huden på armarna tills det blöder.")
    replies = page.locator("#samtal-logg .chat-message__text")
    reply = replies.filter(has_text="Osäkert, fråga personen om det").last
    expect(reply).to_contain_text("Självskadebeteende")
    # The same reading gives the uncertain mental-health need, named first in the reply.
    expect(reply).to_contain_text("Jag uppfattade: Psykisk ohälsa")
    # Uncertain stops nothing: no acute box, the plan stays.
    expect(page.locator(".acute-stop")).to_have_count(0)
    signals = page.locator("#behovsprofil .signals")
    alert = signals.locator(".need").filter(has_text="Självskadebeteende")
    expect(alert).to_contain_text("osäkert – fråga personen om det")
    expect(alert).to_contain_text("Ibland river jag upp huden")
    alert.get_by_role("button", name="Bekräfta").click()
    expect(signals.locator(".need").filter(has_text="Självskadebeteende")).not_to_contain_text(
        "obedömd"
    )
    violations = axe_violations(page)
    assert violations == [], describe(violations)
