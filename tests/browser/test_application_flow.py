"""A referrer applies, the pre-check advises, the team books, and the meeting starts from it."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, axe_violations, describe, enter_as, log_out

DESCRIPTION = (
    "Hon har skulder hos Kronofogden och saknar bostad, hon sover hos olika vänner. "
    "Hon har varit arbetslös i tre år."
)


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_referrer_applies_and_team_books_the_meeting(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "remittent")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ansökningar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansökningar")
    _accessible(page)
    page.get_by_role("link", name="Ny ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansökan till MGT")
    expect(page.get_by_label("Ditt namn (obligatorisk)")).to_have_value("Sara Holm (demo)")

    page.get_by_label("Namn (obligatorisk)", exact=True).fill("Testa Påhittad")
    page.get_by_label("Personnummer").fill("19900101-0018")
    page.get_by_label("Födelseår").fill("1990")
    page.get_by_label("Kön").select_option(label="Kvinna")
    page.get_by_label("Försörjning", exact=True).select_option(
        label="Ekonomiskt bistånd (försörjningsstöd)"
    )
    page.get_by_label("Part som betalar försörjningen", exact=True).select_option(label="Kommunen")
    page.get_by_label("Mål med ansökan (obligatorisk)").fill(
        "Komma närmare arbete och ett eget boende."
    )
    page.get_by_label("Vad din organisation redan har prövat (obligatorisk)").fill(
        "Budgetrådgivning och två samtal med arbetsmarknadsenheten."
    )
    page.get_by_label("Beskrivning av situationen").fill(DESCRIPTION)

    precheck = page.locator("#forhandskontroll")
    expect(precheck.locator(".needs-found")).to_contain_text("Skulder")
    expect(precheck.locator(".needs-found")).to_contain_text("bostad")
    expect(precheck.locator(".criterion--met")).to_contain_text(
        ["Behov som berör minst 2 parter: Uppfyllt"]
    )

    page.get_by_label("Personen är informerad om vad MGT är och innebär").check()
    page.get_by_label("Samtycke är inhämtat").check()
    for scope in ("Arbetsförmedlingen", "Försäkringskassan", "Kommunen – socialtjänst"):
        page.get_by_label(f"{scope}: ingår", exact=True).check()
    _accessible(page)

    page.get_by_role("button", name="Skicka in").click()
    expect(page.locator("#personnummer-fel")).to_have_text(
        "Kontrollsiffran stämmer inte. Kontrollera personnumret."
    )
    expect(page.get_by_label("Personnummer")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Beskrivning av situationen")).to_have_value(DESCRIPTION)
    expect(page.get_by_label("Kommunen – socialtjänst: ingår", exact=True)).to_be_checked()
    _accessible(page)

    page.get_by_label("Personnummer").fill("")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inskickad")
    case_url = page.url
    _accessible(page)
    log_out(page)

    enter_as(page, live_server, "mgt.kommun", "/ansokningar")
    page.get_by_role("link", name=f"Ärende {case_url.rsplit('/', 1)[1]}").click()
    expect(page.get_by_text("Testa Påhittad")).to_be_visible()
    _accessible(page)
    page.get_by_label("Datum").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label("Tid").fill("13:30")
    page.get_by_role("button", name="Boka möte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bokad")
    _accessible(page)

    page.get_by_role("link", name="Öppna mötet").click()
    main = page.locator("main")
    expect(main).to_contain_text("hos Kronofogden")
    expect(main).to_contain_text("Komma närmare arbete och ett eget boende.")
    expect(main).to_contain_text("Skulder")


def test_anonymous_consultation_refuses_a_name(page: Page, live_server: LiveServer) -> None:
    enter_as(page, live_server, "remittent", "/ansokningar/ny-anonym")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anonym konsultation")
    page.get_by_label("Namn").first.fill("Kalle Anka")
    page.get_by_label("Åldersintervall (obligatorisk)").select_option(label="25–29 år")
    page.get_by_label("Mål med ansökan (obligatorisk)").fill("Råd om nästa steg.")
    page.get_by_label("Vad din organisation redan har prövat (obligatorisk)").fill("Praktik.")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.locator("#person_name-fel")).to_have_text(
        "En anonym konsultation får inte innehålla namn. Ta bort namnet."
    )
    expect(page.locator("#person_name")).to_have_value("Kalle Anka")
    expect(page.get_by_label("Åldersintervall (obligatorisk)")).to_have_value("25-29")
    _accessible(page)

    page.locator("#person_name").fill("")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.locator(".anonymous-banner")).to_contain_text("Anonym konsultation")
    _accessible(page)


def test_the_precheck_names_an_acute_risk_while_the_referrer_writes(
    page: Page, live_server: LiveServer
) -> None:
    enter_as(page, live_server, "remittent", "/ansokningar/ny")
    page.get_by_label("Beskrivning av situationen").fill(
        DESCRIPTION + " Hon säger att hon inte vill leva längre och har samlat tabletter."
    )
    acute = page.locator("#forhandskontroll .acute-found")
    expect(acute.get_by_role("heading")).to_have_text("Akut i beskrivningen – vänta inte på MGT")
    expect(acute).to_contain_text("Självmordstankar eller självmordsplaner")
    expect(acute).to_contain_text("112")
    # Advice, not a block: the needs and the target group are still there.
    expect(page.locator("#forhandskontroll .needs-found")).to_contain_text("Skulder")
    _accessible(page)
