"""Möten: the list, the meeting page with conversation, needs and plan, decisions and print.

Every change answers an htmx request with the part that made it and a
``meeting-changed`` event for the others (see ``meeting_responses``), and a plain
form post with a redirect back to the page. Other screens poll ``/andringar``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from pydantic import Field
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db.models import Application, Meeting
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.clean_text import clean_text
from mgt_assistant.domain.meeting import NEED_STATUS_LABELS
from mgt_assistant.domain.meeting.versions import Decision, decision_errors
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTIES
from mgt_assistant.services import case_lists as lists
from mgt_assistant.services import decisions
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.errors import AccessDenied
from mgt_assistant.services.meeting_reads import (
    MESSAGE_WINDOW,
    open_meeting,
    read_meeting,
    read_messages,
)
from mgt_assistant.web.application_views import ListChoice, Searched
from mgt_assistant.web.deps import CaseReader, CoreDep, SessionDep, TeamMember
from mgt_assistant.web.forms import FormDep, FormText, Revision
from mgt_assistant.web.meeting_plan_views import DecisionForm
from mgt_assistant.web.meeting_print import print_view
from mgt_assistant.web.meeting_responses import (
    MEETING_NOTICE,
    PARTS,
    MeetingRequestDep,
    act_on,
    changed,
    compose,
    part,
)
from mgt_assistant.web.meeting_views import (
    EarlierView,
    VersionView,
    list_view,
    meeting_view,
    message_views,
    person_label,
)
from mgt_assistant.web.rendering import NoticeView, render, wants_fragment

router = APIRouter(prefix="/moten")
# Bounds of the conversation's numbers in a URL: more than any meeting holds, never 2**63.
MAX_SHOWN = 5_000
MAX_ID = 2**53


class MeetingChoice(ListChoice):
    """The list's page and filters; ``visa`` is "tidigare" or "alla"."""

    when: str = Field("", max_length=16, alias="visa")


class MeetingSearch(MeetingChoice, Searched):
    """The list's page and filters posted with a search."""


@router.get("")
def list_meetings(
    request: Request,
    session: SessionDep,
    user: TeamMember,
    choice: Annotated[MeetingChoice, Query()],
) -> Response:
    """Show one page of meetings: today's and upcoming by default, or earlier ones, or all."""
    chosen = choice.chosen()
    today = swedish_time.today()
    found = lists.list_meetings(session, user=user, chosen=chosen, today=today, page=choice.sida)
    recent = (
        lists.recent_meetings(session, user=user, today=today)
        if chosen == lists.ListFilter() and choice.sida == 1
        else []
    )
    return render(request, "meetings/index.html", list_view(found, recent))


@router.post("/sok")
def search_meetings(
    request: Request,
    session: SessionDep,
    user: TeamMember,
    choice: Annotated[MeetingSearch, Form()],
) -> Response:
    """Search and filter the meetings; a search (it may hold a name) is posted, never in a URL."""
    chosen = choice.chosen(clean_text(choice.sok).strip())
    found = lists.list_meetings(
        session, user=user, chosen=chosen, today=swedish_time.today(), page=choice.sida
    )
    return render(request, "meetings/index.html", list_view(found))


