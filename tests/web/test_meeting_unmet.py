"""Behov utan insats in the meeting: proposals from the rules, entries, the follow-up register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, Meeting, MeetingNeed, Role, UnmetNeedEntry, User
from tests.conftest import csrf_token, log_in
from tests.html import parse
from tests.meeting_factory import named_meeting

pytestmark = pytest.mark.db


def _meeting_with_need(db: Session, team: User, need: str) -> Meeting:
    """A meeting whose picture holds a need the rules have no intervention for."""
    meeting = named_meeting(db, team)
    assert meeting.id is not None
    db.add(
        MeetingNeed(
            meeting_id=meeting.id, need_id=need, domain=need, status="present", review="manual"
        )
    )
    db.commit()
    return meeting


def _post(client: TestClient, meeting: Meeting, **data: str) -> Response:
    return client.post(
        f"/moten/{meeting.id}/behov-utan-insats", data={"csrf_token": csrf_token(client), **data}
    )


def test_the_recommenders_gap_is_proposed_and_registered_once(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    team = logged_in(Role.MGT, party="kommun")
    meeting = _meeting_with_need(db, team, "social")
    # The meeting page holds the section (htmx loads it; its link works without JavaScript).
    page = parse(client.get(f"/moten/{meeting.id}").text)
    section = page.find("section", id="behov-utan-insats")
    assert section is not None
    assert section.find("a", href=f"/moten/{meeting.id}/behov-utan-insats") is not None
    fragment = client.get(f"/moten/{meeting.id}/behov-utan-insats", headers={"HX-Request": "true"})
    part = parse(fragment.text)
    assert part.find("html") is None
    proposed = {i.attrs.get("value") for i in part.find_all("input", name="need")}
    assert proposed == {"social"}
    text = part.find("input", name="text")
    assert text is not None
    assert text.attrs["value"] == "Socialt nätverk – inget förslag på insats i regelverket"

    done = _post(
        client,
        meeting,
        need="social",
        party="kommun",
        kind="ingen_insats",
        text=text.attrs["value"] or "",
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/moten/{meeting.id}#behov-utan-insats"
    entry = db.exec(select(UnmetNeedEntry)).one()
    assert (entry.need_id, entry.party, entry.kind, entry.application_id) == (
        "social",
        "kommun",
        "ingen_insats",
        meeting.application_id,
    )
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "unmet_need_recorded")).one()
    assert event.user_id == team.id
    again = parse(client.get(f"/moten/{meeting.id}/behov-utan-insats").text)
    # Recorded: listed for the case and no longer proposed.
    assert again.find("input", name="need", type="hidden") is None
    listed = again.find("ul", class_="unmet-list")
    assert listed is not None and "Socialt nätverk" in listed.text


def test_the_team_marks_its_own_gap_and_a_refusal_keeps_the_text(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    team = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, team)
    refused = _post(
        client, meeting, need="housing.support", party="kommun", kind="ingen_insats", text=""
    )
    assert refused.status_code == 422
    page = parse(refused.text)
    error = page.find("p", id="behov-utan-insats-fel")
    assert error is not None and "Beskriv kort" in error.text
    need = page.find("select", id="obehov-need")
    assert need is not None
    chosen = [o.attrs["value"] for o in need.find_all("option") if "selected" in o.attrs]
    assert chosen == ["housing.support"]
    no_number = _post(
        client,
        meeting,
        need="housing.support",
        party="kommun",
        kind="for_lang_vantan",
        text="Boendestöd har ett halvårs kö, gäller 811218-9876",
    )
    assert no_number.status_code == 422
    ok = _post(
        client,
        meeting,
        need="housing.support",
        party="kommun",
        kind="for_lang_vantan",
        text="Boendestöd har ett halvårs kö",
    )
    assert ok.status_code == 303
    assert db.exec(select(UnmetNeedEntry)).one().kind == "for_lang_vantan"


def test_the_register_in_follow_up_counts_the_meetings_entries(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    team = logged_in(Role.MGT, party="kommun")
    for _ in range(6):
        meeting = _meeting_with_need(db, team, "social")
        assert (
            _post(
                client,
                meeting,
                need="social",
                party="kommun",
                kind="ingen_insats",
                text="Ingen träffpunkt",
            ).status_code
            == 303
        )
    client.cookies.clear()
    board = make_user(Role.STYRGRUPP)
    log_in(client, board)
    today = datetime.now(UTC).date().isoformat()
    results = client.get("/uppfoljning", params={"fran": today, "till": today})
    assert results.status_code == 200
    assert "Ingen träffpunkt" in results.text
    assert "Test Påhittad" not in results.text
