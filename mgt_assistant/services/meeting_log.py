"""Applying a turn of the meeting core: the plan, the needs picture, the undo log and replies.

Nothing here commits; the action in ``services.meetings`` that called it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    EVIDENCE_MAX,
    Meeting,
    MeetingMessage,
    MeetingNeed,
    MeetingSignal,
    MeetingStatus,
    User,
)
from mgt_assistant.domain.meeting import PlanItem, Turn, UndoEntry
from mgt_assistant.domain.meeting.model import ASSISTANT
from mgt_assistant.domain.needs import NeedMention


def apply_turn(session: Session, meeting: Meeting, turn: Turn, by: User) -> Turn:
    """Store what the turn changes and the assistant's reply; return the turn as answered."""
    meeting_id = _id(meeting)
    reply = turn.reply
    if turn.rows is not None:
        before = store.plan_of(session, meeting_id)
        save_rows(session, meeting, before, turn.rows, turn.summary or reply, by)
    if turn.add_need is not None:
        _add_need(session, meeting_id, turn.add_need, by, reply)
    if turn.not_relevant is not None:
        _not_relevant(session, meeting_id, turn.not_relevant, by, reply)
    if turn.undo:
        undone = _undo_last(session, meeting)
        reply = f"Ångrade: {undone}" if undone else "Det finns ingen ändring att ångra."
    say(session, meeting, reply, payload=turn.payload)
    return replace(turn, reply=reply)


def save_rows(
    session: Session,
    meeting: Meeting,
    before: Sequence[PlanItem],
    rows: Sequence[PlanItem],
    summary: str,
    by: User,
) -> None:
    """Replace the draft plan, logging the rows and removal marks it replaced for undo.

    A row that leaves the plan is marked removed by the team, so proposals leave it out.
    """
    meeting_id = _id(meeting)
    marks = store.removal_marks(store.removals_of(session, meeting_id))
    entry = UndoEntry(tuple(before), removals=marks)
    store.add_edit(session, meeting_id=meeting_id, by=by, summary=summary, before=entry)
    store.save_plan(session, meeting_id=meeting_id, items=rows)
    store.sync_removals(session, meeting_id=meeting_id, before=before, after=rows, by=by)
    if meeting.status is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.ONGOING
        session.add(meeting)


def say(
    session: Session,
    meeting: Meeting,
    text: str,
    *,
    speaker: str = ASSISTANT,
    author: User | None = None,
    payload: dict[str, object] | None = None,
) -> MeetingMessage:
    """Add a line to the conversation (the assistant's, unless a speaker is given)."""
    message = MeetingMessage(
        meeting_id=_id(meeting),
        author_user_id=author.id if author is not None else None,
        speaker=speaker,
        text=text,
        payload=payload,
    )
    session.add(message)
    session.flush()
    return message


def record_need(
    session: Session,
    meeting_id: int,
    mention: NeedMention,
    *,
    message_id: int | None,
    score: float | None = None,
) -> None:
    """Add a need read from a message to the picture, waiting for the team's review."""
    session.add(
        MeetingNeed(
            meeting_id=meeting_id,
            need_id=mention.id,
            domain=mention.domain,
            status=str(mention.status),
            review="detected",
            message_id=message_id,
            evidence=mention.evidence[:EVIDENCE_MAX],
            start=mention.start,
            end=mention.end,
            score=score,
        )
    )


def _add_need(session: Session, meeting_id: int, need_id: str, by: User, reply: str) -> None:
    need = _manual_need(session, meeting_id, need_id, "present")
    store.add_edit(
        session,
        meeting_id=meeting_id,
        by=by,
        summary=reply,
        before=UndoEntry(added_needs=(need.id or 0,)),
    )


def _manual_need(session: Session, meeting_id: int, need_id: str, status: str) -> MeetingNeed:
    need = MeetingNeed(
        meeting_id=meeting_id,
        need_id=need_id,
        domain=need_id.split(".", 1)[0],
        status=status,
        review="manual",
    )
    session.add(need)
    session.flush()
    return need


def _not_relevant(session: Session, meeting_id: int, need_id: str, by: User, reply: str) -> None:
    matching = [
        n
        for n in store.needs_of(session, meeting_id)
        if n.need_id == need_id or ("." not in need_id and n.domain == need_id)
    ]
    before = UndoEntry(reviews={n.id or 0: n.review for n in matching})
    for need in matching:
        need.review = "rejected"
        session.add(need)
    if not matching:
        # Nothing was said about it: record the team's judgement so the domain counts as known.
        need = _manual_need(session, meeting_id, need_id, "negated")
        before = UndoEntry(added_needs=(need.id or 0,))
    store.add_edit(session, meeting_id=meeting_id, by=by, summary=reply, before=before)


def _undo_last(session: Session, meeting: Meeting) -> str | None:
    meeting_id = _id(meeting)
    edit = store.latest_edit(session, meeting_id=meeting_id)
    if edit is None:
        return None
    entry = UndoEntry.from_json(edit.before)
    if entry.rows is not None:
        store.save_plan(session, meeting_id=meeting_id, items=entry.rows)
        if entry.removals is not None:
            store.restore_removals(session, meeting_id=meeting_id, marks=entry.removals)
        else:
            # Logged before removals were kept: only forget the marks of rows that are back.
            store.sync_removals(
                session, meeting_id=meeting_id, before=(), after=entry.rows, by=None
            )
    for record_id, review in entry.reviews.items():
        need = session.get(MeetingNeed, record_id)
        if need is not None and need.meeting_id == meeting_id:
            need.review = review
            session.add(need)
    for record_id, review in entry.signal_reviews.items():
        signal = session.get(MeetingSignal, record_id)
        if signal is not None and signal.meeting_id == meeting_id:
            signal.review = review
            session.add(signal)
    for record_id in entry.added_needs:
        need = session.get(MeetingNeed, record_id)
        if need is not None and need.meeting_id == meeting_id:
            session.delete(need)
    if entry.goal is not None:
        meeting.person_goal = entry.goal
        session.add(meeting)
    edit.undone = True
    session.add(edit)
    return edit.summary


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    return meeting.id
