"""Möten over HTTP: list, page, htmx updates, polling, decisions, print, consent."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Role, User
from tests.conftest import csrf_token, log_in
from tests.html import Element, parse
from tests.meeting_factory import named_meeting

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


def test_two_screens_never_lose_an_update(
    client: TestClient, app: FastAPI, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    _post(client, f"/moten/{meeting.id}/plan", intervention_id="kbt", revision="0")
    # A second browser on the same app; not a context manager, so the app's lifespan
    # (and its engine) stays the one the first client started.
    other = TestClient(app, follow_redirects=False)
    log_in(other, user)
    seen = parse(other.get(f"/moten/{meeting.id}").text)
    revision = seen.find("input", id="beslut-revision").attrs["value"]  # type: ignore[union-attr]
    row = {"unit": "region/primarvard", "start_week": "0", "weeks": "12", "status": "planerad"}
    status, _ = _post(
        client,
        f"/moten/{meeting.id}/plan/kbt",
        revision=str(revision),
        contact_person="Anna Ek",
        **row,
    )
    assert status == 200
    status, page = _post(
        other,
        f"/moten/{meeting.id}/plan/kbt",
        revision=str(revision),
        contact_person="Bo Berg",
        **{**row, "unit": "region/psykiatri"},
    )
    assert status == 409
    assert page.find("div", role="alert").text.startswith(  # type: ignore[union-attr]
        "Någon annan har ändrat mötet medan du arbetade."
    )
    reload = page.find("a")
    assert reload is not None and reload.attrs["href"] == f"/moten/{meeting.id}"
    fresh = parse(other.get(f"/moten/{meeting.id}").text)
    assert "Anna Ek" in fresh.find("table", class_="table plan-rows").text  # type: ignore[union-attr]
    newer = fresh.find("input", id="beslut-revision").attrs["value"]  # type: ignore[union-attr]
    status, _ = _post(
        other,
        f"/moten/{meeting.id}/plan/kbt",
        revision=str(newer),
        contact_person="Anna Ek",
        **{**row, "unit": "region/psykiatri"},
    )
    assert status == 200
    db.expire_all()
    saved = store.plan_of(db, meeting.id or 0)[0]
    assert (saved.contact_person, saved.unit) == ("Anna Ek", "psykiatri")


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
    assert _label_for(form, "Arbetsförmedlingen").attrs.get("value") in (None, "")
    version = parse(client.get(path + "/versioner/1").text)
    assert version.find("h1").text == "Version 1 av planen – Test Påhittad"  # type: ignore[union-attr]
    assert "Första beslutade versionen." in version.text
    printed = parse(client.get(path + "/utskrift").text)
    assert printed.find("h1").text == "Din plan"  # type: ignore[union-attr]
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
