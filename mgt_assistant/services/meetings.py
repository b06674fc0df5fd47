"""What the team does in a meeting: each action claims a revision, runs the core, saves, logs.

Actions take the screen's revision where a stale screen could overwrite
someone else's work (forms, undo) and None where they only add (chat). Each
commits once: the change, the undo entry and the audit row together.

:raise MeetingConflict: from every action given a stale revision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    ConsentEvent,
    Meeting,
    MeetingStatus,
    User,
    utcnow,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.meeting import (
    SPEAKERS,
    EditError,
    MeetingCore,
    PlanItem,
    Turn,
    UndoEntry,
    commands,
    respond,
    run_command,
    set_field,
)
from mgt_assistant.domain.meeting.commands import Command
from mgt_assistant.services.meeting_facts import (
    case_of,
    current_draft,
    mark_alerts_handled,
    read_booked_signals,
    record_signals,
    review_signal,
    state_of,
)
from mgt_assistant.services.meeting_log import apply_turn, record_need, save_rows, say

MeetingConflict = store.MeetingConflict


class RowConflict(Exception):
    """Someone else changed the plan row since the editor showed it; nothing was saved."""

    def __init__(self, current: PlanItem) -> None:
        super().__init__(current.intervention_id)
        self.current = current


__all__ = [
    "MeetingConflict",
    "RowConflict",
    "case_of",
    "command",
    "current_draft",
    "edit_row",
    "mark_alerts_handled",
    "post_message",
    "read_booked_signals",
    "review_need",
    "review_signal",
    "set_goal",
    "start_meeting",
    "state_of",
]


def post_message(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    speaker: str,
    text: str,
    by: User,
    core: MeetingCore,
) -> Turn:
    """Add what someone said and the assistant's answer; apply any command in it."""
    if speaker not in SPEAKERS:
        raise EditError("Välj vem som talar.")
    text = text.strip()[:20000]
    if not text:
        raise EditError("Skriv ett meddelande.")

    def prepare() -> Turn:
        return respond(core, state_of(session, meeting, application, core), text)

    turn = _claimed(session, meeting, None, prepare)
    _start(session, meeting)
    # The marked words go in with the message (one INSERT, no UPDATE after it).
    payload: dict[str, object] = {
        "needs": [[m.start, m.end, m.id, str(m.status)] for m in turn.mentions],
        "signals": [[s.start, s.end, s.kind, s.id, str(s.status)] for s in turn.signals],
    }
    message = say(session, meeting, text, speaker=speaker, author=by, payload=payload)
    for mention in turn.mentions:
        record_need(session, _id(meeting), mention, message_id=message.id)
    record_signals(session, _id(meeting), turn.signals, message_id=message.id)
    turn = apply_turn(session, meeting, turn, by)
    _commit(session, meeting, by, "meeting_message")
    return turn


Prepared = TypeVar("Prepared")

# How often a change is worked out again when someone else changed the meeting meanwhile,
# before it waits its turn with the lock held.
OPTIMISTIC_TRIES = 3


def _claimed(
    session: Session, meeting: Meeting, revision: int | None, prepare: Callable[[], Prepared]
) -> Prepared:
    """Work a change out from what is stored, then take the next revision.

    The work (reading needs, evaluating the rules) is done before the revision is taken:
    on SQLite taking it starts the write transaction, which holds the database's one
    write lock until the commit, so no other change waits while the rules run. When the
    screen's ``revision`` is given, a change since then is a conflict as before; without
    one (chat), a change since the work started makes it start again with what is new,
    and after a few tries the revision is taken first.
    """
    for _ in range(OPTIMISTIC_TRIES):
        seen = meeting.revision if revision is None else revision
        prepared = prepare()
        try:
            store.claim(session, meeting=meeting, revision=seen)
        except store.MeetingConflict:
            if revision is not None:
                raise
            continue
        return prepared
    store.claim(session, meeting=meeting, revision=None)
    return prepare()


def command(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    action: Command,
    revision: int | None,
    by: User,
    core: MeetingCore,
) -> Turn:
    """Run an action from a button or form, exactly as its chat command would."""
    turn = _claimed(
        session,
        meeting,
        revision,
        lambda: run_command(core, state_of(session, meeting, application, core), action),
    )
    turn = apply_turn(session, meeting, turn, by)
    _commit(session, meeting, by, _AUDIT.get(type(action), "meeting_command"))
    return turn


