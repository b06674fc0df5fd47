"""Applications in the database: who may know which exists, their needs and their meeting."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from mgt_assistant.db.models import (
    EVIDENCE_MAX,
    Application,
    ApplicationNeed,
    ApplicationStatus,
    Meeting,
    Role,
    User,
)
from mgt_assistant.domain.needs import NeedMention, NeedStatus


def applications_query() -> SelectOfScalar[Application]:
    """Return the query of every application, newest first (filter it by the access rule)."""
    return select(Application).order_by(col(Application.id).desc())


def find_application(session: Session, *, user: User, application_id: int) -> Application | None:
    """Return the application if this user may know it exists (consent is checked apart)."""
    application = session.get(Application, application_id)
    if application is None:
        return None
    if application.referrer_user_id == user.id:
        return application
    if user.role is Role.REMITTENT or application.status is ApplicationStatus.DRAFT:
        return None
    return application


def meeting_for(session: Session, *, application_id: int) -> Meeting | None:
    """Return the latest meeting booked for an application, if any."""
    return session.exec(
        select(Meeting)
        .where(Meeting.application_id == application_id)
        .order_by(col(Meeting.id).desc())
    ).first()


def stored_needs(session: Session, application_id: int) -> list[NeedMention]:
    """Return the needs read from an application's description, in text order."""
    rows = session.exec(
        select(ApplicationNeed)
        .where(ApplicationNeed.application_id == application_id)
        .order_by(col(ApplicationNeed.start), col(ApplicationNeed.id))
    ).all()
    return [
        NeedMention(
            domain=row.domain,
            id=row.need_id,
            label=row.label,
            status=NeedStatus(row.status),
            evidence=row.evidence,
            start=row.start,
            end=row.end,
            score=row.score,
        )
        for row in rows
    ]


def save_needs(session: Session, application_id: int, needs: Iterable[NeedMention]) -> None:
    """Store the needs read from an application in place of earlier ones (caller commits)."""
    session.exec(
        delete(ApplicationNeed).where(col(ApplicationNeed.application_id) == application_id)
    )
    for need in needs:
        session.add(
            ApplicationNeed(
                application_id=application_id,
                need_id=need.id,
                domain=need.domain,
                label=need.label[:200],
                status=str(need.status),
                evidence=need.evidence[:EVIDENCE_MAX],
                start=need.start,
                end=need.end,
                score=need.score,
            )
        )
