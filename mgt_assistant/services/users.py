"""Accounts and logging in: the rate limit, the session token, and an audit row for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Unpack

from sqlmodel import Session, col, select

from mgt_assistant.db import users as store
from mgt_assistant.db.models import Role, User
from mgt_assistant.db.users import AccountDetails, add_audit
from mgt_assistant.settings import Settings

UserError = store.UserError
# The session dependency resolves the cookie with this on every request.
user_for_token = store.user_for_token


@dataclass(frozen=True)
class LoggedIn:
    """A successful login: who, and the token for the session cookie."""

    user: User
    token: str


def log_in(
    session: Session, *, username: str, password: str, client: str, settings: Settings
) -> LoggedIn | None:
    """Check the credentials under the rate limit; None (logged) when they do not hold."""
    key = store.attempt_key(settings.secret_key, username, client)
    limited = store.too_many_failures(
        session, key, settings.login_attempts_per_window, settings.login_window_seconds
    )
    user = None if limited else store.authenticate(session, username, password)
    if user is None:
        store.record_failure(session, key, settings.login_window_seconds)
        add_audit(session, "login_failed")
        session.commit()
        return None
    store.clear_failures(session, key)
    token = store.start_session(session, user, settings.session_max_age_seconds)
    add_audit(session, "login", user=user)
    session.commit()
    return LoggedIn(user, token)


def log_out(session: Session, *, token: str | None, user: User) -> None:
    """End the log-in session."""
    if token:
        store.end_session(session, token)
    add_audit(session, "logout", user=user)
    session.commit()


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
