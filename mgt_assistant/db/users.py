"""Users, log-in sessions, failed-login counts and the audit log."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import TypedDict, Unpack

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, delete, func, select

from mgt_assistant.db.models import AuditEvent, AuthSession, LoginAttempt, Role, User, utcnow
from mgt_assistant.domain.parties import FINSAM_PARTIES

_hasher = PasswordHasher()
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Hash and verify with ``hasher`` from now on (the tests use cheap parameters)."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("not-a-real-password")


MIN_PASSWORD_LENGTH = 10


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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"lösenordet måste ha minst {MIN_PASSWORD_LENGTH} tecken")
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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, max_age_seconds: int) -> str:
    """Store a new log-in session and return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    if user.id is None:
        raise ValueError("user is not saved")
    session.exec(delete(AuthSession).where(col(AuthSession.expires_at) <= utcnow()))
    session.add(
        AuthSession(
            token_hash=_token_hash(token),
            user_id=user.id,
            expires_at=utcnow() + timedelta(seconds=max_age_seconds),
        )
    )
    session.commit()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """Return the active user of a valid session token, or None."""
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _token_hash(token))
    ).first()
    if row is None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def end_session(session: Session, token: str) -> None:
    """Forget a log-in session (log out)."""
    session.exec(delete(AuthSession).where(col(AuthSession.token_hash) == _token_hash(token)))
    session.commit()


def attempt_key(secret_key: str, username: str, client: str) -> str:
    """Key failed attempts by a keyed hash, so the table holds no plain identity."""
    message = f"{username.strip().lower()}|{client}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def too_many_failures(session: Session, key: str, limit: int, window_seconds: int) -> bool:
    """Tell whether this key has failed ``limit`` times within the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    count = session.exec(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.key_hash == key, col(LoginAttempt.at) >= since)
    ).one()
    return int(count) >= limit


def record_failure(session: Session, key: str, window_seconds: int) -> None:
    """Count one failed login, forgetting attempts older than the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < since))
    session.add(LoginAttempt(key_hash=key))
    session.commit()


def clear_failures(session: Session, key: str) -> None:
    """Forget failed logins after a successful one."""
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.key_hash) == key))
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
