"""Meetings in the database: loading and saving state, the revision check and the edit log.

Every change first claims the meeting's next revision with one conditional
UPDATE; a screen that loaded an older revision gets ``MeetingConflict`` and
nothing is written. The row lock the UPDATE takes serialises concurrent
writers on PostgreSQL; SQLite serialises writers anyway.

Exceptions: ``MeetingNotFound`` (LookupError) and ``MeetingConflict``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import BindParameter, bindparam
from sqlalchemy import select as select_columns
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, delete, func, select, update

from mgt_assistant.db.models import (
    Application,
    Meeting,
    MeetingAlertHandled,
    MeetingEdit,
    MeetingMessage,
    MeetingNeed,
    MeetingSignal,
    PlanRowRecord,
    PlanRowRemoval,
    PlanVersion,
    User,
    utcnow,
)
from mgt_assistant.domain.meeting import NeedRecord, PlanItem, RemovalMark, UndoEntry

# The reads every meeting request makes are built once, with the meeting as a bound
# parameter: building a statement costs more than running it on a small meeting.
_MEETING: BindParameter[int] = bindparam("meeting_id")


class MeetingNotFound(LookupError):
    """No meeting with that id."""


class MeetingConflict(Exception):
    """The meeting changed after the screen was loaded; nothing was saved."""


def load(session: Session, *, meeting_id: int) -> tuple[Meeting, Application]:
    """Return a meeting and its application.

    :raise MeetingNotFound: when there is none.
    """
    meeting = session.get(Meeting, meeting_id)
    application = session.get(Application, meeting.application_id) if meeting else None
    if meeting is None or application is None:
        raise MeetingNotFound(meeting_id)
    return meeting, application


def claim(session: Session, *, meeting: Meeting, revision: int | None) -> None:
    """Take the next revision; ``revision`` is what the screen saw (None: append-only).

    :raise MeetingConflict: when someone else changed the meeting since.
    """
    statement = update(Meeting).where(col(Meeting.id) == meeting.id)
    if revision is not None:
        statement = statement.where(col(Meeting.revision) == revision)
    statement = statement.values(revision=col(Meeting.revision) + 1, updated_at=utcnow())
    result = cast(CursorResult[Any], session.exec(statement))
    if result.rowcount != 1:
        session.rollback()
        raise MeetingConflict
    session.refresh(meeting)


def messages_of(session: Session, meeting_id: int) -> list[MeetingMessage]:
    """Return the conversation, oldest first."""
    return list(
        session.exec(
            select(MeetingMessage)
            .where(MeetingMessage.meeting_id == meeting_id)
            .order_by(col(MeetingMessage.id))
        ).all()
    )


def _window_statement(before: bool, after: bool) -> Any:
    query = select(MeetingMessage).where(col(MeetingMessage.meeting_id) == _MEETING)
    if before:
        query = query.where(col(MeetingMessage.id) < bindparam("before"))
    if after:
        query = query.where(col(MeetingMessage.id) > bindparam("after"))
    return query.order_by(col(MeetingMessage.id).desc()).limit(bindparam("limit"))


# By whether a window ends before an id, starts after one, or both.
_WINDOWS = {(b, a): _window_statement(b, a) for b in (False, True) for a in (False, True)}


def message_window(
    session: Session,
    meeting_id: int,
    *,
    limit: int,
    before: int | None = None,
    after: int | None = None,
) -> tuple[list[MeetingMessage], bool]:
    """Return at most ``limit`` latest messages (before or after an id), oldest first.

    The second value tells whether earlier messages exist beyond the window.
    """
    params = {"meeting_id": meeting_id, "before": before, "after": after, "limit": limit + 1}
    statement = _WINDOWS[(before is not None, after is not None)]
    rows = list(session.exec(statement, params=params).all())
    return rows[:limit][::-1], len(rows) > limit


def first_message(session: Session, meeting_id: int) -> MeetingMessage | None:
    """Return the meeting's first message (the application's text, when booked)."""
    return session.exec(
        select(MeetingMessage)
        .where(MeetingMessage.meeting_id == meeting_id)
        .order_by(col(MeetingMessage.id))
        .limit(1)
    ).first()


def needs_of(session: Session, meeting_id: int, need_id: str | None = None) -> list[MeetingNeed]:
    """Return the needs picture's rows (of one need, when given) in the order they were found."""
    query = select(MeetingNeed).where(MeetingNeed.meeting_id == meeting_id)
    if need_id is not None:
        query = query.where(MeetingNeed.need_id == need_id)
    return list(session.exec(query.order_by(col(MeetingNeed.id))).all())


def _picture_statement(table: Any, keys: tuple[Any, ...], *more: Any) -> Any:
    """Select each distinct reading (``keys``) in a meeting once, in first-mention order.

    A row holds the keys, the reading's first id, then ``more`` (aggregates over its mentions).
    """
    first = func.min(col(table.id))
    return (
        select_columns(*keys, first, *more)
        .where(col(table.meeting_id) == _MEETING)
        .group_by(*keys)
        .order_by(first)
    )


