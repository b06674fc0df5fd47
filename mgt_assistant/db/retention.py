"""Gallring and erasure in the database: the cases' clocks, and removing a set of cases.

Every function works on a set of application ids at once (a few statements per
table, never one per row), so a nightly run over thousands of cases stays short.
Deleting goes child before parent, as the foreign keys demand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from mgt_assistant.db.case_tables import CASE_CHILDREN, MEETING_CHILDREN
from mgt_assistant.db.models import (
    Application,
    Consent,
    FollowUpRecord,
    Meeting,
    PlanEnd,
    PlanEndIntervention,
    PlanVersion,
    SelfRating,
    UnmetNeedEntry,
    utcnow,
)
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.retention import CaseClock

# Ids per statement: far below SQLite's and PostgreSQL's limits on bound parameters.
CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _local_day(value: Any) -> date:
    return swedish_time.local(value).date()


def case_clocks(session: Session) -> list[CaseClock]:
    """Return the retention clock of every case not yet anonymised."""
    cases = session.execute(
        select(col(Application.id), col(Application.status), col(Application.updated_at))
        .where(col(Application.anonymised_at).is_(None))
        .order_by(col(Application.id))
    ).all()
    decided = set(
        session.execute(
            select(col(Meeting.application_id))
            .join(PlanVersion, col(PlanVersion.meeting_id) == col(Meeting.id))
            .distinct()
        ).scalars()
    )
    ends: dict[int, date] = {
        int(case): day
        for case, day in session.execute(
            select(col(PlanEnd.application_id), col(PlanEnd.end_date))
        ).all()
    }
    twelve = (
        select(col(PlanEnd.application_id), col(FollowUpRecord.answered_on))
        .join(FollowUpRecord, col(FollowUpRecord.plan_end_id) == col(PlanEnd.id))
        .where(col(FollowUpRecord.months) == 12)
    )
    followed: dict[int, date] = {int(case): day for case, day in session.execute(twelve).all()}
    # A case whose plan has ended carries the follow-up's figures even when its decided
    # versions are gone (or were never stored, as in imported history): keep them.
    decided |= ends.keys()
    revoked = _consent_ended(session)
    return [
        CaseClock(
            case_id=case_id,
            status=str(status.value if hasattr(status, "value") else status),
            last_changed=_local_day(updated_at),
            plan_decided=case_id in decided,
            ended_on=ends.get(case_id),
            follow_up_12_done_on=followed.get(case_id),
            consent_revoked_on=revoked.get(case_id),
        )
        for case_id, status, updated_at in cases
    ]


def _consent_ended(session: Session) -> dict[int, date]:
    """Return, per case whose consent no longer lets any party take part, the day it ended.

    Revoking one party's consent leaves the case running with the others; only when
    no party takes part any more (every consent revoked or run out) may nothing more
    be done with the case, and its retention clock starts.
    """
    today = swedish_time.today()
    latest: dict[int, date] = {}
    active: set[int] = set()
    rows = session.execute(
        select(
            col(Consent.application_id),
            col(Consent.included),
            col(Consent.valid_until),
            col(Consent.revoked_at),
        )
        .join(Application, col(Application.id) == col(Consent.application_id))
        .where(col(Application.anonymised_at).is_(None), col(Application.consent_obtained))
    ).all()
    for application_id, included, valid_until, revoked_at in rows:
        if not included:
            continue
        if revoked_at is not None:
            ended = _local_day(revoked_at)
        elif valid_until is not None and valid_until < today:
            ended = valid_until
        else:
            active.add(application_id)
            continue
        latest[application_id] = max(ended, latest.get(application_id, ended))
    return {case: day for case, day in latest.items() if case not in active}


def _count(session: Session, model: Any, where: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count()).select_from(model).where(where)).scalar_one())


def _meeting_ids(session: Session, ids: list[int]) -> list[int]:
    found = session.execute(
        select(col(Meeting.id)).where(col(Meeting.application_id).in_(ids))
    ).scalars()
    return [int(meeting_id) for meeting_id in found]


def _plan_end_ids(session: Session, ids: list[int]) -> list[int]:
    found = session.execute(
        select(col(PlanEnd.id)).where(col(PlanEnd.application_id).in_(ids))
    ).scalars()
    return [int(plan_end_id) for plan_end_id in found]


def personal_counts(session: Session, ids: Sequence[int], *, whole: bool) -> dict[str, int]:
    """Count the rows gallring removes for these cases (``whole``: their follow-up rows too)."""
    counts: dict[str, int] = {}

    def add(key: str, n: int) -> None:
        counts[key] = counts.get(key, 0) + n

    for chunk in _chunks(ids):
        for key, model in CASE_CHILDREN:
            add(key, _count(session, model, col(model.application_id).in_(chunk)))
        meetings = _meeting_ids(session, chunk)
        add("meetings", len(meetings))
        for part in _chunks(meetings):
            for key, model in MEETING_CHILDREN:
                add(key, _count(session, model, col(model.meeting_id).in_(part)))
            add(
                "plan_versions", _count(session, PlanVersion, col(PlanVersion.meeting_id).in_(part))
            )
        add(
            "unmet_needs_unlinked",
            _count(session, UnmetNeedEntry, col(UnmetNeedEntry.application_id).in_(chunk)),
        )
        if whole:
            ends = _plan_end_ids(session, chunk)
            add("plan_ends", len(ends))
            add(
                "self_ratings",
                _count(session, SelfRating, col(SelfRating.application_id).in_(chunk)),
            )
            for part in _chunks(ends):
                add(
                    "plan_end_interventions",
                    _count(
                        session, PlanEndIntervention, col(PlanEndIntervention.plan_end_id).in_(part)
                    ),
                )
                add(
                    "follow_ups",
                    _count(session, FollowUpRecord, col(FollowUpRecord.plan_end_id).in_(part)),
                )
    return counts


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def overwrite_removed_content(session: Session) -> None:
    """Make SQLite overwrite what this transaction deletes with zeros (call before removing).

    Without it the deleted text stays readable in the file's free pages until they are
    reused. PostgreSQL keeps dead rows until VACUUM (docs/data-protection.md).
    """
    if _is_sqlite(session):
        session.execute(text("PRAGMA secure_delete = ON"))


def flush_write_ahead_log(session: Session) -> None:
    """Empty SQLite's write-ahead log after gallring, where older copies of pages linger."""
    if _is_sqlite(session):
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        session.commit()


