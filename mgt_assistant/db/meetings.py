"""Meetings in the database: loading state, the revision check, plan rows and the edit log.

Every change first claims the meeting's next revision with one conditional
UPDATE; a screen that loaded an older revision gets ``MeetingConflict`` and
nothing is written. The row lock the UPDATE takes serialises concurrent
writers on PostgreSQL; SQLite serialises writers anyway.

Exceptions: ``MeetingNotFound`` (LookupError) and ``MeetingConflict``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, delete, select, update

from mgt_assistant.db.consent import excluded_parties
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    ConsentEvent,
    Meeting,
    MeetingEdit,
    MeetingMessage,
    MeetingNeed,
    MeetingStatus,
    PlanRow,
    PlanVersion,
    User,
    utcnow,
)
from mgt_assistant.db.users import audit
from mgt_assistant.domain.meeting import NeedRecord, PlanItem
from mgt_assistant.domain.referral import stored_age_range
from mgt_assistant.domain.rules import Case, Referrer

RECENT_LIMIT = 20


class MeetingNotFound(LookupError):
    """No meeting with that id."""


class MeetingConflict(Exception):
    """The meeting changed after the screen was loaded; nothing was saved."""


def list_meetings(
    session: Session, *, today: date
) -> tuple[list[tuple[Meeting, Application]], list[tuple[Meeting, Application]]]:
    """Return (today's and upcoming, recent) meetings with their applications."""
    start = datetime.combine(today, time.min, tzinfo=UTC)
    query = select(Meeting, Application).where(Meeting.application_id == Application.id)
    upcoming = session.exec(
        query.where(col(Meeting.scheduled_at) >= start).order_by(col(Meeting.scheduled_at))
    ).all()
    recent = session.exec(
        query.where((col(Meeting.scheduled_at) < start) | col(Meeting.scheduled_at).is_(None))
        .order_by(col(Meeting.scheduled_at).desc(), col(Meeting.id).desc())
        .limit(RECENT_LIMIT)
    ).all()
    return [tuple(r) for r in upcoming], [tuple(r) for r in recent]  # type: ignore[misc]


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


def needs_of(session: Session, meeting_id: int) -> list[MeetingNeed]:
    """Return the needs picture's rows in the order they were found."""
    return list(
        session.exec(
            select(MeetingNeed)
            .where(MeetingNeed.meeting_id == meeting_id)
            .order_by(col(MeetingNeed.id))
        ).all()
    )


def rows_of(session: Session, meeting_id: int) -> list[PlanRow]:
    """Return the draft plan's rows in plan order."""
    return list(
        session.exec(
            select(PlanRow)
            .where(PlanRow.meeting_id == meeting_id)
            .order_by(col(PlanRow.position), col(PlanRow.id))
        ).all()
    )


def versions_of(session: Session, meeting_id: int) -> list[PlanVersion]:
    """Return the recorded decisions, newest first."""
    return list(
        session.exec(
            select(PlanVersion)
            .where(PlanVersion.meeting_id == meeting_id)
            .order_by(col(PlanVersion.number).desc())
        ).all()
    )


def edits_of(session: Session, meeting_id: int, limit: int = 5) -> list[MeetingEdit]:
    """Return the latest changes that can still be undone, newest first."""
    return list(
        session.exec(
            select(MeetingEdit)
            .where(MeetingEdit.meeting_id == meeting_id, col(MeetingEdit.undone).is_(False))
            .order_by(col(MeetingEdit.id).desc())
            .limit(limit)
        ).all()
    )


def need_records(needs: Iterable[MeetingNeed]) -> tuple[NeedRecord, ...]:
    """Turn stored needs into the core's records."""
    return tuple(
        NeedRecord(n.need_id, n.domain, n.status, n.review, n.evidence, n.message_id, n.id)
        for n in needs
    )


def plan_items(rows: Iterable[PlanRow]) -> tuple[PlanItem, ...]:
    """Turn stored plan rows into the core's items."""
    return tuple(
        PlanItem(
            intervention_id=r.intervention_id,
            party=r.party,
            unit=r.unit,
            lane=r.lane,
            phase=r.phase,
            start_week=r.start_week,
            weeks=r.weeks,
            why=r.why,
            contact_person=r.contact_person,
            status=r.status,
            rule_id=r.rule_id,
        )
        for r in rows
    )


def item_to_json(item: PlanItem) -> dict[str, Any]:
    """Return a plan item as JSON-ready data (edit log, snapshots)."""
    return asdict(item)


def item_from_json(data: dict[str, Any]) -> PlanItem:
    """Read a plan item written by ``item_to_json``."""
    return PlanItem(**data)


def replace_rows(session: Session, *, meeting_id: int, items: Sequence[PlanItem]) -> None:
    """Store a new draft plan in place of the old one (the caller commits)."""
    session.exec(delete(PlanRow).where(col(PlanRow.meeting_id) == meeting_id))
    for position, item in enumerate(items):
        session.add(PlanRow(meeting_id=meeting_id, position=position, **asdict(item)))


def record_edit(
    session: Session, *, meeting_id: int, by: User, summary: str, before: dict[str, Any]
) -> None:
    """Log a change with what it replaced, so that 'ångra' can restore it."""
    session.add(
        MeetingEdit(meeting_id=meeting_id, user_id=by.id, summary=summary[:500], before=before)
    )


def undo_last(session: Session, *, meeting_id: int) -> str | None:
    """Restore what the latest change replaced; return its summary, or None if none is left."""
    edit = session.exec(
        select(MeetingEdit)
        .where(MeetingEdit.meeting_id == meeting_id, col(MeetingEdit.undone).is_(False))
        .order_by(col(MeetingEdit.id).desc())
    ).first()
    if edit is None:
        return None
    before = edit.before
    if "rows" in before:
        items = [item_from_json(row) for row in before["rows"]]
        replace_rows(session, meeting_id=meeting_id, items=items)
    for need_id, review in before.get("reviews", {}).items():
        need = session.get(MeetingNeed, int(need_id))
        if need is not None and need.meeting_id == meeting_id:
            need.review = review
            session.add(need)
    for need_id in before.get("added_needs", []):
        need = session.get(MeetingNeed, int(need_id))
        if need is not None and need.meeting_id == meeting_id:
            session.delete(need)
    if "goal" in before:
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None:
            meeting.person_goal = before["goal"]
            session.add(meeting)
    edit.undone = True
    session.add(edit)
    return edit.summary


def asked_domains(messages: Iterable[MeetingMessage]) -> tuple[str, ...]:
    """Return the domains the assistant has already asked about."""
    return tuple(str(m.payload["asked"]) for m in messages if m.payload and m.payload.get("asked"))


def base_case(session: Session, application: Application, today: date) -> Case:
    """Return what the recommender knows about the case apart from the needs."""
    age = today.year - application.birth_year if application.birth_year else None
    excluded = (
        frozenset[str]()
        if application.anonymous or application.id is None
        else excluded_parties(session, application.id)
    )
    return Case(
        age=age,
        # The same possible age as the case page's pre-check, so both give one verdict.
        age_range=stored_age_range(
            personnummer=application.personnummer,
            birth_year=application.birth_year,
            age_band=application.age_band,
            today=today,
        ),
        referrer=Referrer(
            application.referrer_party, application.referrer_unit, application.referrer_name
        ),
        income_source=application.income_source,
        consent_given=True if application.anonymous else application.consent_obtained,
        excluded_parties=excluded,
        own_resources_tried=bool(application.own_resources_tried.strip()) or None,
    )


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
    if not anonymous:
        for party in consent_parties:
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
    session.commit()
    session.refresh(meeting)
    audit(session, "meeting_created", user=by, object_type="meeting", object_id=meeting.id)
    return meeting