@router.post("")
def start_meeting(
    session: SessionDep,
    user: TeamMember,
    referrer_name: FormText,
    referrer_party: FormText,
    kind: FormText = "anonym",
    person_name: FormText = "",
    referrer_unit: FormText = "",
    consent: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Start a meeting for a new case: an anonymous consultation or a named person."""
    anonymous = kind != "namngiven"
    if referrer_party not in PARTIES or not referrer_name.strip():
        raise HTTPException(status_code=422)
    if not anonymous and not person_name.strip():
        raise HTTPException(status_code=422)
    meeting = actions.start_meeting(
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
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    core: CoreDep,
    visa: Annotated[int, Query(ge=1, le=MAX_SHOWN)] = MESSAGE_WINDOW,
) -> Response:
    """Show the meeting: the latest ``visa`` messages, the needs profile and the plan."""
    try:
        meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    except AccessDenied as denied:
        # The refusal is logged as a denial where the rule refused it.
        notice = NoticeView("Mötet visas inte", denied.notice or "")
        return render(request, "meetings/notice.html", notice, status_code=403)
    actions.read_booked_signals(session, meeting, core.rule_set.lexicon)
    record = read_meeting(session, meeting, application, core, window=visa)
    view = meeting_view(record, core.rule_set, swedish_time.today())
    # Rendered before the log row's commit, which would expire what the page reads.
    response = render(request, "meetings/meeting.html", view)
    record_event(session, "meeting_viewed", user=user, object_type="meeting", object_id=meeting_id)
    return response


@router.get("/{meeting_id}/andringar")
def changes(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    core: CoreDep,
    revision: int = -1,
) -> Response:
    """Answer a screen's poll: nothing (204) while its revision is current, else the news.

    The poller replaces itself with one at the new revision and announces
    ``meeting-changed``, so every part fetches itself.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    if meeting.revision == revision:
        return Response(status_code=204)
    return compose(request, session, meeting, application, core, "poll")


@router.get("/{meeting_id}/samtal")
def earlier_messages(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    core: CoreDep,
    fore: Annotated[int, Query(ge=1, le=MAX_ID)],
    visade: Annotated[int, Query(ge=0, le=MAX_SHOWN)] = 0,
) -> Response:
    """Return the messages before ``fore`` ("Visa tidigare"), with the control for more."""
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    if not wants_fragment(request):
        return RedirectResponse(f"/moten/{meeting_id}?visa={visade + MESSAGE_WINDOW}", 303)
    record = read_messages(session, meeting, application, before=fore)
    view = EarlierView(
        title="Tidigare meddelanden",
        meeting=meeting,
        conversation=message_views(record),
        earlier=record.earlier,
        shown_count=visade + len(record.messages),
        window=MESSAGE_WINDOW,
        focus_first=True,
        need_label=core.rule_set.taxonomy.label,
        need_statuses=NEED_STATUS_LABELS,
    )
    record_event(session, "meeting_viewed", user=user, object_type="meeting", object_id=meeting_id)
    count = len(record.messages)
    notice = (
        "1 tidigare meddelande visas." if count == 1 else f"{count} tidigare meddelanden visas."
    )
    headers = {"HX-Trigger": changed(notice, MEETING_NOTICE)}
    return render(request, "meetings/_earlier_messages.html", view, headers=headers)


@router.get("/{meeting_id}/delar/{name}")
def show_part(
    request: Request,
    meeting_id: int,
    name: str,
    session: SessionDep,
    user: TeamMember,
    core: CoreDep,
    revision: int = -1,
    shown: str | None = None,
) -> Response:
    """Return one part of the meeting page, or nothing (204) when it is already current.

    ``shown`` (the alert part only): the alert kinds the screen showed.

    :raise 404: for a part the page does not have.
    """
    if name not in PARTS:
        raise HTTPException(status_code=404)
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    if meeting.revision == revision:
        return Response(status_code=204)
    return part(request, session, meeting, application, core, name, shown_alerts=shown)


@router.post("/{meeting_id}/meddelanden")
def post_message(asked: MeetingRequestDep, text: FormText, speaker: FormText) -> Response:
    """Add what someone said; the assistant answers and runs any command in it."""

    def act(meeting: Meeting, application: Application) -> str:
        turn = actions.post_message(
            asked.session,
            meeting=meeting,
            application=application,
            speaker=speaker,
            text=text,
            by=asked.user,
            core=asked.core,
        )
        return turn.reply

    return act_on(asked, act, replaces="chatt", speaker=speaker)


@router.post("/{meeting_id}/beslut")
def save_decision(
    asked: MeetingRequestDep,
    form: FormDep,
    revision: Revision,
    decision_date: Annotated[date, Form()],
    planned_end: Annotated[date | None, Form()] = None,
    follow_up_6m: Annotated[date | None, Form()] = None,
    follow_up_12m: Annotated[date | None, Form()] = None,
    person_took_part: Annotated[bool, Form()] = False,
    person_agrees: Annotated[bool, Form()] = False,
) -> Response:
    """Record the decision as a new plan version."""
    request, session, user, core = asked.request, asked.session, asked.user, asked.core
    attendees = {
        party: form.get(f"attendees_{party}", "").strip()[:500]
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
    errors = decision_errors(decision)
    if errors:
        # Nothing is saved; the form comes back as typed, with a message per field.
        typed = DecisionForm(
            decision_date.isoformat(),
            decision.attendees,
            person_took_part,
            person_agrees,
            planned_end.isoformat() if planned_end else "",
            follow_up_6m.isoformat() if follow_up_6m else "",
            follow_up_12m.isoformat() if follow_up_12m else "",
            errors,
        )
        meeting, application = open_meeting(session, user=user, meeting_id=asked.meeting_id)
        return part(
            request,
            session,
            meeting,
            application,
            core,
            "beslut",
            decision=typed,
            status_code=200 if wants_fragment(request) else 422,
        )

    def act(meeting: Meeting, application: Application) -> str:
        saved = decisions.save_decision(
            session,
            meeting=meeting,
            application=application,
            decision=decision,
            revision=revision,
            by=user,
            rule_set=core.rule_set,
        )
        return decisions.saved_message(saved)

    return act_on(asked, act, replaces="beslut")


@router.get("/{meeting_id}/versioner/{number}")
def show_version(
    request: Request, meeting_id: int, number: int, session: SessionDep, user: TeamMember
) -> Response:
    """Show one recorded version and what changed since the one before."""
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    saved, changed = decisions.view_version(session, meeting_id=meeting_id, number=number, by=user)
    view = VersionView(f"Version {number}", meeting, person_label(application), saved, changed)
    return render(request, "meetings/version.html", view)


@router.get("/{meeting_id}/utskrift")
def print_plan(
    request: Request, meeting_id: int, session: SessionDep, user: CaseReader, core: CoreDep
) -> Response:
    """Show 'Din plan': the plan in plain Swedish for the person, laid out for paper.

    The team prints it by consent; the referrer who owns the case prints their own.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    record_event(session, "plan_printed", user=user, object_type="meeting", object_id=meeting_id)
    record = read_meeting(session, meeting, application)
    return render(request, "meetings/print.html", print_view(record, core.rule_set))
