"""The team stays in control of the plan, in real Chromium: no silent loss, nothing added by talk.

Issue 13: the journey "first message → nothing in the plan → Föreslå insatser →
remove a row → Föreslå insatser again → the row stays removed", and two browsers
editing one row at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _send(page: Page, speaker: str, text: str) -> None:
    page.get_by_label("Vem talar?").select_option(label=speaker)
    page.get_by_label("Meddelande").fill(text)
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_label("Meddelande")).to_have_value("")


def _open_consultation(page: Page, server: LiveServer, username: str) -> None:
    enter_as(page, server, username, "/moten")
    page.get_by_role("link", name="Anonym konsultation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Möte: Anonym konsultation")


def _rows(page: Page) -> Locator:
    return page.get_by_role("table", name="Insatser i planen")


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """A second, separate browser context: another team member at another screen."""
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


def test_talk_never_fills_the_plan_and_a_removed_row_stays_removed(
    page: Page, live_server: LiveServer
) -> None:
    _open_consultation(page, live_server, "mgt.kommun")
    _send(page, "Individen", "Jag har inga skulder längre.")
    expect(page.locator("#plan")).to_contain_text("Planen är tom.")
    for text in (
        "Jag riskerar att bli vräkt från lägenheten.",
        "Jag är deprimerad och har varit arbetslös i fem år.",
    ):
        _send(page, "Individen", text)
    expect(page.locator("#behovsprofil")).to_contain_text("Psykisk ohälsa")
    expect(page.locator("#plan")).to_contain_text("Planen är tom.")
    expect(_rows(page)).to_have_count(0)

    page.get_by_role("button", name="Föreslå insatser").click()
    first = _rows(page).locator("tbody tr").first
    expect(first).to_be_visible()
    row_id = first.get_attribute("id") or ""
    name = first.get_by_role("rowheader").inner_text().split("\n")[0].strip()
    assert row_id.startswith("rad-") and name

    # Week numbers mean one thing: vecka 3 shows as v. 3.
    _send(page, "Kommunen", f"flytta {name} till vecka 3")
    expect(page.locator(f"#{row_id} td").nth(3)).to_have_text("v. 3")

    page.locator(f"#{row_id}").get_by_text("Ändra").click()
    page.locator(f"#{row_id}").get_by_role("button", name=f"Ta bort {name}").click()
    expect(page.locator(f"#{row_id}")).to_have_count(0)
    removed = page.get_by_role("table", name="Borttaget av teamet (föreslås inte igen)")
    expect(removed.get_by_role("row").filter(has_text=name)).to_contain_text("borttagen av teamet")

    # The status box stays while this test reads it (a loaded machine is slow), then
    # closes by its button.
    box = page.locator("#mote-status-ruta")
    box.evaluate("b => { b.dataset.hideAfter = '600000' }")
    page.get_by_role("button", name="Föreslå insatser").click()
    expect(page.locator("#mote-status")).to_contain_text("Borttaget av teamet lades inte tillbaka")
    expect(page.locator(f"#{row_id}")).to_have_count(0)
    expect(removed.get_by_role("row").filter(has_text=name)).to_be_visible()
    _accessible(page)
    expect(box).to_be_visible()
    page.get_by_role("button", name="Stäng meddelandet").click()
    expect(page.locator("#mote-status")).to_have_text("")
    expect(page.get_by_role("button", name="Stäng meddelandet")).to_be_hidden()

    # Only an explicit choice brings the row back.
    removed.get_by_role("button", name=f"Lägg tillbaka {name}").click()
    expect(page.locator(f"#{row_id}")).to_be_visible()
    expect(page.get_by_role("button", name="Stäng meddelandet")).to_be_visible()
    # At the foot of the page the box leaves the last button free.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = page.get_by_role("button", name="Spara beslut").bounding_box()
    shown = box.bounding_box()
    assert last is not None and shown is not None
    assert last["y"] + last["height"] <= shown["y"], (last, shown)
    # And it closes by itself.
    box.evaluate("b => { b.dataset.hideAfter = '500' }")
    page.get_by_role("button", name="Föreslå insatser").click()
    expect(page.get_by_role("button", name="Stäng meddelandet")).to_be_visible()
    expect(page.get_by_role("button", name="Stäng meddelandet")).to_be_hidden(timeout=10_000)


def test_unknown_commands_get_help_in_swedish(page: Page, live_server: LiveServer) -> None:
    _open_consultation(page, live_server, "mgt.kommun")
    _send(page, "Kommunen", "visa planen")
    reply = page.locator("#samtal-logg li").last
    expect(reply).to_contain_text("Jag förstår inte kommandot ”visa planen”.")
    expect(reply).to_contain_text("Kommandon jag förstår:")
    expect(reply).not_to_contain_text("inga nya behov")


def test_two_browsers_edit_one_row_conflict_keeps_values_and_editor_survives(
    page: Page, second_page: Page, live_server: LiveServer
) -> None:
    _open_consultation(page, live_server, "mgt.kommun")
    _send(page, "Individen", "Jag är deprimerad och har skulder hos Kronofogden.")
    page.get_by_role("button", name="Föreslå insatser").click()
    first = _rows(page).locator("tbody tr").first
    expect(first).to_be_visible()
    row_id = first.get_attribute("id") or ""

    other = second_page
    enter_as(other, live_server, "mgt.region", page.url.removeprefix(live_server.url))
    expect(other.locator(f"#{row_id}")).to_be_visible()

    # Screen A opens the row's editor and starts typing.
    mine = page.locator(f"#{row_id}")
    mine.get_by_text("Ändra").click()
    mine.get_by_label("Kontaktperson", exact=True).fill("Anna Ahl")
    mine.get_by_label("Längd i veckor").fill("30")

    # Screen B changes the same row and saves.
    theirs = other.locator(f"#{row_id}")
    theirs.get_by_text("Ändra").click()
    theirs.get_by_label("Kontaktperson", exact=True).fill("Bertil Berg")
    theirs.get_by_role("button", name="Spara ändringar").click()
    expect(theirs.locator("td").nth(2)).to_contain_text("Bertil Berg")

    # A's screen refreshes at its next poll: the row shows B's value, the editor stays
    # open with what A typed.
    expect(mine.locator("td").nth(2)).to_contain_text("Bertil Berg", timeout=6000)
    editor = mine.locator("details.row-edit")
    expect(editor).to_have_attribute("open", "")
    expect(mine.get_by_label("Kontaktperson", exact=True)).to_have_value("Anna Ahl")
    expect(mine.get_by_label("Längd i veckor")).to_have_value("30")

    # A saves: the conflict is shown, with A's values kept and B's named.
    mine.get_by_role("button", name="Spara ändringar").click()
    alert = mine.get_by_role("alert")
    expect(alert).to_contain_text("Någon annan ändrade raden medan du arbetade.")
    expect(alert).to_contain_text("Kontaktperson är nu Bertil Berg.")
    expect(mine.get_by_label("Kontaktperson", exact=True)).to_have_value("Anna Ahl")
    expect(mine.get_by_label("Längd i veckor")).to_have_value("30")
    _accessible(page)

    # Saving again, knowingly, replaces B's values; B's screen follows.
    mine.get_by_role("button", name="Spara ändringar").click()
    expect(mine.locator("td").nth(2)).to_contain_text("Anna Ahl")
    expect(mine.locator("td").nth(4)).to_have_text("30 v.")
    expect(other.locator(f"#{row_id} td").nth(2)).to_contain_text("Anna Ahl", timeout=6000)


def test_printed_plan_fits_and_is_accessible(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "mgt.kommun", "/moten")
    page.get_by_role("link", name="Robin Exempel (påhittad)").click()
    page.get_by_role("button", name="Skriv ut plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din plan – Robin Exempel (påhittad)")
    text = page.locator("article.print-plan").inner_text()
    assert "personen" not in text.lower().split()
    assert "Din handläggare berättar vem du ska kontakta" not in text
    _accessible(page)
    page.emulate_media(media="print")
    _accessible(page)
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, pages


def test_decision_form_refuses_an_empty_decision_and_starts_from_the_last(
    page: Page, live_server: LiveServer
) -> None:
    _open_consultation(page, live_server, "mgt.kommun")
    _send(page, "Individen", "Jag är deprimerad.")
    page.get_by_role("button", name="Föreslå insatser").click()
    expect(_rows(page).locator("tbody tr").first).to_be_visible()
    form = page.locator("#beslut-form")
    form.get_by_label("Personen deltog i mötet").check()
    form.get_by_label("Planerat slut").fill("2020-01-01")
    form.get_by_role("button", name="Spara beslut").click()
    alert = form.get_by_role("alert")
    expect(alert).to_contain_text("Beslutet sparades inte.")
    expect(form.locator(".field-error").first).to_have_text(
        "Ange vilka som deltog i beslutet: minst en deltagare från en part eller remittenten."
    )
    expect(form.get_by_label("Personen deltog i mötet")).to_be_checked()
    expect(form.get_by_label("Planerat slut")).to_have_value("2020-01-01")
    _accessible(page)

    form.get_by_label("Remittent").fill("Sara Holm")
    form.get_by_label("Planerat slut").fill("")
    form.get_by_role("button", name="Spara beslut").click()
    expect(page.locator("#mote-status")).to_contain_text("Beslutet är sparat som version 1")
    # The next decision starts from this one.
    expect(page.locator("#beslut-form").get_by_label("Remittent")).to_have_value("Sara Holm")
    expect(page.locator("#beslut-form").get_by_label("Personen deltog i mötet")).to_be_checked()
