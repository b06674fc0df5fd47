"""Möten over HTTP: list, page, htmx updates, polling, decisions, print, consent."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Role, User
from mgt_assistant.domain.swedish_time import format_date
from mgt_assistant.web.meeting_print import meeting_day, to_you
from tests.conftest import csrf_token, log_in
from tests.html import Element, parse
from tests.meeting_factory import meeting_core, named_meeting

pytestmark = pytest.mark.db

HX = {"HX-Request": "true"}


def _post(client: TestClient, path: str, **data: str) -> tuple[int, Element]:
    response = client.post(path, data=data, headers={**HX, "X-CSRF-Token": csrf_token(client)})
    return response.status_code, parse(response.text)


def _label_for(page: Element, text: str) -> Element:
    label = next(e for e in page.find_all("label") if e.text == text)
    control = next(e for e in page.iter() if e.attrs.get("id") == label.attrs["for"])
    return control


def _buttons(page: Element) -> set[str]:
    return {b.text for b in page.find_all("button")}


def test_list_shows_meetings_and_starts_an_anonymous_consultation(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    named_meeting(db, user)
    page = parse(client.get("/moten").text)
    table = next(t for t in page.find_all("table") if t.find("caption").text == "Idag och kommande")  # type: ignore[union-attr]
    assert "Test Påhittad" in table.text and "Sara Holm, Kommunen" in table.text
    response = client.post(
        "/moten",
        data={
            "kind": "anonym",
            "person_name": "Ska inte sparas",
            "referrer_name": "Nils Åberg",
            "referrer_party": "af",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 303
    page = parse(client.get(response.headers["location"]).text)
    assert page.find("h1").text == "Möte: Anonym konsultation"  # type: ignore[union-attr]


def test_meeting_page_has_the_named_controls(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    page = parse(client.get(f"/moten/{meeting.id}").text)
    assert _label_for(page, "Meddelande").attrs["name"] == "text"
    assert {"Skicka", "Föreslå insatser", "Spara beslut", "Skriv ut plan"} <= _buttons(page)
    owner = page.find("dd", id="planagare")
    assert owner is not None and owner.text == "Sara Holm, Kommunen (Ekonomiskt bistånd)"


def _notice(response: Response, header: str = "HX-Trigger", event: str = "meeting-notice") -> str:
    detail = json.loads(response.headers[header])[event]
    return str(detail.get("notice", ""))


def test_message_replaces_the_chat_form_and_sends_the_other_parts_out_of_band(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    response = client.post(
        f"/moten/{meeting.id}/meddelanden",
        data={"speaker": "fk", "text": "Jag har skulder hos Kronofogden."},
        headers={**HX, "X-CSRF-Token": csrf_token(client)},
    )
    assert response.status_code == 200
    answer = parse(response.text)
    form = answer.find("form", id="chatt")
    assert form is not None and form.attrs["hx-target"] == "this"
    assert "hx-swap-oob" not in form.attrs
    assert _label_for(form, "Meddelande").attrs.get("value") in (None, "")
    chosen = form.find("option", value="fk")
    assert chosen is not None and "selected" in chosen.attrs
    assert _notice(response).startswith("Jag uppfattade: Skulder")
    # Every part whose forms post the revision comes along, out of band, at revision 1.
    swapped = {e.attrs.get("id") for e in answer.iter() if e.attrs.get("hx-swap-oob") == "true"}
    assert {"akut", "behovsprofil", "plan", "versioner", "beslut-revision", "mote-poll"} <= swapped
    needs = answer.find("section", id="behovsprofil")
    assert needs is not None
    assert {i.attrs["value"] for i in needs.find_all("input", name="revision")} == {"1"}
    quotes = [q.text for q in needs.find_all("q")]
    assert quotes and all(q in "Jag har skulder hos Kronofogden." for q in quotes)
    # The screen named no message, so the conversation's window comes whole.
    log = answer.find("div", id="samtal-logg")
    assert log is not None and log.attrs.get("hx-swap-oob") == "true"
    mark = log.find("mark")
    assert mark is not None and "(behov: Skulder" in mark.text

    part = client.get(f"/moten/{meeting.id}/delar/samtal?revision=0", headers=HX)
    assert parse(part.text).find("mark") is not None
    # A part that is already current stays as it is.
    assert client.get(f"/moten/{meeting.id}/delar/behov?revision=1", headers=HX).status_code == 204
    assert client.get(f"/moten/{meeting.id}/delar/okand?revision=0", headers=HX).status_code == 404


def test_a_refused_change_swaps_nothing_and_says_why(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    response = client.post(
        f"/moten/{meeting.id}/beslut",
        data={"revision": "0", "decision_date": "2026-01-05", "attendees_af": "Lena Berg"},
        headers={**HX, "X-CSRF-Token": csrf_token(client)},
    )
    assert response.status_code == 204
    assert _notice(response).startswith("Planen är tom.")


def _editor_form(page: Element, intervention_id: str) -> dict[str, str]:
    """Return what a row editor's save form would send as it stands."""
    editor = page.find("details", id=f"andra-{intervention_id}")
    assert editor is not None
    form = editor.find("form")
    assert form is not None
    data: dict[str, str] = {}
    for field in form.find_all("input"):
        name = field.attrs.get("name")
        if name and name != "csrf_token":
            data[name] = field.attrs.get("value") or ""
    for select in form.find_all("select"):
        chosen = [o for o in select.find_all("option") if "selected" in o.attrs]
        data[select.attrs["name"] or ""] = (chosen[0].attrs["value"] or "") if chosen else ""
    return data


