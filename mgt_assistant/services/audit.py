"""Audit rows for events that change nothing else: reads of personal data, refusals, reloads."""

from __future__ import annotations

from sqlmodel import Session

from mgt_assistant.db.models import User
from mgt_assistant.db.users import add_audit


def record_event(
    session: Session,
    action: str,
    *,
    user: User | None,
    object_type: str | None = None,
    object_id: int | str | None = None,
) -> None:
    """Record that a user saw, was refused or switched something, and commit the row."""
    add_audit(session, action, user=user, object_type=object_type, object_id=object_id)
    session.commit()
