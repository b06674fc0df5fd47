"""A long meeting: a window of the latest messages, "Visa tidigare", and answers of what changed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Meeting, MeetingMessage, Role, User
from mgt_assistant.domain.meeting import summarise_needs
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.meeting_reads import MESSAGE_WINDOW
from tests.conftest import csrf_token
from tests.html import Element, parse
from tests.meeting_factory import meeting_core, named_meeting

pytestmark = pytest.mark.db

HX = {"HX-Request": "true"}
EARLIER = 10


def _long_meeting(db: Session, user: User, count: int = MESSAGE_WINDOW + EARLIER) -> Meeting:
    meeting = named_meeting(db, user)
    for number in range(1, count + 1):
        db.add(
            MeetingMessage(
                meeting_id=meeting.id or 0, speaker="fk", text=f"Meddelande nummer {number}"
            )
        )
    db.commit()
    db.refresh(meeting)
    return meeting


def _messages(page: Element) -> list[str]:
    return [
        e.find_all("p")[1].text for e in page.iter() if e.attrs.get("data-meddelande") is not None
    ]


def _earlier_link(page: Element) -> Element | None:
    return next((a for a in page.find_all("a") if a.text == "Visa tidigare meddelanden"), None)


def test_the_page_shows_the_latest_messages_and_a_control_for_earlier_ones(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = _long_meeting(db, user)
    page = parse(client.get(f"/moten/{meeting.id}").text)
    shown = _messages(page)
    assert len(shown) == MESSAGE_WINDOW
    assert shown[0] == f"Meddelande nummer {EARLIER + 1}"
    assert shown[-1] == f"Meddelande nummer {MESSAGE_WINDOW + EARLIER}"
    link = _earlier_link(page)
    assert link is not None
    # Without JavaScript the link shows a longer window; with htmx it loads the earlier ones.
    assert link.attrs["href"] == f"/moten/{meeting.id}?visa={2 * MESSAGE_WINDOW}#samtal-logg"
    assert (link.attrs["hx-get"] or "").startswith(f"/moten/{meeting.id}/samtal?fore=")
    longer = parse(client.get(f"/moten/{meeting.id}?visa={2 * MESSAGE_WINDOW}").text)
    assert len(_messages(longer)) == MESSAGE_WINDOW + EARLIER
    assert _earlier_link(longer) is None


def test_visa_tidigare_loads_the_earlier_messages_and_moves_the_focus_to_them(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = _long_meeting(db, user)
    link = _earlier_link(parse(client.get(f"/moten/{meeting.id}").text))
    assert link is not None
    response = client.get(str(link.attrs["hx-get"]), headers=HX)
    assert response.status_code == 200
    loaded = parse(response.text)
    assert _messages(loaded) == [f"Meddelande nummer {n}" for n in range(1, EARLIER + 1)]
    items = [e for e in loaded.iter() if e.attrs.get("data-meddelande") is not None]
    assert "data-fokus" in items[0].attrs and items[0].attrs.get("tabindex") == "-1"
    assert _earlier_link(loaded) is None
    notice = json.loads(response.headers["HX-Trigger"])["meeting-notice"]["notice"]
    assert notice == f"{EARLIER} tidigare meddelanden visas."
    # A plain request (no htmx) goes to the page with a longer window.
    plain = client.get(str(link.attrs["hx-get"]))
    assert plain.status_code == 303
    assert plain.headers["location"] == f"/moten/{meeting.id}?visa={2 * MESSAGE_WINDOW}"
    assert client.get(f"/moten/{meeting.id}/samtal?fore={2**63}", headers=HX).status_code == 422


def test_a_chat_post_answers_with_the_new_messages_only(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = _long_meeting(db, user)
    latest = store.message_window(db, meeting.id or 0, limit=1)[0][0].id
    response = client.post(
        f"/moten/{meeting.id}/meddelanden",
        data={"speaker": "individen", "text": "Jag har skulder hos Kronofogden."},
        headers={**HX, "X-CSRF-Token": csrf_token(client), "X-Mote-Senaste": str(latest)},
    )
    assert response.status_code == 200
    assert len(response.content) < 20_000
    answer = parse(response.text)
    appended = [e for e in answer.find_all("ol") if e.attrs.get("hx-swap-oob")]
    assert [e.attrs["hx-swap-oob"] for e in appended] == ["beforeend:#samtal-lista"]
    texts = _messages(appended[0])
    assert len(texts) == 2 and texts[0].startswith("Jag har skulder")
    assert appended[0].find("mark") is not None  # the new message's needs are marked
    # Nothing of the earlier conversation comes back, and the window is not replaced.
    assert answer.find("div", id="samtal-logg") is None
    assert not [t for t in _messages(answer) if t.startswith("Meddelande nummer")]
    swapped = {e.attrs.get("id") for e in answer.iter() if e.attrs.get("hx-swap-oob") == "true"}
    assert swapped == {"akut", "behovsprofil", "plan", "versioner", "beslut-revision", "mote-poll"}
    assert answer.find("form", id="chatt") is not None


def test_another_screens_poll_gets_the_same_composition(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = _long_meeting(db, user, count=3)
    latest = store.message_window(db, meeting.id or 0, limit=1)[0][0].id
    client.post(f"/moten/{meeting.id}/forslag", headers={**HX, "X-CSRF-Token": csrf_token(client)})
    response = client.get(
        f"/moten/{meeting.id}/andringar?revision=0",
        headers={**HX, "X-Mote-Senaste": str(latest)},
    )
    assert response.status_code == 200
    answer = parse(response.text)
    poller = answer.find("div", id="mote-poll")
    assert poller is not None and "hx-swap-oob" not in poller.attrs
    assert (poller.attrs["hx-get"] or "").endswith("revision=1")
    plan = answer.find("section", id="plan")
    assert plan is not None and plan.attrs.get("hx-swap-oob") == "true"
    assert len(_messages(answer)) == 1  # the assistant's answer to the proposal


def test_the_needs_picture_grouped_in_sql_summarises_as_every_mention_does(
    logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    core = meeting_core()
    for text in (
        "Hen har skulder hos Kronofogden.",
        "Skulderna växer och hyran är obetald.",
        "Hen har inga skulder längre.",
        "Sover dåligt, sjukskriven sedan våren.",
    ) * 3:
        current, application = store.load(db, meeting_id=meeting.id or 0)
        actions.post_message(
            db,
            meeting=current,
            application=application,
            speaker="individen",
            text=text,
            by=user,
            core=core,
        )
    every = store.need_records(store.needs_of(db, meeting.id or 0))
    grouped = store.need_picture(db, meeting.id or 0)
    assert len(grouped) < len(every)
    taxonomy = core.rule_set.taxonomy
    assert summarise_needs(grouped, taxonomy) == summarise_needs(every, taxonomy)


def _oob_ids(answer: Element) -> set[str | None]:
    return {e.attrs.get("id") for e in answer.iter() if e.attrs.get("hx-swap-oob") == "true"}


def test_a_part_the_screen_already_shows_is_left_out_and_only_gets_the_revision(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = _long_meeting(db, user, count=3)
    headers = {**HX, "X-CSRF-Token": csrf_token(client)}
    first = client.post(
        f"/moten/{meeting.id}/meddelanden",
        data={"speaker": "individen", "text": "Jag har skulder hos Kronofogden."},
        headers=headers,
    )
    parts = json.loads(first.headers["HX-Trigger-After-Swap"])["meeting-parts"]
    assert parts["revision"] == 1
    assert set(parts["digests"]) == {"akut", "behov", "plan", "versioner"}
    shown = ",".join(f"{name}:{value}" for name, value in parts["digests"].items())
    # Nothing new about needs, alerts, plan or versions: those parts stay out of the answer.
    second = client.post(
        f"/moten/{meeting.id}/meddelanden",
        data={"speaker": "fk", "text": "Vi träffas igen på tisdag."},
        headers={**headers, "X-Mote-Delar": shown},
    )
    answer = parse(second.text)
    assert _oob_ids(answer) == {"beslut-revision", "mote-poll", "samtal-logg"}
    after = json.loads(second.headers["HX-Trigger-After-Swap"])["meeting-parts"]
    assert after["revision"] == 2 and after["digests"] == parts["digests"]
    # A part the screen shows differently (another digest) comes back.
    stale = shown.replace(parts["digests"]["behov"], "0" * 16)
    third = client.post(
        f"/moten/{meeting.id}/meddelanden",
        data={"speaker": "fk", "text": "Vi ses då."},
        headers={**headers, "X-Mote-Delar": stale},
    )
    assert "behovsprofil" in _oob_ids(parse(third.text))
    assert "plan" not in _oob_ids(parse(third.text))