# The latest mention of each reading lets "the latest clear statement wins" still hold.
_NEED_PICTURE = _picture_statement(
    MeetingNeed,
    (
        col(MeetingNeed.need_id),
        col(MeetingNeed.domain),
        col(MeetingNeed.status),
        col(MeetingNeed.review),
        col(MeetingNeed.evidence),
    ),
    func.max(col(MeetingNeed.message_id)),
    func.max(col(MeetingNeed.id)),
)


def need_picture(session: Session, meeting_id: int) -> tuple[NeedRecord, ...]:
    """Return the needs picture as the core reads it, grouped in SQL.

    One record per distinct need, status, review and evidence, in first-mention
    order: ``summarise_needs`` gives the same summary as from every mention, and a
    meeting of 500 messages sends tens of rows, not thousands.
    """
    rows = session.execute(_NEED_PICTURE, {"meeting_id": meeting_id}).all()
    return tuple(
        NeedRecord(need_id, domain, status, review, evidence, last_message, last_id)
        for need_id, domain, status, review, evidence, _, last_message, last_id in rows
    )


_SPANS = (
    select_columns(
        col(MeetingNeed.message_id),
        col(MeetingNeed.start),
        col(MeetingNeed.end),
        col(MeetingNeed.need_id),
        col(MeetingNeed.status),
    )
    .where(
        col(MeetingNeed.meeting_id) == _MEETING,
        col(MeetingNeed.message_id).in_(bindparam("ids", expanding=True)),
        col(MeetingNeed.start).is_not(None),
        col(MeetingNeed.end).is_not(None),
    )
    .order_by(col(MeetingNeed.id))
)


def need_spans(
    session: Session, meeting_id: int, message_ids: Iterable[int]
) -> dict[int, list[tuple[int, int, str, str]]]:
    """Return the marked words of these messages: (start, end, need, status) per message id."""
    ids = list(message_ids)
    if not ids:
        return {}
    rows = session.execute(_SPANS, {"meeting_id": meeting_id, "ids": ids}).all()
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for message_id, start, end, need_id, status in rows:
        spans.setdefault(message_id or 0, []).append((start or 0, end or 0, need_id, status))
    return spans


def signals_of(session: Session, meeting_id: int) -> list[MeetingSignal]:
    """Return the signals read in the meeting, in the order they were found."""
    return list(
        session.exec(
            select(MeetingSignal)
            .where(MeetingSignal.meeting_id == meeting_id)
            .order_by(col(MeetingSignal.id))
        ).all()
    )


_SIGNAL_PICTURE = _picture_statement(
    MeetingSignal,
    (
        col(MeetingSignal.kind),
        col(MeetingSignal.signal_id),
        col(MeetingSignal.status),
        col(MeetingSignal.review),
        col(MeetingSignal.evidence),
    ),
    func.min(col(MeetingSignal.start)),
    func.min(col(MeetingSignal.end)),
)


def signal_picture(session: Session, meeting_id: int) -> list[MeetingSignal]:
    """Return the signals grouped in SQL: one unsaved row per distinct reading, first first.

    Grouping keeps what the profile and the case read (kind, id, status, review,
    evidence); a long meeting sends a few rows instead of every mention.
    """
    rows = session.execute(_SIGNAL_PICTURE, {"meeting_id": meeting_id}).all()
    return [
        MeetingSignal(
            id=row_id,
            meeting_id=meeting_id,
            kind=kind,
            signal_id=signal_id,
            status=status,
            review=review,
            evidence=evidence,
            start=start,
            end=end,
        )
        for kind, signal_id, status, review, evidence, row_id, start, end in rows
    ]


_HANDLED = (
    select(MeetingAlertHandled)
    .where(col(MeetingAlertHandled.meeting_id) == _MEETING)
    .order_by(col(MeetingAlertHandled.id))
)


def handled_alerts_of(session: Session, meeting_id: int) -> list[MeetingAlertHandled]:
    """Return the alerts the team marked handled, oldest first."""
    return list(session.exec(_HANDLED, params={"meeting_id": meeting_id}).all())


_PLAN = (
    select(PlanRowRecord)
    .where(col(PlanRowRecord.meeting_id) == _MEETING)
    .order_by(col(PlanRowRecord.position), col(PlanRowRecord.id))
)


def plan_of(session: Session, meeting_id: int) -> tuple[PlanItem, ...]:
    """Return the draft plan's rows in plan order."""
    records = session.exec(_PLAN, params={"meeting_id": meeting_id}).all()
    return tuple(PlanItem.from_json(record.model_dump()) for record in records)


def save_plan(session: Session, *, meeting_id: int, items: Sequence[PlanItem]) -> None:
    """Store a new draft plan in place of the old one (the caller commits)."""
    session.exec(delete(PlanRowRecord).where(col(PlanRowRecord.meeting_id) == meeting_id))
    for position, item in enumerate(items):
        session.add(PlanRowRecord(meeting_id=meeting_id, position=position, **item.to_json()))


