"""Möten: the list, the meeting page with conversation, needs and plan, decisions and print.

Every change answers an htmx request with ``meetings/_update.html`` (the three
parts swapped out of band, so all controls carry the new revision) and a plain
form post with a redirect back to the page. Other screens poll ``/andringar``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db import meeting_actions as actions
from mgt_assistant.db import meetings as store
from mgt_assistant.db import plan_versions
from mgt_assistant.db.consent import access_denied_reason
from mgt_assistant.db.models import Application, Meeting, User
from mgt_assistant.db.users import audit
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import EditError
from mgt_assistant.domain.meeting.commands import (
    Command,
)
from mgt_assistant.domain.meeting.versions import Decision, compare
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTIES
from mgt_assistant.web.deps import SessionDep, TeamMember
from mgt_assistant.web.meeting_pages import (
    EngineDep,
    list_context,
    meeting_context,
    person_label,
)
from mgt_assistant.web.meeting_print import print_context
from mgt_assistant.web.rendering import render, wants_fragment

router = APIRouter(prefix="/moten")

Revision = Annotated[int, Form()]
Text = Annotated[str, Form()]
OptionalText = Annotated[str, Form()]


def _open(session: Session, user: User, meeting_id: int) -> tuple[Meeting, Application, str | None]:
    """Return the meeting, its case and a consent notice when the user may not see it.

    :raise 404: when there is no such meeting.
    """
    try:
        meeting, application = store.load(session, meeting_id=meeting_id)
    except store.MeetingNotFound:
        raise HTTPException(status_code=404) from None
    return meeting, application, access_denied_reason(session, user, application)


def for_change(session: Session, user: User, meeting_id: int) -> tuple[Meeting, Application]:
    """Return a meeting the user may change.

    :raise 403: when consent hides the case from the user; 404 when there is none.
    """
    meeting, application, notice = _open(session, user, meeting_id)
    if notice is not None:
        raise HTTPException(status_code=403)
    return meeting, application


def _conflict(request: Request, meeting_id: int) -> Response:
    return render(
        request,
        "meetings/conflict.html",
        {"title": "Mötet har ändrats", "meeting_id": meeting_id},
        fragment="meetings/_conflict.html",
        status_code=409,
        headers={"HX-Retarget": "#mote-konflikt", "HX-Reswap": "innerHTML"},
    )


def act_on(
    request: Request,
    session: Session,
    user: User,
    engine: EngineDep,
    meeting_id: int,
    action: Callable[[Meeting, Application], str | None],
    *,
    reset: str | None = None,
) -> Response:
    """Run a change; answer with the fresh parts, a conflict, or the page."""
    meeting, application = for_change(session, user, meeting_id)
    try:
        notice = action(meeting, application)
    except store.MeetingConflict:
        return _conflict(request, meeting_id)
    except EditError as error:
        session.rollback()
        notice, reset = str(error), None
    if not wants_fragment(request):
        return RedirectResponse(f"/moten/{meeting_id}", status_code=303)
    session.refresh(meeting)
    context = meeting_context(session, meeting, application, engine)
    context.update(notice=notice, reset_chat=reset == "chat", reset_decision=reset == "decision")
    return render(request, "meetings/_update.html", context)


def run_action(
    request: Request,
    session: Session,
    user: User,
    engine: EngineDep,
    meeting_id: int,
    command: Command,
    revision: int | None,
) -> Response:
    def act(meeting: Meeting, application: Application) -> str:
        turn = actions.command(
            session,
            meeting=meeting,
            application=application,
            action=command,
            revision=revision,
            by=user,
            engine=engine,
        )
        return turn.reply

    return act_on(request, session, user, engine, meeting_id, act)


@router.get("")
def list_meetings(request: Request, session: SessionDep, user: TeamMember) -> Response:
    """Show today's, upcoming and recent meetings."""
    audit(session, "meetings_listed", user=user)
    return render(request, "meetings/index.html", list_context(session, user, swedish_time.today()))


