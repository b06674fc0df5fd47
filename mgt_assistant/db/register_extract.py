"""Everything stored about a set of cases, table by table, for a register extract (GDPR art. 15)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, SQLModel, col, select

from mgt_assistant.db.case_tables import CASE_RECORDS, MEETING_RECORDS
from mgt_assistant.db.models import (
    Application,
    AuditEvent,
    FollowUpRecord,
    Meeting,
    PlanEnd,
    PlanEndIntervention,
    PlanVersion,
    User,
)


def _rows(session: Session, model: Any, column: Any, ids: Sequence[int]) -> list[SQLModel]:
    if not ids:
        return []
    query = select(model).where(col(column).in_(list(ids))).order_by(col(model.id))
    return list(session.exec(query).all())


def case_records(session: Session, application_id: int) -> dict[str, list[SQLModel]]:
    """Return every stored row that belongs to one case, by category, oldest first."""
    application = session.get(Application, application_id)
    if application is None:
        return {}
    records: dict[str, list[SQLModel]] = {"applications": [application]}
    for key, model in CASE_RECORDS:
        records[key] = _rows(session, model, model.application_id, [application_id])
    meetings = _rows(session, Meeting, Meeting.application_id, [application_id])
    records["meetings"] = list(meetings)
    meeting_ids = [m.id for m in meetings if isinstance(m, Meeting) and m.id is not None]
    for key, model in MEETING_RECORDS:
        records[key] = _rows(session, model, model.meeting_id, meeting_ids)
    ends = _rows(session, PlanEnd, PlanEnd.application_id, [application_id])
    records["plan_ends"] = ends
    end_ids = [e.id for e in ends if isinstance(e, PlanEnd) and e.id is not None]
    records["plan_end_interventions"] = _rows(
        session, PlanEndIntervention, PlanEndIntervention.plan_end_id, end_ids
    )
    records["follow_ups"] = _rows(session, FollowUpRecord, FollowUpRecord.plan_end_id, end_ids)
    version_ids = [
        v.id for v in records["plan_versions"] if isinstance(v, PlanVersion) and v.id is not None
    ]
    records["audit_events"] = _audit_rows(session, application_id, meeting_ids, version_ids)
    return records


def _audit_rows(
    session: Session, application_id: int, meeting_ids: list[int], version_ids: list[int]
) -> list[SQLModel]:
    about = [("application", [application_id]), ("meeting", meeting_ids)]
    about.append(("plan_version", version_ids))
    conditions = [
        and_(
            col(AuditEvent.object_type) == kind,
            col(AuditEvent.object_id).in_([str(i) for i in ids]),
        )
        for kind, ids in about
        if ids
    ]
    query = select(AuditEvent).where(or_(*conditions)).order_by(col(AuditEvent.id))
    return list(session.exec(query).all())


def user_names(session: Session, user_ids: set[int]) -> dict[int, str]:
    """Return 'username (display name)' for each of these accounts."""
    if not user_ids:
        return {}
    found = session.exec(select(User).where(col(User.id).in_(sorted(user_ids)))).all()
    return {u.id: f"{u.username} ({u.display_name})" for u in found if u.id is not None}