_REMOVALS = (
    select(PlanRowRemoval)
    .where(col(PlanRowRemoval.meeting_id) == _MEETING)
    .order_by(col(PlanRowRemoval.removed_at), col(PlanRowRemoval.id))
)


def removals_of(session: Session, meeting_id: int) -> list[PlanRowRemoval]:
    """Return the interventions the team took out of the plan, oldest first."""
    return list(session.exec(_REMOVALS, params={"meeting_id": meeting_id}).all())


def removal_marks(removals: Iterable[PlanRowRemoval]) -> tuple[RemovalMark, ...]:
    """Turn stored removals into the undo log's marks."""
    return tuple(
        RemovalMark(r.intervention_id, r.removed_by_user_id, r.removed_at.isoformat())
        for r in removals
    )


def restore_removals(session: Session, *, meeting_id: int, marks: Iterable[RemovalMark]) -> None:
    """Put back the removal marks an undo entry recorded (the caller commits)."""
    session.exec(delete(PlanRowRemoval).where(col(PlanRowRemoval.meeting_id) == meeting_id))
    session.flush()
    for mark in marks:
        session.add(
            PlanRowRemoval(
                meeting_id=meeting_id,
                intervention_id=mark.intervention_id,
                removed_by_user_id=mark.user_id,
                removed_at=datetime.fromisoformat(mark.at),
            )
        )


def sync_removals(
    session: Session,
    *,
    meeting_id: int,
    before: Iterable[PlanItem],
    after: Iterable[PlanItem],
    by: User | None,
) -> None:
    """Mark what left the plan as removed by ``by``; forget the mark of what is back."""
    now = {row.intervention_id for row in after}
    gone = {row.intervention_id for row in before} - now
    marked = {r.intervention_id: r for r in removals_of(session, meeting_id)}
    for intervention_id, removal in marked.items():
        if intervention_id in now:
            session.delete(removal)
    for intervention_id in sorted(gone):
        removal = marked.get(intervention_id) or PlanRowRemoval(
            meeting_id=meeting_id, intervention_id=intervention_id
        )
        removal.removed_at = utcnow()
        removal.removed_by_user_id = by.id if by is not None else None
        session.add(removal)


_VERSIONS = (
    select(PlanVersion)
    .where(col(PlanVersion.meeting_id) == _MEETING)
    .order_by(col(PlanVersion.number).desc())
)


def versions_of(session: Session, meeting_id: int) -> list[PlanVersion]:
    """Return the recorded decisions, newest first."""
    return list(session.exec(_VERSIONS, params={"meeting_id": meeting_id}).all())


_EDITS = (
    select(MeetingEdit)
    .where(col(MeetingEdit.meeting_id) == _MEETING, col(MeetingEdit.undone).is_(False))
    .order_by(col(MeetingEdit.id).desc())
    .limit(bindparam("limit"))
)


def edits_of(session: Session, meeting_id: int, limit: int = 5) -> list[MeetingEdit]:
    """Return the latest changes that can still be undone, newest first."""
    return list(session.exec(_EDITS, params={"meeting_id": meeting_id, "limit": limit}).all())


def need_records(needs: Iterable[MeetingNeed]) -> tuple[NeedRecord, ...]:
    """Turn stored needs into the core's records."""
    return tuple(
        NeedRecord(n.need_id, n.domain, n.status, n.review, n.evidence, n.message_id, n.id)
        for n in needs
    )


def add_edit(
    session: Session, *, meeting_id: int, by: User, summary: str, before: UndoEntry
) -> None:
    """Log a change with what it replaced, so that 'ångra' can restore it (caller commits)."""
    session.add(
        MeetingEdit(
            meeting_id=meeting_id, user_id=by.id, summary=summary[:500], before=before.to_json()
        )
    )


def latest_edit(session: Session, *, meeting_id: int) -> MeetingEdit | None:
    """Return the latest change that has not been undone."""
    return session.exec(
        select(MeetingEdit)
        .where(MeetingEdit.meeting_id == meeting_id, col(MeetingEdit.undone).is_(False))
        .order_by(col(MeetingEdit.id).desc())
    ).first()


def version(session: Session, *, meeting_id: int, number: int) -> PlanVersion | None:
    """Return one version of a meeting's plan, or None."""
    return session.exec(
        select(PlanVersion).where(
            PlanVersion.meeting_id == meeting_id, col(PlanVersion.number) == number
        )
    ).first()


def _asked_statement() -> Any:
    asked = col(MeetingMessage.payload)["asked"].as_string()
    return (
        select(asked)
        .where(col(MeetingMessage.meeting_id) == _MEETING, asked.is_not(None))
        .order_by(col(MeetingMessage.id))
    )


_ASKED = _asked_statement()


def asked_domains(session: Session, meeting_id: int) -> tuple[str, ...]:
    """Return the domains the assistant has already asked about (read in SQL from the payload)."""
    found = session.exec(_ASKED, params={"meeting_id": meeting_id}).all()
    return tuple(str(domain) for domain in found if domain)