def test_two_screens_editing_one_row_see_the_conflict_and_keep_their_values(
    client: TestClient, app: FastAPI, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}/plan/kbt"
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="kbt", revision="0")
    # A second browser on the same app; not a context manager, so the app's lifespan
    # (and its engine) stays the one the first client started.
    other = TestClient(app, follow_redirects=False)
    log_in(other, user)
    mine = _editor_form(parse(client.get(f"/moten/{meeting.id}").text), "kbt")
    theirs = _editor_form(parse(other.get(f"/moten/{meeting.id}").text), "kbt")
    assert mine["was_start_week"] == mine["start_week"] == "1"
    status, _ = _post(client, path, **{**mine, "contact_person": "Anna Ek"})
    assert status == 200
    typed = {**theirs, "contact_person": "Bo Berg", "unit": "region/psykiatri", "weeks": "20"}
    status, fragment = _post(other, path, **typed)
    assert status == 409
    editor = fragment.find("details", id="andra-kbt")
    assert editor is not None and "open" in editor.attrs
    alert = editor.find("div", role="alert")
    assert alert is not None
    assert alert.text.startswith("Någon annan ändrade raden medan du arbetade.")
    assert "Kontaktperson är nu Anna Ek." in alert.text
    kept = _editor_form(fragment, "kbt")
    # What was typed is still there; the row as it is now is what a retry replaces.
    assert (kept["contact_person"], kept["unit"], kept["weeks"]) == (
        "Bo Berg",
        "region/psykiatri",
        "20",
    )
    assert kept["was_contact_person"] == "Anna Ek"
    db.expire_all()
    assert store.plan_of(db, meeting.id or 0)[0].contact_person == "Anna Ek"
    status, _ = _post(other, path, **kept)
    assert status == 200
    db.expire_all()
    saved = store.plan_of(db, meeting.id or 0)[0]
    assert (saved.contact_person, saved.unit, saved.weeks) == ("Bo Berg", "psykiatri", 20)


def test_an_open_row_editor_saves_after_changes_elsewhere_in_the_meeting(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="kbt", revision="0")
    opened = _editor_form(parse(client.get(f"/moten/{meeting.id}").text), "kbt")
    # Someone else adds a row and writes in the chat: the revision moves on twice.
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="tolk", revision=opened["revision"])
    _post(client, f"/moten/{meeting.id}/meddelanden", speaker="fk", text="Hej.")
    status, _ = _post(
        client, f"/moten/{meeting.id}/plan/kbt", **{**opened, "start_week": "3", "phase": "forsteg"}
    )
    assert status == 200
    db.expire_all()
    row = store.plan_of(db, meeting.id or 0)[0]
    # Vecka 3 is the third week: stored from 0, shown as v. 3.
    assert (row.start_week, row.phase) == (2, "forsteg")
    page = parse(client.get(f"/moten/{meeting.id}").text)
    cells = page.find("tr", id="rad-kbt").find_all("td")  # type: ignore[union-attr]
    assert "v. 3" in [c.text for c in cells]
    # A form without the row as it saw it falls back to the meeting's revision.
    status, page = _post(
        client,
        f"/moten/{meeting.id}/plan/kbt",
        **{k: v for k, v in opened.items() if not k.startswith("was_")},
    )
    assert status == 409


def test_row_form_errors_state_the_true_bounds(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="kbt", revision="0")
    opened = _editor_form(parse(client.get(f"/moten/{meeting.id}").text), "kbt")
    for field, message in (
        ("weeks", "Ange ett antal veckor mellan 1 och 260."),
        ("start_week", "Ange en startvecka mellan 1 och 260."),
    ):
        response = client.post(
            f"/moten/{meeting.id}/plan/kbt",
            data={**opened, field: "0"},
            headers={**HX, "X-CSRF-Token": csrf_token(client)},
        )
        assert response.status_code == 204
        assert _notice(response, "HX-Trigger") == message


