"""What the team does in a meeting: each action claims a revision, runs the core, saves, logs.

Actions take the screen's revision where a stale screen could overwrite
someone else's work (forms, undo) and None where they only add (chat).

:raise MeetingConflict: from every action given a stale revision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    Application,
    Meeting,
    MeetingMessage,
    MeetingNeed,
    MeetingStatus,
    User,
)
from mgt_assistant.db.users import audit
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import (
    SPEAKERS,
    EditError,
    Engine,
    MeetingState,
    PlanItem,
    Turn,
    respond,
    run_command,
    set_field,
)
from mgt_assistant.domain.meeting.commands import (
    AddIntervention,
    AddNeed,
    Command,
    NeedNotRelevant,
    Propose,
    RemoveIntervention,
    Undo,
    Why,
    WhyNot,
)

ASSISTANT = "assistent"


def state_of(session: Session, meeting: Meeting, application: Application) -> MeetingState:
    """Load what the core needs to answer."""
    return MeetingState(
        needs=store.need_records(store.needs_of(session, _id(meeting))),
        rows=store.plan_items(store.rows_of(session, _id(meeting))),
        asked=store.asked_domains(store.messages_of(session, _id(meeting))),
        case=store.base_case(session, application, swedish_time.today()),
    )


def post_message(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    speaker: str,
    text: str,
    by: User,
    engine: Engine,
) -> Turn:
    """Add what someone said and the assistant's answer; apply any command in it."""
    if speaker not in SPEAKERS:
        raise EditError("Välj vem som talar.")
    text = text.strip()[:20000]
    if not text:
        raise EditError("Skriv ett meddelande.")
    store.claim(session, meeting=meeting, revision=None)
    if meeting.status is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.ONGOING
        session.add(meeting)
    state = state_of(session, meeting, application)
    turn = respond(engine, state, text)
    message = MeetingMessage(
        meeting_id=_id(meeting), author_user_id=by.id, speaker=speaker, text=text
    )
    session.add(message)
    session.flush()
    message.payload = {
        "needs": [[m.start, m.end, m.id, str(m.status)] for m in turn.mentions],
    }
    for mention in turn.mentions:
        session.add(
            MeetingNeed(
                meeting_id=_id(meeting),
                need_id=mention.id,
                domain=mention.domain,
                status=str(mention.status),
                review="detected",
                message_id=message.id,
                evidence=mention.evidence[:1000],
                start=mention.start,
                end=mention.end,
            )
        )
    turn = _apply(session, meeting, turn, by)
    _finish(session, meeting, by, "meeting_message")
    return turn


def command(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    action: Command,
    revision: int | None,
    by: User,
    engine: Engine,
) -> Turn:
    """Run an action from a button or form, exactly as its chat command would."""
    store.claim(session, meeting=meeting, revision=revision)
    turn = run_command(engine, state_of(session, meeting, application), action)
    turn = _apply(session, meeting, turn, by)
    _finish(session, meeting, by, _AUDIT.get(type(action), "meeting_command"))
    return turn


_AUDIT: Mapping[type, str] = {
    Undo: "meeting_undo",
    Propose: "meeting_proposal",
    Why: "meeting_question",
    WhyNot: "meeting_question",
    AddIntervention: "meeting_plan_edit",
    RemoveIntervention: "meeting_plan_edit",
    AddNeed: "meeting_need_review",
    NeedNotRelevant: "meeting_need_review",
}


def edit_row(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    intervention_id: str,
    changes: Mapping[str, str | int | None],
    revision: int,
    by: User,
    engine: Engine,
) -> str:
    """Save a row form: every changed field at once, as one change to undo."""
    store.claim(session, meeting=meeting, revision=revision)
    state = state_of(session, meeting, application)
    rows = state.rows
    summaries = []
    current = next((r for r in rows if r.intervention_id == intervention_id), None)
    if current is None:
        raise EditError("Insatsen finns inte längre i planen.")
    now = {
        "unit": f"{current.party}/{current.unit}",
        "party": current.party,
        "contact_person": current.contact_person or "",
        "start_week": str(current.start_week),
        "weeks": str(current.weeks),
        "status": current.status,
    }
    for field, value in changes.items():
        if now.get(field) == ("" if value is None else str(value)):
            continue
        rows, summary = set_field(rows, engine.rule_set, intervention_id, field, value)
        summaries.append(summary)
    if not summaries:
        session.rollback()
        return "Inget ändrades."
    summary = " ".join(summaries)
    _save_rows(session, meeting, state.rows, rows, summary, by)
    _say(session, meeting, summary)
    _finish(session, meeting, by, "meeting_plan_edit")
    return summary


