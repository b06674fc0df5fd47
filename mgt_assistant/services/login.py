"""Logging in and out, throttled failures, a user's own sessions and password change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from mgt_assistant.db import users as store
from mgt_assistant.db.models import AuthSession, User, utcnow
from mgt_assistant.db.users import AttemptKeys, add_audit
from mgt_assistant.settings import Settings

UserError = store.UserError


@dataclass(frozen=True)
class LoggedIn:
    """A successful login: who, and the token for the session cookie."""

    user: User
    token: str


@dataclass(frozen=True)
class Refused:
    """A refused login; ``throttled`` when a failure limit stopped it before the password."""

    throttled: bool


@dataclass(frozen=True)
class SessionLine:
    """One of a user's log-in sessions, as "Dina inloggningar" lists it."""

    id: int
    started: datetime
    last_seen: datetime
    current: bool


def _throttled(session: Session, keys: AttemptKeys, settings: Settings) -> bool:
    # The same counters for every name, existing or not, so a refusal tells nothing about it.
    since = utcnow() - timedelta(seconds=settings.login_window_seconds)
    limits = (
        (keys.pair, settings.login_attempts_per_window),
        (keys.account, settings.login_attempts_per_account),
        (keys.address, settings.login_attempts_per_address),
    )
    return any(store.failures_since(session, key, since) >= limit for key, limit in limits)


def log_in(
    session: Session, *, username: str, password: str, client: str, settings: Settings
) -> LoggedIn | Refused:
    """Check the credentials under the three failure limits; log the outcome."""
    keys = store.attempt_keys(settings.secret_key, username, client)
    if _throttled(session, keys, settings):
        # Not counted again: a flood adds no rows, and the limit lifts when the window passes.
        add_audit(session, "login_throttled")
        session.commit()
        return Refused(throttled=True)
    user = store.authenticate(session, username, password)
    if user is None:
        store.record_failure(session, keys, settings.login_window_seconds)
        add_audit(session, "login_failed")
        session.commit()
        return Refused(throttled=False)
    store.clear_failures(session, keys)
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


def session_lines(session: Session, user: User, token: str | None) -> list[SessionLine]:
    """Return the user's log-in sessions, this browser's marked."""
    return [_line(row, token) for row in store.sessions_of(session, user)]


def _line(row: AuthSession, token: str | None) -> SessionLine:
    if row.id is None:
        raise ValueError("session is not saved")
    return SessionLine(
        id=row.id,
        started=row.created_at,
        last_seen=row.last_seen_at or row.created_at,
        current=store.is_current(row, token),
    )


def end_other_sessions(session: Session, *, user: User, token: str | None) -> int:
    """End every log-in session of the user but this browser's; return how many ended."""
    ended = store.end_other_sessions(session, user, token)
    add_audit(session, "sessions_ended", user=user, object_type="user", object_id=user.id)
    session.commit()
    return ended


def change_password(
    session: Session, *, user: User, current: str, new: str, client: str, settings: Settings
) -> str:
    """Change the user's own password, end all their sessions and start a new one.

    A wrong current password counts as a failed log-in, so a borrowed session
    cannot be used to guess it.

    :return: the token for this browser's new session.
    :raise UserError: in Swedish when the current password is wrong or the new one weak.
    """
    keys = store.attempt_keys(settings.secret_key, user.username, client)
    if _throttled(session, keys, settings):
        raise UserError("För många felaktiga försök. Vänta några minuter och försök igen.")
    if store.authenticate(session, user.username, current) is None:
        store.record_failure(session, keys, settings.login_window_seconds)
        add_audit(session, "password_change_failed", user=user)
        session.commit()
        raise UserError("Det nuvarande lösenordet stämmer inte.")
    if new == current:
        raise UserError("Det nya lösenordet måste skilja sig från det nuvarande.")
    store.set_password(session, user, new)
    add_audit(session, "password_changed", user=user, object_type="user", object_id=user.id)
    session.commit()
    return store.start_session(session, user, settings.session_max_age_seconds)