def test_poll_is_cheap_until_something_changes(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    assert client.get(f"/moten/{meeting.id}/andringar?revision=0", headers=HX).status_code == 204
    _post(client, f"/moten/{meeting.id}/meddelanden", speaker="fk", text="Hon är sjukskriven.")
    response = client.get(f"/moten/{meeting.id}/andringar?revision=0", headers=HX)
    assert response.status_code == 200
    poller = parse(response.text).find("div", id="mote-poll")
    assert poller is not None and (poller.attrs["hx-get"] or "").endswith("revision=1")
    # Every two seconds unless MGT_POLL_SECONDS says otherwise.
    assert poller.attrs["hx-trigger"] == "every 2000ms"
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"poll_seconds": 0.5}
    )
    response = client.get(f"/moten/{meeting.id}/andringar?revision=0", headers=HX)
    poller = parse(response.text).find("div", id="mote-poll")
    assert poller is not None and poller.attrs["hx-trigger"] == "every 500ms"


def test_decision_version_page_and_print(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    _post(client, path + "/meddelanden", speaker="individen", text="Jag är deprimerad.")
    _post(client, path + "/forslag")
    status, fragment = _post(
        client,
        path + "/beslut",
        revision="2",
        decision_date="2026-01-05",
        attendees_af="Lena Berg",
        person_took_part="true",
        person_agrees="true",
    )
    assert status == 200
    form = fragment.find("form", id="beslut-form")
    assert form is not None and form.attrs["hx-swap"] == "outerHTML"
    # The next decision starts from this one: who took part and what the person said.
    assert _label_for(form, "Arbetsförmedlingen").attrs.get("value") == "Lena Berg"
    assert "checked" in _label_for(form, "Personen deltog i mötet").attrs
    version = parse(client.get(path + "/versioner/1").text)
    assert version.find("h1").text == "Version 1 av planen – Test Påhittad"  # type: ignore[union-attr]
    assert "Första beslutade versionen." in version.text
    printed = parse(client.get(path + "/utskrift").text)
    assert printed.find("h1").text == "Din plan – Test Påhittad"  # type: ignore[union-attr]
    steps = [h.text for h in printed.find_all("h3")]
    assert "KBT – kognitiv beteendeterapi" in steps


def test_excluded_party_sees_a_notice_and_may_not_change(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    owner = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, owner, parties=("kommun", "region"))
    logged_in(Role.MGT, party="fk")
    response = client.get(f"/moten/{meeting.id}")
    assert response.status_code == 403
    assert "samtycke" in parse(response.text).find("p", class_="notice").text  # type: ignore[union-attr]
    status, _ = _post(client, f"/moten/{meeting.id}/meddelanden", speaker="fk", text="Hej")
    assert status == 403


def test_the_layouts_status_region_never_shows_the_conversation(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    _post(client, f"/moten/{meeting.id}/meddelanden", speaker="individen", text="Han har skulder.")
    page = parse(client.get(f"/moten/{meeting.id}").text)
    region = page.find("div", id="meddelanden")
    assert region is not None and region.text.strip() == ""
    log = page.find("div", id="samtal-logg")
    assert log is not None and "Jag uppfattade: Skulder" in log.text


def test_a_plain_form_post_says_what_happened_once_after_the_redirect(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    response = client.post(
        f"/moten/{meeting.id}/mal",
        data={"goal": "Ett arbete", "revision": "0", "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    first = parse(client.get(response.headers["location"]).text).find("div", id="meddelanden")
    assert first is not None and first.text.strip() == "Personens mål är sparat."
    again = parse(client.get(f"/moten/{meeting.id}").text).find("div", id="meddelanden")
    assert again is not None and again.text.strip() == ""


def test_a_tampered_flash_cookie_shows_nothing(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    client.cookies.set("mgt_flash", "WyJGw7ZyZmFsc2thdCJd.fake")
    region = parse(client.get(f"/moten/{meeting.id}").text).find("div", id="meddelanden")
    assert region is not None and region.text.strip() == ""


def _revision(client: TestClient, meeting_id: int | None) -> str:
    page = parse(client.get(f"/moten/{meeting_id}").text)
    return page.find("input", id="beslut-revision").attrs["value"] or ""  # type: ignore[union-attr]


def test_the_team_decides_the_plan_and_removed_rows_stay_removed(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    for text in (
        "Jag har inga skulder längre.",
        "Jag riskerar att bli vräkt från lägenheten.",
        "Jag är deprimerad och har varit arbetslös i fem år.",
    ):
        _post(client, path + "/meddelanden", speaker="individen", text=text)
    db.expire_all()
    # Talk fills the needs picture, never the plan.
    assert store.plan_of(db, meeting.id or 0) == ()
    _post(client, path + "/forslag")
    db.expire_all()
    proposed = [r.intervention_id for r in store.plan_of(db, meeting.id or 0)]
    assert proposed
    gone = proposed[0]
    status, plan = _post(
        client, f"{path}/plan/{gone}/ta-bort", revision=_revision(client, meeting.id)
    )
    assert status == 200
    removed = plan.find("tr", id=f"borttagen-{gone}")
    assert removed is not None and "borttagen av teamet" in removed.text
    assert user.display_name in removed.text
    _post(client, path + "/forslag")
    db.expire_all()
    assert gone not in [r.intervention_id for r in store.plan_of(db, meeting.id or 0)]
    reply = store.messages_of(db, meeting.id or 0)[-1].text
    assert "Borttaget av teamet lades inte tillbaka" in reply
    # Undo of the proposal keeps the removal; the team can add the row back explicitly.
    button = removed.find("button")
    assert button is not None and button.text.startswith("Lägg tillbaka")
    status, plan = _post(
        client, path + "/plan", intervention_id=gone, revision=_revision(client, meeting.id)
    )
    assert status == 200 and plan.find("tr", id=f"rad-{gone}") is not None
    assert plan.find("tr", id=f"borttagen-{gone}") is None
    # Undoing the add puts the removal mark back as it was.
    _post(client, path + "/angra", revision=_revision(client, meeting.id))
    page = parse(client.get(path).text)
    assert page.find("tr", id=f"borttagen-{gone}") is not None


def test_a_row_whose_need_is_no_longer_relevant_is_marked(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    _post(client, path + "/meddelanden", speaker="individen", text="Jag är deprimerad.")
    _post(client, path + "/plan", intervention_id="kbt", revision=_revision(client, meeting.id))
    row = parse(client.get(path).text).find("tr", id="rad-kbt")
    assert row is not None and "se över" not in row.text
    _post(client, path + "/meddelanden", speaker="individen", text="Jag är inte deprimerad längre.")
    row = parse(client.get(path).text).find("tr", id="rad-kbt")
    assert row is not None and "se över" in row.text
    assert "Behovet är inte aktuellt längre" in row.text


def test_an_empty_decision_is_refused_and_keeps_what_was_typed(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    _post(client, path + "/plan", intervention_id="kbt", revision="0")
    status, fragment = _post(
        client,
        path + "/beslut",
        revision=_revision(client, meeting.id),
        decision_date="2026-01-05",
        planned_end="2025-12-01",
        person_took_part="true",
    )
    assert status == 200
    form = fragment.find("form", id="beslut-form")
    assert form is not None
    summary = form.find("div", role="alert")
    assert summary is not None and summary.text.startswith("Beslutet sparades inte.")
    errors = [p.text for p in form.find_all("p", class_="field-error")]
    assert errors == [
        "Ange vilka som deltog i beslutet: minst en deltagare från en part eller remittenten.",
        "Planerat slut kan inte ligga före beslutsdatum.",
    ]
    assert _label_for(form, "Beslutsdatum").attrs["value"] == "2026-01-05"
    assert _label_for(form, "Planerat slut").attrs["value"] == "2025-12-01"
    assert "checked" in _label_for(form, "Personen deltog i mötet").attrs
    db.expire_all()
    assert store.versions_of(db, meeting.id or 0) == []
    # Without htmx the whole page comes back, with the same messages.
    response = client.post(
        path + "/beslut",
        data={
            "revision": _revision(client, meeting.id),
            "decision_date": "2026-01-05",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 422
    assert "Ange vilka som deltog i beslutet" in parse(response.text).text


def test_printed_plan_speaks_to_the_person_and_says_whom_to_contact(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    for intervention in ("kbt", "arbetstraning", "mi-samtal", "mindfulness-grupp"):
        _post(
            client,
            path + "/plan",
            intervention_id=intervention,
            revision=_revision(client, meeting.id),
        )
    opened = _editor_form(parse(client.get(path).text), "kbt")
    _post(
        client,
        path + "/plan/kbt",
        **{**opened, "contact_person": "Anna Ek", "contact_phone": "0498-26 90 00"},
    )
    _post(
        client,
        path + "/beslut",
        revision=_revision(client, meeting.id),
        decision_date="2027-03-15",
        attendees_af="Lena Berg",
    )
    printed = parse(client.get(path + "/utskrift").text)
    article = printed.find("article", class_="print-plan")
    assert article is not None
    text = article.text
    assert article.find("h1").text == "Din plan – Test Påhittad"  # type: ignore[union-attr]
    # Dated from the meeting, not from the decision.
    assert format_date(meeting_day(meeting)) in text and "15 mars 2027" not in text
    steps = {
        li.find("h3").text: li  # type: ignore[union-attr]
        for li in article.find_all("li", class_="card")
    }
    facts = {
        name: dict(
            zip(
                [d.text for d in li.find_all("dt")],
                [d.text for d in li.find_all("dd")],
                strict=True,
            )
        )
        for name, li in steps.items()
    }
    assert facts["KBT – kognitiv beteendeterapi"]["Kontakt"] == "Anna Ek, telefon 0498-26 90 00."
    training = facts["Arbetsträning"]
    assert training["Kontakt"] == "Enheten hör av sig. Frågor: din handläggare."
    assert "Din handläggare är Sara Holm på Ekonomiskt bistånd, Kommunen," in text
    # The party is named once next to its unit.
    for fact in facts.values():
        words = fact["Var"].replace(",", " ").split()
        assert len(words) == len(set(words)), fact["Var"]
    # "du" throughout, and nothing the team uses internally.
    for word in ("personen", "personens", "individen", "regel", "foreslagen", "planerad"):
        assert word not in text.lower().split(), word
    assert "mot dig själv" in steps["Mindfulness – medveten närvaro"].text
    assert re.search(r"\b[A-Z]{2,4}-\d{2}\b", text) is None


def test_every_catalogue_description_is_printed_in_du_form() -> None:
    rule_set = meeting_core().rule_set
    third_person = re.compile(
        r"\b(personen|personens|individen|sig|sin|sitt|sina)\b", re.IGNORECASE
    )
    for intervention in rule_set.interventions.values():
        assert third_person.search(to_you(intervention.description)) is None, intervention.id
    assert to_you(
        "Under ett år efter avslut kan personen själv höra av sig för frågor och stöd."
    ) == ("Under ett år efter avslut kan du själv höra av dig för frågor och stöd.")
    assert to_you("Ett ombud som på personens uppdrag hjälper till.") == (
        "Ett ombud som på ditt uppdrag hjälper till."
    )
    assert to_you("Teamet, personen och remittenten, med personens samtycke.") == (
        "Teamet, du och din handläggare, med ditt samtycke."
    )


def test_a_later_negation_updates_the_profile_and_a_question_is_no_evidence(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    _post(client, path + "/meddelanden", speaker="fk", text="Hon är sjukskriven sedan i maj.")
    _post(
        client, path + "/meddelanden", speaker="individen", text="Jag är inte sjukskriven längre."
    )
    needs = parse(client.get(path).text).find("section", id="behovsprofil")
    assert needs is not None
    sick = next(
        li for li in needs.find_all("li", class_="need need--detected") if "Sjukskriv" in li.text
    )
    label = sick.find("p", class_="need__label")
    # "Inte ... längre" reads as over now: the profile says so instead of "finns".
    assert label is not None and "tidigare, inte nu" in label.text
    # Both statements stay as evidence.
    assert [q.text for q in sick.find_all("q")] == ["sjukskriven"]
    db.expire_all()
    assert (
        len([n for n in store.needs_of(db, meeting.id or 0) if n.need_id == "health.sick_leave"])
        == 2
    )
    for question in ("varför inte IPS?", "Varför föreslås inte IPS?", "Har hon provat IPS?"):
        _post(client, path + "/meddelanden", speaker="kommun", text=question)
    db.expire_all()
    assert not [n for n in store.needs_of(db, meeting.id or 0) if "work" in n.need_id]
    assert store.plan_of(db, meeting.id or 0) == ()


def test_without_javascript_a_row_conflict_says_what_changed(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="kbt", revision="0")
    opened = _editor_form(parse(client.get(f"/moten/{meeting.id}").text), "kbt")
    _post(client, f"/moten/{meeting.id}/plan/kbt", **{**opened, "weeks": "20"})
    response = client.post(
        f"/moten/{meeting.id}/plan/kbt",
        data={**opened, "weeks": "30", "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    page = parse(client.get(response.headers["location"]).text)
    assert "Någon annan ändrade raden medan du arbetade" in page.text
    assert "Längd är nu 20 veckor." in page.text
    db.expire_all()
    assert store.plan_of(db, meeting.id or 0)[0].weeks == 20
