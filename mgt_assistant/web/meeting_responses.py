"""How the meeting routes answer a change: the fresh parts, a conflict, or a redirect.

Shared by ``meetings`` and ``meeting_edits`` so neither route module imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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
from mgt_assistant.web.meeting_views import ConflictView, meeting_view
from mgt_assistant.web.rendering import render, wants_fragment

Action = Callable[[Meeting, Application], str]


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


def parts(
    request: Request,
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    *,
    notice: str | None = None,
    reset: str | None = None,
) -> Response:
    """Render the meeting's parts for htmx to swap in."""
    record = read_meeting(session, meeting, application)
    view = replace(
        meeting_view(record, core.rule_set, swedish_time.today()),
        notice=notice,
        reset_chat=reset == "chat",
        reset_decision=reset == "decision",
    )
    return render(request, "meetings/_update.html", view, fragment="meetings/_update.html")


def act_on(
    request: Request,
    session: Session,
    user: User,
    core: MeetingCore,
    meeting_id: int,
    action: Action,
    *,
    reset: str | None = None,
) -> Response:
    """Run a change; answer with the fresh parts, a conflict, or a redirect back to the page."""
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    try:
        notice = action(meeting, application)
    except actions.MeetingConflict:
        return conflict(request, meeting_id)
    except EditError as error:
        session.rollback()
        notice, reset = str(error), None
    if not wants_fragment(request):
        # The conversation shows a chat reply; other actions say what happened once.
        return flash.redirect(request, f"/moten/{meeting_id}", None if reset == "chat" else notice)
    session.refresh(meeting)
    return parts(request, session, meeting, application, core, notice=notice, reset=reset)


def run_command(
    request: Request,
    session: Session,
    user: User,
    core: MeetingCore,
    meeting_id: int,
    command: Command,
    revision: int | None,
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

    return act_on(request, session, user, core, meeting_id, act)