@router.post("")
def start_meeting(
    session: SessionDep,
    user: TeamMember,
    referrer_name: Text,
    referrer_party: Text,
    kind: Annotated[str, Form()] = "anonym",
    person_name: OptionalText = "",
    referrer_unit: OptionalText = "",
    consent: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Start a meeting for a new case: an anonymous consultation or a named person."""
    anonymous = kind != "namngiven"
    if referrer_party not in PARTIES or not referrer_name.strip():
        raise HTTPException(status_code=422)
    if not anonymous and not person_name.strip():
        raise HTTPException(status_code=422)
    meeting = store.start_meeting(
        session,
        by=user,
        anonymous=anonymous,
        person_name=person_name.strip()[:200] or None,
        referrer_name=referrer_name.strip()[:200],
        referrer_party=referrer_party,
        referrer_unit=referrer_unit.strip()[:120] or None,
        scheduled_at=datetime.now(UTC),
        consent_parties=[p for p in (consent or []) if p in FINSAM_PARTIES],
    )
    return RedirectResponse(f"/moten/{meeting.id}", status_code=303)


@router.get("/{meeting_id}")
def show_meeting(
    request: Request, meeting_id: int, session: SessionDep, user: TeamMember, engine: EngineDep
) -> Response:
    """Show the meeting: conversation, needs profile and plan."""
    meeting, application, notice = _open(session, user, meeting_id)
    audit(session, "meeting_viewed", user=user, object_type="meeting", object_id=meeting_id)
    if notice is not None:
        context = {"title": "Mötet visas inte", "notice": notice}
        return render(request, "meetings/notice.html", context, status_code=403)
    return render(
        request, "meetings/meeting.html", meeting_context(session, meeting, application, engine)
    )


@router.get("/{meeting_id}/andringar")
def changes(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    engine: EngineDep,
    revision: int = -1,
) -> Response:
    """Answer a screen's poll: nothing (204) while its revision is current, else fresh parts."""
    meeting, application = for_change(session, user, meeting_id)
    if meeting.revision == revision:
        return Response(status_code=204)
    context = meeting_context(session, meeting, application, engine)
    return render(request, "meetings/_update.html", context, fragment="meetings/_update.html")


@router.post("/{meeting_id}/meddelanden")
def post_message(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    engine: EngineDep,
    text: Text,
    speaker: Text,
) -> Response:
    """Add what someone said; the assistant answers and runs any command in it."""

    def act(meeting: Meeting, application: Application) -> str:
        turn = actions.post_message(
            session,
            meeting=meeting,
            application=application,
            speaker=speaker,
            text=text,
            by=user,
            engine=engine,
        )
        return turn.reply

    return act_on(request, session, user, engine, meeting_id, act, reset="chat")


@router.post("/{meeting_id}/beslut")
async def save_decision(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    engine: EngineDep,
    revision: Revision,
    decision_date: Annotated[date, Form()],
    planned_end: Annotated[date | None, Form()] = None,
    follow_up_6m: Annotated[date | None, Form()] = None,
    follow_up_12m: Annotated[date | None, Form()] = None,
    person_took_part: Annotated[bool, Form()] = False,
    person_agrees: Annotated[bool, Form()] = False,
) -> Response:
    """Record the decision as a new plan version."""
    form = await request.form()
    attendees = {
        party: str(form.get(f"attendees_{party}", "")).strip()[:500]
        for party in (*FINSAM_PARTIES, "remittent", "ovrig")
    }
    decision = Decision(
        decision_date,
        {k: v for k, v in attendees.items() if v},
        person_took_part,
        person_agrees,
        planned_end,
        follow_up_6m,
        follow_up_12m,
    )

    def act(meeting: Meeting, application: Application) -> str:
        saved = plan_versions.save_decision(
            session,
            meeting=meeting,
            application=application,
            decision=decision,
            revision=revision,
            by=user,
            rule_set=engine.rule_set,
        )
        return f"Beslutet är sparat som version {saved.number}."

    return act_on(request, session, user, engine, meeting_id, act, reset="decision")


@router.get("/{meeting_id}/versioner/{number}")
def show_version(
    request: Request, meeting_id: int, number: int, session: SessionDep, user: TeamMember
) -> Response:
    """Show one recorded version and what changed since the one before."""
    meeting, application = for_change(session, user, meeting_id)
    saved = plan_versions.version(session, meeting_id=meeting_id, number=number)
    if saved is None:
        raise HTTPException(status_code=404)
    previous = plan_versions.version(session, meeting_id=meeting_id, number=number - 1)
    audit(session, "plan_version_viewed", user=user, object_type="plan_version", object_id=saved.id)
    context = {
        "title": f"Version {number}",
        "meeting": meeting,
        "person": person_label(application),
        "version": saved,
        "changes": compare(previous.snapshot if previous else None, saved.snapshot),
    }
    return render(request, "meetings/version.html", context)


@router.get("/{meeting_id}/utskrift")
def print_plan(
    request: Request, meeting_id: int, session: SessionDep, user: TeamMember, engine: EngineDep
) -> Response:
    """Show 'Din plan': the plan in plain Swedish for the person, laid out for paper."""
    meeting, application = for_change(session, user, meeting_id)
    audit(session, "plan_printed", user=user, object_type="meeting", object_id=meeting_id)
    return render(
        request, "meetings/print.html", print_context(session, meeting, application, engine)
    )
