"""Accounts: creation with its audit row, and the list (logging in is in ``services.login``)."""

from __future__ import annotations

from typing import Unpack

from sqlmodel import Session, col, select

from mgt_assistant.db import users as store
from mgt_assistant.db.models import Role, User
from mgt_assistant.db.users import AccountDetails, add_audit

UserError = store.UserError
# The session dependency resolves the cookie with this on every request.
user_for_token = store.user_for_token


def create_account(
    session: Session,
    *,
    by: User | None,
    username: str,
    password: str,
    role: Role,
    **details: Unpack[AccountDetails],
) -> User:
    """Create an account and log who did it (None: the command line).

    :raise UserError: with a Swedish message when the details are not valid.
    """
    user = store.add_user(session, username=username, password=password, role=role, **details)
    add_audit(session, "user_created", user=by, object_type="user", object_id=user.id)
    session.commit()
    session.refresh(user)
    return user


def accounts(session: Session) -> list[User]:
    """Return every account by username."""
    return list(session.exec(select(User).order_by(col(User.username))).all())
