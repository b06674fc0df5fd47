"""Applications in the database: who may know which application exists, and its meeting."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, ApplicationStatus, Meeting, Role, User


def visible_applications(session: Session, *, user: User) -> list[Application]:
    """Return a referrer's own applications, or every submitted one for the team and admins."""
    query = select(Application).order_by(col(Application.id).desc())
    if user.role is Role.REMITTENT:
        query = query.where(Application.referrer_user_id == user.id)
    else:
        query = query.where(Application.status != ApplicationStatus.DRAFT)
    return list(session.exec(query).all())


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