def review_need(
    session: Session,
    *,
    meeting: Meeting,
    need_id: str,
    review: str,
    revision: int,
    by: User,
    label: str,
) -> str:
    """Confirm or reject a detected need (all its mentions)."""
    if review not in ("confirmed", "rejected", "detected"):
        raise EditError("Okänt beslut om behovet.")
    store.claim(session, meeting=meeting, revision=revision)
    rows = [n for n in store.needs_of(session, _id(meeting)) if n.need_id == need_id]
    if not rows:
        raise EditError("Behovet finns inte i behovsbilden.")
    before = {str(n.id): n.review for n in rows}
    for need in rows:
        need.review = review if need.review != "manual" or review == "rejected" else "manual"
        session.add(need)
    words = {"confirmed": "bekräftat", "rejected": "inte aktuellt", "detected": "obedömt"}
    summary = f"{label}: {words[review]}."
    store.record_edit(
        session, meeting_id=_id(meeting), by=by, summary=summary, before={"reviews": before}
    )
    _finish(session, meeting, by, "meeting_need_review")
    return summary


def set_goal(session: Session, *, meeting: Meeting, goal: str, revision: int, by: User) -> None:
    """Save the person's own goal, in their words."""
    store.claim(session, meeting=meeting, revision=revision)
    store.record_edit(
        session,
        meeting_id=_id(meeting),
        by=by,
        summary="Personens mål ändrades.",
        before={"goal": meeting.person_goal},
    )
    meeting.person_goal = goal.strip()[:4000]
    session.add(meeting)
    _finish(session, meeting, by, "meeting_goal")


def _apply(session: Session, meeting: Meeting, turn: Turn, by: User) -> Turn:
    reply = turn.reply
    if turn.rows is not None:
        before = store.plan_items(store.rows_of(session, _id(meeting)))
        _save_rows(session, meeting, before, turn.rows, turn.summary or reply, by)
    if turn.add_need is not None:
        reply = _add_need(session, meeting, turn.add_need, by, reply)
    if turn.not_relevant is not None:
        _not_relevant(session, meeting, turn.not_relevant, by, reply)
    if turn.undo:
        undone = store.undo_last(session, meeting_id=_id(meeting))
        reply = f"Ångrade: {undone}" if undone else "Det finns ingen ändring att ångra."
    session.add(
        MeetingMessage(meeting_id=_id(meeting), speaker=ASSISTANT, text=reply, payload=turn.payload)
    )
    return replace(turn, reply=reply)


def _save_rows(
    session: Session,
    meeting: Meeting,
    before: Sequence[PlanItem],
    rows: Sequence[PlanItem],
    summary: str,
    by: User,
) -> None:
    store.record_edit(
        session,
        meeting_id=_id(meeting),
        by=by,
        summary=summary,
        before={"rows": [store.item_to_json(r) for r in before]},
    )
    store.replace_rows(session, meeting_id=_id(meeting), items=rows)
    if meeting.status is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.ONGOING
        session.add(meeting)


def _add_need(session: Session, meeting: Meeting, need_id: str, by: User, reply: str) -> str:
    need = MeetingNeed(
        meeting_id=_id(meeting),
        need_id=need_id,
        domain=need_id.split(".", 1)[0],
        status="present",
        review="manual",
    )
    session.add(need)
    session.flush()
    store.record_edit(
        session, meeting_id=_id(meeting), by=by, summary=reply, before={"added_needs": [need.id]}
    )
    return reply


def _not_relevant(session: Session, meeting: Meeting, need_id: str, by: User, reply: str) -> None:
    matching = [
        n
        for n in store.needs_of(session, _id(meeting))
        if n.need_id == need_id or ("." not in need_id and n.domain == need_id)
    ]
    before: dict[str, object] = {"reviews": {str(n.id): n.review for n in matching}}
    for need in matching:
        need.review = "rejected"
        session.add(need)
    if not matching:
        # Nothing was said about it: record the team's judgement so the domain counts as known.
        need = MeetingNeed(
            meeting_id=_id(meeting),
            need_id=need_id,
            domain=need_id.split(".", 1)[0],
            status="negated",
            review="manual",
        )
        session.add(need)
        session.flush()
        before = {"added_needs": [need.id]}
    store.record_edit(session, meeting_id=_id(meeting), by=by, summary=reply, before=before)


def _say(session: Session, meeting: Meeting, text: str) -> None:
    session.add(
        MeetingMessage(
            meeting_id=_id(meeting), speaker=ASSISTANT, text=text, payload={"kind": "edit"}
        )
    )


def _finish(session: Session, meeting: Meeting, by: User, action: str) -> None:
    session.commit()
    audit(session, action, user=by, object_type="meeting", object_id=meeting.id)


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    return meeting.id
