"""Möten, the needs and plan forms: every chat command as a button or form control.

Each route runs the same core action as its chat command (see ``meeting_responses``).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from mgt_assistant.db.models import Application, Meeting
from mgt_assistant.domain.meeting import (
    PHASE_LABELS,
    ROW_STATUSES,
    MeetingCore,
    PlanItem,
    commands,
    named,
)
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.meeting_reads import open_meeting
from mgt_assistant.web import flash
from mgt_assistant.web.forms import FormDep, FormText, Revision
from mgt_assistant.web.meeting_plan_views import (
    RowEditorView,
    row_conflict,
    row_views,
    unit_options,
)
from mgt_assistant.web.meeting_responses import MeetingRequestDep, act_on, run_command
from mgt_assistant.web.rendering import render, wants_fragment

router = APIRouter(prefix="/moten")


@router.post("/{meeting_id}/forslag")
def propose(asked: MeetingRequestDep) -> Response:
    """Propose interventions from the needs picture and draft the plan."""
    return run_command(asked, commands.Propose(), None)


@router.post("/{meeting_id}/angra")
def undo(asked: MeetingRequestDep, revision: Revision) -> Response:
    """Undo the latest change."""
    return run_command(asked, commands.Undo(), revision, replaces="plan")


@router.post("/{meeting_id}/fraga")
def ask(asked: MeetingRequestDep, intervention_id: FormText, question: FormText) -> Response:
    """Ask why (or why not) an intervention is proposed."""
    if intervention_id not in asked.core.rule_set.interventions:
        raise HTTPException(status_code=422)
    command = (
        commands.WhyNot(intervention_id)
        if question == "varfor-inte"
        else commands.Why(intervention_id)
    )
    return run_command(asked, command, None)


@router.post("/{meeting_id}/behov")
def add_need(asked: MeetingRequestDep, need_id: FormText, revision: Revision) -> Response:
    """Add a need by hand."""
    if not asked.core.rule_set.taxonomy.is_known(need_id):
        raise HTTPException(status_code=422)
    return run_command(asked, commands.AddNeed(need_id), revision, replaces="behov")


@router.post("/{meeting_id}/behov/ej-aktuellt")
def need_not_relevant(asked: MeetingRequestDep, need_id: FormText, revision: Revision) -> Response:
    """Mark a need or a whole domain as not relevant."""
    if not asked.core.rule_set.taxonomy.is_known(need_id):
        raise HTTPException(status_code=422)
    return run_command(asked, commands.NeedNotRelevant(need_id), revision, replaces="behov")


@router.post("/{meeting_id}/behov/granska")
def review_need(
    asked: MeetingRequestDep, need_id: FormText, review: FormText, revision: Revision
) -> Response:
    """Confirm a detected need, or judge it not relevant."""

    def act(meeting: Meeting, _application: Application) -> str:
        return actions.review_need(
            asked.session,
            meeting=meeting,
            need_id=need_id,
            review=review,
            revision=revision,
            by=asked.user,
            core=asked.core,
        )

    return act_on(asked, act, replaces="behov")


@router.post("/{meeting_id}/behov/uppgift")
def review_signal(
    asked: MeetingRequestDep,
    kind: FormText,
    signal_id: FormText,
    review: FormText,
    revision: Revision,
) -> Response:
    """Confirm a signal read from the talk (an alert, a service in place, …), or reject it."""
    label = asked.core.rule_set.lexicon.signal_labels.get((kind, signal_id), signal_id)

    def act(meeting: Meeting, _application: Application) -> str:
        return actions.review_signal(
            asked.session,
            meeting=meeting,
            kind=kind,
            signal_id=signal_id,
            review=review,
            revision=revision,
            by=asked.user,
            label=label,
        )

    return act_on(asked, act, replaces="behov")


@router.post("/{meeting_id}/akut/hanterat")
def alerts_handled(asked: MeetingRequestDep, revision: Revision) -> Response:
    """Record that the team handled the acute alerts outside MGT (who and when)."""

    def act(meeting: Meeting, application: Application) -> str:
        return actions.mark_alerts_handled(
            asked.session,
            meeting=meeting,
            application=application,
            revision=revision,
            by=asked.user,
            core=asked.core,
        )

    return act_on(asked, act, replaces="akut")


@router.post("/{meeting_id}/mal")
def set_goal(asked: MeetingRequestDep, revision: Revision, goal: FormText = "") -> Response:
    """Save the person's own goal."""

    def act(meeting: Meeting, _application: Application) -> str:
        return actions.set_goal(
            asked.session, meeting=meeting, goal=goal, revision=revision, by=asked.user
        )

    return act_on(asked, act, replaces="plan")