_AUDIT: Mapping[type, str] = {
    commands.Undo: "meeting_undo",
    commands.Propose: "meeting_proposal",
    commands.Why: "meeting_question",
    commands.WhyNot: "meeting_question",
    commands.AddIntervention: "meeting_plan_edit",
    commands.RemoveIntervention: "meeting_plan_edit",
    commands.AddNeed: "meeting_need_review",
    commands.NeedNotRelevant: "meeting_need_review",
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
    core: MeetingCore,
    seen: Mapping[str, str] | None = None,
) -> str:
    """Save a row form: every changed field at once, as one change to undo.

    With ``seen`` (the row as the editor showed it) only this row must be unchanged,
    so an editor left open while others work elsewhere in the plan still saves.

    :raise RowConflict: when the row differs from ``seen``.
    :raise MeetingConflict: without ``seen``, when ``revision`` is stale.
    """
    store.claim(session, meeting=meeting, revision=None if seen is not None else revision)
    before = store.plan_of(session, _id(meeting))
    current = next((r for r in before if r.intervention_id == intervention_id), None)
    if current is None:
        session.rollback()
        raise EditError("Insatsen finns inte längre i planen: någon annan har tagit bort den.")
    # The editor's fields, plus the party, which ``changes`` may also name.
    now = {**current.form_values, "party": current.party}
    if seen is not None and any(now.get(key) != value for key, value in seen.items()):
        session.rollback()
        raise RowConflict(current)
    rows, summaries = before, []
    for field, value in changes.items():
        if now.get(field) == ("" if value is None else str(value)):
            continue
        rows, summary = set_field(rows, core.rule_set, intervention_id, field, value)
        summaries.append(summary)
    if not summaries:
        session.rollback()
        return "Inget ändrades."
    summary = " ".join(summaries)
    save_rows(session, meeting, before, rows, summary, by)
    say(session, meeting, summary, payload={"kind": "edit"})
    _commit(session, meeting, by, "meeting_plan_edit")
    return summary


def review_need(
    session: Session,
    *,
    meeting: Meeting,
    need_id: str,
    review: str,
    revision: int,
    by: User,
    core: MeetingCore,
) -> str:
    """Confirm or reject a detected need (all its mentions)."""
    if review not in ("confirmed", "rejected", "detected"):
        raise EditError("Okänt beslut om behovet.")
    store.claim(session, meeting=meeting, revision=revision)
    rows = store.needs_of(session, _id(meeting), need_id)
    if not rows:
        raise EditError("Behovet finns inte i behovsbilden.")
    before = {n.id or 0: n.review for n in rows}
    for need in rows:
        need.review = review if need.review != "manual" or review == "rejected" else "manual"
        session.add(need)
    words = {"confirmed": "bekräftat", "rejected": "inte aktuellt", "detected": "obedömt"}
    summary = f"{core.rule_set.taxonomy.label(need_id)}: {words[review]}."
    store.add_edit(
        session, meeting_id=_id(meeting), by=by, summary=summary, before=UndoEntry(reviews=before)
    )
    _commit(session, meeting, by, "meeting_need_review")
    return summary


def set_goal(session: Session, *, meeting: Meeting, goal: str, revision: int, by: User) -> str:
    """Save the person's own goal, in their words."""
    store.claim(session, meeting=meeting, revision=revision)
    store.add_edit(
        session,
        meeting_id=_id(meeting),
        by=by,
        summary="Personens mål ändrades.",
        before=UndoEntry(goal=meeting.person_goal),
    )
    meeting.person_goal = goal.strip()[:4000]
    session.add(meeting)
    _commit(session, meeting, by, "meeting_goal")
    return "Personens mål är sparat."


def start_meeting(
    session: Session,
    *,
    by: User,
    anonymous: bool,
    person_name: str | None,
    referrer_name: str,
    referrer_party: str,
    referrer_unit: str | None,
    scheduled_at: datetime,
    consent_parties: Iterable[str],
) -> Meeting:
    """Open a case and its meeting directly from the team (e.g. an anonymous consultation)."""
    application = Application(
        status=ApplicationStatus.BOOKED,
        anonymous=anonymous,
        person_name=None if anonymous else person_name,
        referrer_user_id=by.id or 0,
        referrer_party=referrer_party,
        referrer_unit=referrer_unit,
        referrer_name=referrer_name,
        consent_obtained=not anonymous,
        person_informed=not anonymous,
        submitted_at=utcnow(),
    )
    session.add(application)
    session.flush()
    if application.id is None:
        raise ValueError("application was not saved")
    for party in () if anonymous else consent_parties:
        session.add(
            Consent(application_id=application.id, party=party, given_on=scheduled_at.date())
        )
        session.add(
            ConsentEvent(
                application_id=application.id, user_id=by.id, party=party, action="registrerat"
            )
        )
    meeting = Meeting(
        application_id=application.id,
        scheduled_at=scheduled_at,
        status=MeetingStatus.ONGOING,
        created_by_user_id=by.id,
    )
    session.add(meeting)
    session.flush()
    add_audit(session, "meeting_created", user=by, object_type="meeting", object_id=meeting.id)
    session.commit()
    session.refresh(meeting)
    return meeting


def _start(session: Session, meeting: Meeting) -> None:
    if meeting.status is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.ONGOING
        session.add(meeting)


def _commit(session: Session, meeting: Meeting, by: User, action: str) -> None:
    add_audit(session, action, user=by, object_type="meeting", object_id=meeting.id)
    session.commit()


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    return meeting.id
