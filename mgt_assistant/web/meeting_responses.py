"""How the meeting routes answer: one part replaced, an event for the rest, or a conflict.

The parts follow Hypermedia Systems: a form replaces the part it lives in
(``hx-target`` + ``outerHTML``) and the response's ``meeting-changed`` event
makes every other part fetch itself from ``/moten/{id}/delar/{part}``; a part
whose revision is current gets 204 and stays. Shared by ``meetings`` and
``meeting_edits`` so neither route module imports the other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from fastapi import Request
from sqlmodel import Session
from starlette.responses import Response

from mgt_assistant.db.models import Application, Meeting, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import EditError, MeetingCore
from mgt_assistant.domain.meeting.commands import Command
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.meeting_reads import open_meeting, read_meeting
from mgt_assistant.web import flash
from mgt_assistant.web.meeting_facts_views import announce
from mgt_assistant.web.meeting_plan_views import DecisionForm
from mgt_assistant.web.meeting_views import ConflictView, meeting_view
from mgt_assistant.web.rendering import render, wants_fragment

Action = Callable[[Meeting, Application], str]
MEETING_CHANGED: Final = "meeting-changed"
# The parts of the meeting page that replace themselves, by the name in their URL.
PARTS: Final = {
    "akut": "meetings/_alerts.html",
    "samtal": "meetings/_conversation.html",
    "behov": "meetings/_needs.html",
    "plan": "meetings/_plan.html",
    "versioner": "meetings/_versions.html",
    "beslut-revision": "meetings/_decision_revision.html",
    "beslut": "meetings/_decision.html",
    "chatt": "meetings/_chat_form.html",
    "poll": "meetings/_poller.html",
}


def conflict(request: Request, meeting_id: int) -> Response:
    """Tell the screen someone else changed the meeting; nothing was saved."""
    return render(
        request,
        "meetings/conflict.html",
        ConflictView("Mötet har ändrats", meeting_id),
        fragment="meetings/_conflict.html",
        status_code=409,
        headers={"HX-Retarget": "#mote-konflikt", "HX-Reswap": "innerHTML"},
    )


def changed(notice: str | None = None) -> str:
    """Return the ``meeting-changed`` event every part listens for, with the notice to show."""
    detail = {} if notice is None else {"notice": notice}
    # ASCII-only JSON: header values must be Latin-1, the replies use ” and other marks.
    return json.dumps({MEETING_CHANGED: detail}, ensure_ascii=True)


def part(
    request: Request,
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    name: str,
    *,
    speaker: str | None = None,
    headers: dict[str, str] | None = None,
    shown_alerts: str | None = None,
    decision: DecisionForm | None = None,
    status_code: int = 200,
) -> Response:
    """Render one part of the meeting page (the whole page for a plain request).

    ``shown_alerts`` are the alert kinds the screen showed; a new one is announced.
    ``decision`` is a refused decision form to show again as typed.
    """
    record = read_meeting(session, meeting, application, core)
    view = meeting_view(record, core.rule_set, swedish_time.today())
    view = replace(view, speaker=speaker, announce_alerts=announce(view.facts, shown_alerts))
    if decision is not None:
        view = replace(view, decision=decision)
    fragment = PARTS[name]
    return render(
        request,
        "meetings/meeting.html",
        view,
        fragment=fragment,
        headers=headers,
        status_code=status_code,
    )


def act_on(
    request: Request,
    session: Session,
    user: User,
    core: MeetingCore,
    meeting_id: int,
    action: Action,
    *,
    replaces: str | None = None,
    speaker: str | None = None,
) -> Response:
    """Run a change; answer with the part that made it, a conflict, or a redirect to the page.

    The part named by ``replaces`` comes back fresh; every other part hears
    ``meeting-changed`` and fetches itself. A refused change swaps nothing, so a
    half-filled form keeps what was typed, and only the notice is shown.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    try:
        notice = action(meeting, application)
    except actions.MeetingConflict:
        return conflict(request, meeting_id)
    except EditError as error:
        session.rollback()
        if not wants_fragment(request):
            return flash.redirect(request, f"/moten/{meeting_id}", str(error))
        return Response(status_code=204, headers={"HX-Trigger": changed(str(error))})
    if not wants_fragment(request):
        # The conversation shows a chat reply; other actions say what happened once.
        return flash.redirect(
            request, f"/moten/{meeting_id}", None if replaces == "chatt" else notice
        )
    if replaces is None:
        return Response(status_code=204, headers={"HX-Trigger": changed(notice)})
    session.refresh(meeting)
    headers = {"HX-Trigger-After-Swap": changed(notice)}
    return part(
        request, session, meeting, application, core, replaces, speaker=speaker, headers=headers
    )


def run_command(
    request: Request,
    session: Session,
    user: User,
    core: MeetingCore,
    meeting_id: int,
    command: Command,
    revision: int | None,
    *,
    replaces: str | None = None,
) -> Response:
    """Run a button's action exactly as its chat command would."""

    def act(meeting: Meeting, application: Application) -> str:
        turn = actions.command(
            session,
            meeting=meeting,
            application=application,
            action=command,
            revision=revision,
            by=user,
            core=core,
        )
        return turn.reply

    return act_on(request, session, user, core, meeting_id, act, replaces=replaces)
