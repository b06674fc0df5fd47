"""Tables. Every timestamp is aware UTC (SQLModel stores it alike on SQLite and PostgreSQL).

Later areas (cases, applications, consent, meetings, plans, follow-up) add their
tables here or in sibling modules, each with its own Alembic migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Enum
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class Role(StrEnum):
    """What a user may do; checked by the web dependencies."""

    ADMIN = "admin"
    MGT = "mgt"
    REMITTENT = "remittent"
    STYRGRUPP = "styrgrupp"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Administratör",
    Role.MGT: "MGT-medlem",
    Role.REMITTENT: "Remittent",
    Role.STYRGRUPP: "Styrgrupp",
}


class UserBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=120)
    role: Role = Field(
        # Stored as the plain value in a VARCHAR, the same on SQLite and PostgreSQL.
        sa_type=Enum(
            Role,
            native_enum=False,
            length=16,
            values_callable=lambda roles: [role.value for role in roles],
        )
    )
    party: str | None = Field(default=None, max_length=16)
    unit: str | None = Field(default=None, max_length=120)
    active: bool = True


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A logged-in browser; the cookie holds a token whose hash is stored here."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class LoginAttempt(SQLModel, table=True):
    """A failed login, kept in the database so every worker sees the same count."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    # A keyed hash of username and client address: the table holds no plain identity.
    key_hash: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class AuditEvent(SQLModel, table=True):
    """Who did what to which object, for the access log the data controller must keep."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=64)
    object_type: str | None = Field(default=None, max_length=64)
    object_id: str | None = Field(default=None, max_length=64)
