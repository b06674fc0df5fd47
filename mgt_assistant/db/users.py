"""Users, log-in sessions, failed-login counts and the audit log."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict, Unpack

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, delete, func, select, update

from mgt_assistant.db.models import AuditEvent, AuthSession, LoginAttempt, Role, User, utcnow
from mgt_assistant.domain.parties import FINSAM_PARTIES
from mgt_assistant.domain.passwords import password_problem

_hasher = PasswordHasher()
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Hash and verify with ``hasher`` from now on (the tests use cheap parameters)."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("not-a-real-password")


# A session's "last seen" is written at most this often: a write per request would
# contend with real changes on SQLite.
SEEN_EVERY = timedelta(minutes=5)


class UserError(ValueError):
    """A user cannot be created as asked; the message is Swedish."""


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


class AccountDetails(TypedDict, total=False):
    """What an account may have besides its username, password and role."""

    display_name: str | None
    party: str | None
    unit: str | None


def add_user(
    session: Session, *, username: str, password: str, role: Role, **details: Unpack[AccountDetails]
) -> User:
    """Add a local account to the open transaction; raise UserError (Swedish) if invalid."""
    display_name = details.get("display_name")
    party = details.get("party")
    unit = details.get("unit")
    username = username.strip().lower()
    if not username or len(username) > 64 or not username.replace(".", "").isalnum():
        raise UserError("användarnamnet får bara innehålla bokstäver, siffror och punkt")
    problem = password_problem(password, [username, display_name or ""])
    if problem is not None:
        raise UserError(problem)
    if role is Role.REMITTENT and party not in FINSAM_PARTIES:
        raise UserError("en remittent måste höra till en part: " + ", ".join(FINSAM_PARTIES))
    if party is not None and party not in FINSAM_PARTIES:
        raise UserError(f"okänd part '{party}'")
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise UserError(f"användaren '{username}' finns redan")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        party=party,
        unit=unit,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def create_user(
    session: Session, *, username: str, password: str, role: Role, **details: Unpack[AccountDetails]
) -> User:
    """Create and commit a local account (fixtures and demo data; use cases add an audit row)."""
    user = add_user(session, username=username, password=password, role=role, **details)
    session.commit()
    session.refresh(user)
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """Return the active user with this username and password, else None."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    try:
        if user is None or not user.active:
            _hasher.verify(_DUMMY_HASH, password)
            return None
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def set_password(session: Session, user: User, password: str, *, temporary: bool = False) -> None:
    """Give ``user`` a new password in the open transaction and end all their sessions.

    A temporary password (set by an admin) must be changed at the next log-in.

    :raise UserError: with a Swedish message when the password is too weak.
    """
    problem = password_problem(password, [user.username, user.display_name])
    if problem is not None:
        raise UserError(problem)
    user.password_hash = hash_password(password)
    user.must_change_password = temporary
    session.add(user)
    end_sessions(session, user)