@router.post("/{meeting_id}/plan")
def add_row(asked: MeetingRequestDep, intervention_id: FormText, revision: Revision) -> Response:
    """Add an intervention from the catalogue to the plan."""
    return run_command(asked, commands.AddIntervention(intervention_id), revision, replaces="plan")


@router.post("/{meeting_id}/plan/{intervention_id}")
def edit_row(
    asked: MeetingRequestDep,
    intervention_id: str,
    form: FormDep,
    revision: Revision,
    unit: FormText,
    start_week: FormText,
    weeks: FormText,
    status: FormText,
    contact_person: FormText = "",
    contact_phone: FormText = "",
    phase: FormText = "",
) -> Response:
    """Save a plan row's unit, contact person, start week, length, status and phase.

    The editor sends the row as it showed it (``was_*``): if someone else changed
    this row meanwhile, nothing is saved and the editor comes back with what was
    typed and what the row says now (409); changes elsewhere in the plan do not stop it.
    """
    changes = {
        "unit": unit,
        "contact_person": contact_person.strip(),
        "start_week": start_week.strip(),
        "weeks": weeks.strip(),
        "status": status,
    }
    if phase:
        changes["phase"] = phase
    if "contact_phone" in form:
        changes["contact_phone"] = contact_phone.strip()
    seen = {key: form[f"was_{key}"] for key in changes if f"was_{key}" in form}

    def act(meeting: Meeting, application: Application) -> str:
        return actions.edit_row(
            asked.session,
            meeting=meeting,
            application=application,
            intervention_id=intervention_id,
            changes=changes,
            revision=revision,
            by=asked.user,
            core=asked.core,
            seen=seen or None,
        )

    try:
        return act_on(asked, act, replaces="plan")
    except actions.RowConflict as conflict:
        meeting, _application = open_meeting(
            asked.session, user=asked.user, meeting_id=asked.meeting_id
        )
        return _row_conflict(asked.request, meeting, conflict.current, seen, changes, asked.core)


def _row_conflict(
    request: Request,
    meeting: Meeting,
    current: PlanItem,
    seen: dict[str, str],
    typed: dict[str, str],
    core: MeetingCore,
) -> Response:
    """Show the row's editor again: the user's values kept, the row's values now named."""
    view = row_views(named((current,), core.rule_set))[0]
    notes = row_conflict(view, seen)
    if not wants_fragment(request):
        message = "Någon annan ändrade raden medan du arbetade, så din ändring sparades inte. "
        return flash.redirect(request, f"/moten/{meeting.id}", message + " ".join(notes))
    record = RowEditorView(
        title="Raden har ändrats",
        meeting=meeting,
        revision=meeting.revision,
        view=view,
        typed=typed,
        conflict=notes,
        unit_options=unit_options(core.rule_set),
        row_statuses=ROW_STATUSES,
        phase_options=PHASE_LABELS,
    )
    target = f"#andra-{current.intervention_id}"
    return render(
        request,
        "meetings/conflict.html",
        record,
        fragment="meetings/_row_editor.html",
        status_code=409,
        headers={"HX-Retarget": target, "HX-Reswap": "outerHTML"},
    )


@router.post("/{meeting_id}/plan/{intervention_id}/ta-bort")
def remove_row(asked: MeetingRequestDep, intervention_id: str, revision: Revision) -> Response:
    """Take an intervention out of the plan."""
    return run_command(
        asked, commands.RemoveIntervention(intervention_id), revision, replaces="plan"
    )