def remove_personal_rows(session: Session, ids: Sequence[int]) -> None:
    """Delete everything the cases' people and teams wrote, in the open transaction.

    Left: the application rows themselves and the follow-up rows (plan end, its
    interventions' outcomes, the 6- and 12-month answers, own ratings), which hold
    only categories and numbers. Unmet-need entries stay in the register unlinked.
    """
    for chunk in _chunks(ids):
        meetings = _meeting_ids(session, chunk)
        for part in _chunks(meetings):
            for _key, model in MEETING_CHILDREN:
                session.execute(delete(model).where(col(model.meeting_id).in_(part)))
            versions = select(col(PlanVersion.id)).where(col(PlanVersion.meeting_id).in_(part))
            session.execute(
                update(PlanEnd)
                .where(col(PlanEnd.plan_version_id).in_(versions))
                .values(plan_version_id=None)
            )
            session.execute(delete(PlanVersion).where(col(PlanVersion.meeting_id).in_(part)))
            session.execute(delete(Meeting).where(col(Meeting.id).in_(part)))
        for _key, model in CASE_CHILDREN:
            session.execute(delete(model).where(col(model.application_id).in_(chunk)))
        session.execute(
            update(UnmetNeedEntry)
            .where(col(UnmetNeedEntry.application_id).in_(chunk))
            .values(application_id=None)
        )


def anonymise_applications(session: Session, ids: Sequence[int]) -> None:
    """Empty every identifying and free-text field of these applications.

    Kept, because the follow-up counts them: status, gender, age band, home area,
    income source and paying party, time without work, education, the referring party
    and unit, the booleans of the checklist, and the days it was made and sent in
    (inflow per period; the plan's end day is kept on ``plan_end`` for the same reason).
    """
    now = utcnow()
    for chunk in _chunks(ids):
        session.execute(
            update(Application)
            .where(col(Application.id).in_(chunk))
            .values(
                person_name=None,
                personnummer=None,
                birth_year=None,
                referrer_name="",
                referrer_contact=None,
                goal="",
                own_resources_tried="",
                description="",
                alternative_suggestion=None,
                needs_read_at=None,
                updated_at=now,
                anonymised_at=now,
            )
        )


def delete_applications(session: Session, ids: Sequence[int]) -> None:
    """Delete these applications with their follow-up rows (after ``remove_personal_rows``)."""
    for chunk in _chunks(ids):
        ends = _plan_end_ids(session, chunk)
        for part in _chunks(ends):
            session.execute(
                delete(PlanEndIntervention).where(col(PlanEndIntervention.plan_end_id).in_(part))
            )
            session.execute(delete(FollowUpRecord).where(col(FollowUpRecord.plan_end_id).in_(part)))
        session.execute(delete(PlanEnd).where(col(PlanEnd.application_id).in_(chunk)))
        session.execute(delete(SelfRating).where(col(SelfRating.application_id).in_(chunk)))
        session.execute(delete(Application).where(col(Application.id).in_(chunk)))


def applications_of_person(session: Session, personnummer: str) -> list[Application]:
    """Return every application stored with this personnummer (normal form), oldest first."""
    query = (
        sqlmodel_select(Application)
        .where(col(Application.personnummer) == personnummer)
        .order_by(col(Application.id))
    )
    return list(session.exec(query).all())