def end_sessions(session: Session, user: User) -> None:
    """Delete every log-in session of ``user`` in the open transaction (the caller commits)."""
    session.exec(delete(AuthSession).where(col(AuthSession.user_id) == user.id))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, max_age_seconds: int) -> str:
    """Store a new log-in session and return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    if user.id is None:
        raise ValueError("user is not saved")
    session.exec(delete(AuthSession).where(col(AuthSession.expires_at) <= utcnow()))
    now = utcnow()
    # Seen at log-in: the first page after it does not write (and wait for the lock) again.
    session.add(
        AuthSession(
            token_hash=_token_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(seconds=max_age_seconds),
        )
    )
    session.commit()
    return token


# Read on every request: built once, the token's hash bound per call.
_SESSION_BY_TOKEN = select(AuthSession).where(
    col(AuthSession.token_hash) == bindparam("token_hash")
)


def session_for_token(session: Session, token: str) -> AuthSession | None:
    """Return the unexpired log-in session of a token, or None."""
    row = session.exec(_SESSION_BY_TOKEN, params={"token_hash": _token_hash(token)}).first()
    return None if row is None or row.expires_at <= utcnow() else row


def user_for_token(session: Session, token: str) -> User | None:
    """Return the active user of a valid session token (noting that it was seen), or None."""
    row = session_for_token(session, token)
    if row is None:
        return None
    user_id = row.user_id
    # Before loading the user: the commit expires what the session holds.
    _note_seen(session, row)
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def _note_seen(session: Session, row: AuthSession) -> None:
    now = utcnow()
    if row.last_seen_at is not None and now - row.last_seen_at < SEEN_EVERY:
        return
    try:
        session.exec(
            update(AuthSession).where(col(AuthSession.id) == row.id).values(last_seen_at=now)
        )
        session.commit()
    except OperationalError:
        # Best effort: a busy SQLite file must not turn a page view into an error.
        session.rollback()


def end_session(session: Session, token: str) -> None:
    """Forget a log-in session (log out)."""
    session.exec(delete(AuthSession).where(col(AuthSession.token_hash) == _token_hash(token)))
    session.commit()


def sessions_of(session: Session, user: User) -> list[AuthSession]:
    """Return the user's unexpired log-in sessions, the most recent first."""
    rows = session.exec(
        select(AuthSession)
        .where(AuthSession.user_id == user.id, col(AuthSession.expires_at) > utcnow())
        .order_by(col(AuthSession.created_at).desc())
    ).all()
    return list(rows)


def end_other_sessions(session: Session, user: User, keep_token: str | None) -> int:
    """Delete the user's sessions except the one of ``keep_token`` (caller commits); count them."""
    keep = _token_hash(keep_token) if keep_token else ""
    others = [row for row in sessions_of(session, user) if row.token_hash != keep]
    for row in others:
        session.delete(row)
    return len(others)


def is_current(row: AuthSession, token: str | None) -> bool:
    """Tell whether a session row belongs to this cookie's token."""
    return token is not None and hmac.compare_digest(row.token_hash, _token_hash(token))


@dataclass(frozen=True)
class AttemptKeys:
    """Keyed hashes that count failed log-ins: the table holds no plain name or address."""

    pair: str
    account: str
    address: str


def _keyed(secret_key: str, message: str) -> str:
    return hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def attempt_keys(secret_key: str, username: str, client: str) -> AttemptKeys:
    """Return the three counters one failed log-in adds to."""
    name = username.strip().lower()
    return AttemptKeys(
        pair=_keyed(secret_key, f"{name}|{client}"),
        account=_keyed(secret_key, f"account|{name}"),
        address=_keyed(secret_key, f"address|{client}"),
    )


def failures_since(session: Session, key: str, since: datetime) -> int:
    """Count this key's failed log-ins since a moment."""
    count = session.exec(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.key_hash == key, col(LoginAttempt.at) >= since)
    ).one()
    return int(count)


def record_failure(session: Session, keys: AttemptKeys, window_seconds: int) -> None:
    """Count one failed log-in on all three keys, forgetting attempts older than the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < since))
    for key in (keys.pair, keys.account, keys.address):
        session.add(LoginAttempt(key_hash=key))
    session.commit()


def clear_failures(session: Session, keys: AttemptKeys) -> None:
    """Forget this name's failures after a log-in (not the address's: others share it)."""
    session.exec(
        delete(LoginAttempt).where(col(LoginAttempt.key_hash).in_([keys.pair, keys.account]))
    )
    session.commit()


def add_audit(
    session: Session,
    action: str,
    *,
    user: User | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
) -> None:
    """Add one event to the audit log in the open transaction (the caller commits)."""
    session.add(
        AuditEvent(
            action=action,
            user_id=user.id if user is not None else None,
            object_type=object_type,
            object_id=str(object_id) if object_id is not None else None,
        )
    )
