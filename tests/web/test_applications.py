"""The referrer's application: the form, server-side validation, the pre-check, visibility."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import Application, ApplicationStatus, AuditEvent, Consent, Role, User
from tests.application_factory import anonymous_form, submitted_application, valid_form
from tests.conftest import UserFactory, csrf_token, log_in
from tests.html import Element, parse

pytestmark = pytest.mark.db

LoggedIn = Callable[..., User]


def _post(
    client: TestClient, url: str, form: dict[str, str], **headers: str
) -> tuple[int, Element, str]:
    response = client.post(url, data={**form, "csrf_token": csrf_token(client)}, headers=headers)
    return response.status_code, parse(response.text), response.headers.get("location", "")


def _field_error(page: Element, name: str) -> str:
    """Return the message tied to a control, checking aria-invalid and aria-describedby."""
    control = next(e for e in page.iter() if e.attrs.get("id") == name)
    assert control.attrs.get("aria-invalid") == "true"
    assert f"{name}-fel" in (control.attrs.get("aria-describedby") or "").split()
    message = next(e for e in page.iter() if e.attrs.get("id") == f"{name}-fel")
    return message.text


def _value(page: Element, name: str) -> str:
    control = next(e for e in page.iter() if e.attrs.get("name") == name and e.tag != "label")
    if control.tag == "textarea":
        return control.text
    if control.tag == "select":
        chosen = [o for o in control.find_all("option") if "selected" in o.attrs]
        return chosen[0].attrs.get("value") or "" if chosen else ""
    return control.attrs.get("value") or ""


def test_new_form_is_prefilled_with_the_referrer(client: TestClient, logged_in: LoggedIn) -> None:
    logged_in(Role.REMITTENT, party="af", unit="lokalt_kontor", display_name="Nils Test")
    page = parse(client.get("/ansokningar/ny").text)
    assert page.find("h1") is not None and page.find("h1").text == "Ansökan till MGT"  # type: ignore[union-attr]
    assert _value(page, "referrer_party") == "af"
    assert _value(page, "referrer_unit") == "lokalt_kontor"
    assert _value(page, "referrer_name") == "Nils Test"
    for control in page.iter():
        if control.tag in ("input", "select", "textarea") and control.attrs.get("type") not in (
            "hidden",
            "radio",
            "checkbox",
            "date",
        ):
            assert page.find("label", for_=control.attrs["id"] or "") is not None


def test_referrer_submits_an_application(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT)
    status, _page, location = _post(
        client, "/ansokningar/ny", {**valid_form(referrer), "action": "skicka"}
    )
    assert status == 303
    application = db.exec(select(Application)).one()
    assert location == f"/ansokningar/{application.id}"
    assert application.status is ApplicationStatus.SUBMITTED
    assert application.referrer_user_id == referrer.id
    assert len(db.exec(select(Consent)).all()) == 8
    page = parse(client.get(location).text)
    assert "Inskickad" in page.find("h1").text  # type: ignore[union-attr]
    actions = [
        e.action for e in db.exec(select(AuditEvent)).all() if e.object_type == "application"
    ]
    assert actions == ["application_saved", "application_submitted", "application_viewed"]


def test_invalid_personnummer_keeps_everything_typed(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = valid_form(referrer, personnummer="19900101-0018", action="skicka")
    status, page, _ = _post(client, "/ansokningar/ny", form)
    assert status == 422
    assert _field_error(page, "personnummer") == (
        "Kontrollsiffran stämmer inte. Kontrollera personnumret."
    )
    for name in ("personnummer", "person_name", "goal", "description", "income_source"):
        assert _value(page, name) == " ".join(form[name].split())
    assert "checked" in page.find("input", id="consent_fk_included").attrs  # type: ignore[union-attr]
    assert db.exec(select(Application)).all() == []


def test_missing_goal_gets_a_message_on_submit_but_a_draft_may_be_incomplete(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = valid_form(referrer, goal="", action="skicka")
    status, page, _ = _post(client, "/ansokningar/ny", form)
    assert status == 422
    assert _field_error(page, "goal") == "Ange målet med ansökan."
    assert _value(page, "description") == " ".join(form["description"].split())
    summary = page.find("div", class_="error-summary")
    assert summary is not None and summary.find("a", href="#goal") is not None

    status, _page, _location = _post(client, "/ansokningar/ny", {**form, "action": "spara"})
    assert status == 303
    draft = db.exec(select(Application)).one()
    assert draft.status is ApplicationStatus.DRAFT
    page = parse(client.get(f"/ansokningar/{draft.id}/andra").text)
    assert _value(page, "person_name") == "Testa Testsson"


def test_payer_must_approve_when_another_party_pays(
    client: TestClient, logged_in: LoggedIn
) -> None:
    referrer = logged_in(Role.REMITTENT, party="kommun")
    form = valid_form(referrer, income_source="sjukpenning", paying_party="fk", action="skicka")
    status, page, _ = _post(client, "/ansokningar/ny", form)
    assert status == 422
    assert _field_error(page, "payer_informed_and_approved").startswith(
        "Försäkringskassan betalar försörjningen"
    )
    form["payer_informed_and_approved"] = "1"
    assert _post(client, "/ansokningar/ny", form)[0] == 303


def test_anonymous_consultation_refuses_a_name(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = anonymous_form(referrer, person_name="Kalle Anka", action="skicka")
    status, page, _ = _post(client, "/ansokningar/ny", form)
    assert status == 422
    assert _field_error(page, "person_name") == (
        "En anonym konsultation får inte innehålla namn. Ta bort namnet."
    )
    assert _value(page, "person_name") == "Kalle Anka"
    assert "checked" in page.find("input", id="kind-anonym").attrs  # type: ignore[union-attr]

    form = anonymous_form(referrer, description="Pnr 19121212-1212, skulder.", action="skicka")
    status, page, _ = _post(client, "/ansokningar/ny", form)
    assert _field_error(page, "description").startswith("Texten innehåller ett personnummer")

    status, _page, location = _post(
        client, "/ansokningar/ny", anonymous_form(referrer, action="skicka")
    )
    assert status == 303
    application = db.exec(select(Application)).one()
    assert application.anonymous and application.person_name is None
    assert application.age_band == "20-24"
    banner = parse(client.get(location).text).find("p", class_="anonymous-banner")
    assert banner is not None and "Anonym konsultation" in banner.text


def test_precheck_fragment_shows_needs_parties_and_target_group(
    client: TestClient, logged_in: LoggedIn
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = valid_form(referrer)
    status, fragment, _ = _post(
        client, "/ansokningar/forhandskontroll", form, **{"HX-Request": "true"}
    )
    assert status == 200
    assert fragment.find("html") is None
    found = fragment.find("ul", class_="needs-found")
    assert found is not None
    needs = [strong.text for strong in found.find_all("strong")]
    assert any(text.startswith("Skulder") for text in needs), needs
    assert any("bostad" in text.lower() or "boende" in text.lower() for text in needs), needs
    criteria = {
        li.find("strong").text.split(":")[0]: li.attrs["class"]  # type: ignore[union-attr]
        for li in fragment.find("ul", class_="criteria").find_all("li")  # type: ignore[union-attr]
    }
    assert criteria["Behov som berör minst 2 parter"] == "criterion criterion--met"
    assert criteria["Ålder 16–64 år"] == "criterion criterion--met"
    assert fragment.find("section", class_="acute-found") is None


def test_the_case_page_names_an_acute_risk_in_the_description(
    client: TestClient, logged_in: LoggedIn
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = {**valid_form(referrer), "action": "skicka"}
    form["description"] += " Hennes sambo slår henne när han druckit."
    status, _page, location = _post(client, "/ansokningar/ny", form)
    assert status == 303
    page = parse(client.get(location).text)
    acute = page.find("section", class_="acute-found")
    assert acute is not None and "Våld i nära relation" in acute.text
    assert "112" in acute.text


def test_precheck_fragment_names_an_acute_risk_first_with_where_to_turn(
    client: TestClient, logged_in: LoggedIn
) -> None:
    referrer = logged_in(Role.REMITTENT)
    form = valid_form(referrer)
    form["description"] += " Han säger att han inte vill leva längre och har samlat tabletter."
    status, fragment, _ = _post(
        client, "/ansokningar/forhandskontroll", form, **{"HX-Request": "true"}
    )
    assert status == 200
    acute = fragment.find("section", class_="acute-found")
    assert acute is not None
    heading = acute.find("h3")
    assert heading is not None and heading.text == "Akut i beskrivningen – vänta inte på MGT"
    item = acute.find("li")
    assert item is not None
    assert item.find("strong").text == "Självmordstankar eller självmordsplaner"  # type: ignore[union-attr]
    assert "Hantera akut nu, inte via MGT" in item.text and "112" in item.text
    # Still advice: the needs and the target group follow as before.
    assert fragment.find("ul", class_="needs-found") is not None


def test_referrer_sees_only_own_and_team_only_submitted(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    mine, other = make_user(Role.REMITTENT), make_user(Role.REMITTENT)
    own = submitted_application(db, mine)
    draft = submitted_application(db, mine, submit=False)
    foreign = submitted_application(db, other)
    log_in(client, mine)
    links = {a.attrs["href"] for a in parse(client.get("/ansokningar").text).find_all("a")}
    assert {f"/ansokningar/{own.id}", f"/ansokningar/{draft.id}"} <= links
    assert f"/ansokningar/{foreign.id}" not in links
    assert client.get(f"/ansokningar/{foreign.id}").status_code == 404

    client.cookies.clear()
    log_in(client, make_user(Role.MGT, party="kommun", unit="socialtjanst"))
    links = {a.attrs["href"] for a in parse(client.get("/ansokningar").text).find_all("a")}
    assert {f"/ansokningar/{own.id}", f"/ansokningar/{foreign.id}"} <= links
    assert f"/ansokningar/{draft.id}" not in links
    assert client.get(f"/ansokningar/{draft.id}").status_code == 404
