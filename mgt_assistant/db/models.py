"""Tables. Every timestamp is aware UTC (SQLModel stores it alike on SQLite and PostgreSQL).

Later areas (cases, applications, consent, meetings, plans, follow-up) add their
tables here or in sibling modules, each with its own Alembic migration.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, UniqueConstraint
from sqlmodel import Field, SQLModel

# How much of the quoted text behind a need or signal is stored; longer quotes are cut.
EVIDENCE_MAX = 1000


def utcnow() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def _str_enum(enum: type[StrEnum], length: int) -> Enum:
    # Stored as the plain value in a VARCHAR, the same on SQLite and PostgreSQL.
    return Enum(
        enum, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


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
    role: Role = Field(sa_type=_str_enum(Role, 16))
    party: str | None = Field(default=None, max_length=16)
    unit: str | None = Field(default=None, max_length=120)
    active: bool = True
    # Set when an admin resets the password: the user must choose a new one before anything else.
    must_change_password: bool = False


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
    # Updated at most every few minutes (db.users.SEEN_EVERY), for "Dina inloggningar".
    last_seen_at: datetime | None = None


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


# --- Cases: the referrer's application, consent per party, and its log ---------------


class ApplicationStatus(StrEnum):
    """The lifecycle of an application (ärende) to the MGT."""

    DRAFT = "utkast"
    SUBMITTED = "inskickad"
    RECEIVED = "mottagen"
    BOOKED = "bokad"
    PLAN_DECIDED = "plan_beslutad"
    FOLLOW_UP = "uppfoljning"
    CLOSED = "avslutad"
    NOT_RELEVANT = "ej_aktuell"


APPLICATION_STATUS_LABELS: dict[ApplicationStatus, str] = {
    ApplicationStatus.DRAFT: "Utkast",
    ApplicationStatus.SUBMITTED: "Inskickad",
    ApplicationStatus.RECEIVED: "Mottagen",
    ApplicationStatus.BOOKED: "Bokad",
    ApplicationStatus.PLAN_DECIDED: "Plan beslutad",
    ApplicationStatus.FOLLOW_UP: "Uppföljning",
    ApplicationStatus.CLOSED: "Avslutad",
    ApplicationStatus.NOT_RELEVANT: "Ej aktuell",
}


class Application(SQLModel, table=True):
    """A referral to the MGT; the case the meeting, plan and follow-up belong to.

    An anonymous consultation is an application with ``anonymous`` set and no
    identifying fields (no name, no personnummer, only an age band).
    """

    id: int | None = Field(default=None, primary_key=True)
    status: ApplicationStatus = Field(
        default=ApplicationStatus.DRAFT, sa_type=_str_enum(ApplicationStatus, 20), index=True
    )
    anonymous: bool = False
    # The person.
    person_name: str | None = Field(default=None, max_length=200)
    personnummer: str | None = Field(default=None, max_length=13)
    birth_year: int | None = None
    age_band: str | None = Field(default=None, max_length=16)
    gender: str | None = Field(default=None, max_length=16)
    home_area: str | None = Field(default=None, max_length=16)
    income_source: str | None = Field(default=None, max_length=64)
    paying_party: str | None = Field(default=None, max_length=16)
    time_without_work: str | None = Field(default=None, max_length=32)
    education_level: str | None = Field(default=None, max_length=32)
    # The referrer, who stays the responsible case officer and owns the plan.
    referrer_user_id: int = Field(foreign_key="user.id", index=True)
    referrer_party: str = Field(max_length=16)
    referrer_unit: str | None = Field(default=None, max_length=120)
    referrer_name: str = Field(max_length=200)
    referrer_contact: str | None = Field(default=None, max_length=200)
    # The application itself.
    goal: str = Field(default="", max_length=4000)
    own_resources_tried: str = Field(default="", max_length=4000)
    description: str = Field(default="", max_length=20000)
    brings_companion: bool = False
    person_informed: bool = False
    payer_informed_and_approved: bool = False
    consent_obtained: bool = False
    # The MGT's answer when it judges the application not relevant now.
    alternative_suggestion: str | None = Field(default=None, max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)
    # When the description was last read for needs (see ApplicationNeed); None: not yet.
    needs_read_at: datetime | None = None
    # When gallring or an erasure removed everything that identifies the person; the
    # row then holds only what the follow-up counts (see services.retention).
    anonymised_at: datetime | None = None


class ApplicationNeed(SQLModel, table=True):
    """A need read from an application's description, with the words it was read from.

    Read once when the application is saved; the pre-check, the case page and the
    booked meeting all use these rows instead of reading the text again.
    """

    __tablename__ = "application_need"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    need_id: str = Field(max_length=64)
    domain: str = Field(max_length=32)
    label: str = Field(max_length=200)
    # present, negated, historical, uncertain, other_person.
    status: str = Field(max_length=16)
    evidence: str = Field(max_length=EVIDENCE_MAX)
    start: int
    end: int
    score: float


class Consent(SQLModel, table=True):
    """The person's consent for one party (or one unit of it) to take part."""

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    party: str = Field(max_length=16)
    unit: str | None = Field(default=None, max_length=120)
    included: bool = True
    given_on: date | None = None
    valid_until: date | None = None
    revoked_at: datetime | None = None
    revoked_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class ConsentEvent(SQLModel, table=True):
    """One change of consent, kept for ever: who recorded what, and when."""

    __tablename__ = "consent_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    party: str | None = Field(default=None, max_length=16)
    unit: str | None = Field(default=None, max_length=120)
    action: str = Field(max_length=32)
    note: str | None = Field(default=None, max_length=1000)


# --- Meetings: conversation, needs picture, the draft plan and its saved versions ----


class MeetingStatus(StrEnum):
    """Where a mapping meeting stands."""

    PLANNED = "planerat"
    ONGOING = "pagaende"
    DECIDED = "beslutat"
    CANCELLED = "installt"


class Meeting(SQLModel, table=True):
    """A mapping meeting for one application (or an anonymous consultation).

    ``revision`` grows with every change to the meeting's state; edits carry the
    revision they were made against, so two screens never overwrite each other.
    """

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    scheduled_at: datetime | None = Field(default=None, index=True)
    status: MeetingStatus = Field(
        default=MeetingStatus.PLANNED, sa_type=_str_enum(MeetingStatus, 16)
    )
    person_goal: str = Field(default="", max_length=4000)
    revision: int = 0
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class MeetingMessage(SQLModel, table=True):
    """One line of the conversation: what a participant said, or the assistant's answer."""

    __tablename__ = "meeting_message"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    author_user_id: int | None = Field(default=None, foreign_key="user.id")
    # individen, remittent, af, fk, region, kommun, ovrig, or assistent.
    speaker: str = Field(max_length=16)
    text: str = Field(max_length=20000)
    # The assistant's structured reading (needs found, proposals), as JSON.
    payload: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class MeetingNeed(SQLModel, table=True):
    """A need in the meeting's needs picture, detected from text or added by hand."""

    __tablename__ = "meeting_need"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    need_id: str = Field(max_length=64)
    domain: str = Field(max_length=32)
    # present, negated, historical, uncertain, other_person.
    status: str = Field(max_length=16)
    # detected (not yet judged), confirmed, rejected, manual.
    review: str = Field(default="detected", max_length=16)
    message_id: int | None = Field(default=None, foreign_key="meeting_message.id")
    evidence: str | None = Field(default=None, max_length=EVIDENCE_MAX)
    start: int | None = None
    end: int | None = None
    score: float | None = None


class MeetingSignal(SQLModel, table=True):
    """An alert, service in place, diagnosis or income source read in the meeting, with its words.

    Reviewed like a need: the team confirms or rejects it; a rejected one never reaches the case.
    """

    __tablename__ = "meeting_signal"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    # alert, in_place, diagnosis, income.
    kind: str = Field(max_length=16)
    signal_id: str = Field(max_length=64)
    # present, negated, historical, uncertain, other_person.
    status: str = Field(max_length=16)
    # detected (not yet judged), confirmed, rejected.
    review: str = Field(default="detected", max_length=16)
    message_id: int | None = Field(default=None, foreign_key="meeting_message.id")
    evidence: str = Field(default="", max_length=EVIDENCE_MAX)
    start: int | None = None
    end: int | None = None


class MeetingAlertHandled(SQLModel, table=True):
    """An acute alert the team marked handled outside MGT: who and when (the plan may then grow)."""

    __tablename__ = "meeting_alert_handled"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    kind: str = Field(max_length=32)
    handled_at: datetime = Field(default_factory=utcnow)
    handled_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class PlanRowRecord(SQLModel, table=True):
    """One stored row of the meeting's draft plan (the core's ``PlanItem`` plus its place)."""

    __tablename__ = "plan_row"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    intervention_id: str = Field(max_length=64)
    party: str = Field(max_length=16)
    unit: str | None = Field(default=None, max_length=120)
    contact_person: str | None = Field(default=None, max_length=200)
    # The contact person's phone, printed for the person (issue 13).
    contact_phone: str | None = Field(default=None, max_length=40)
    lane: str = Field(max_length=16)
    phase: str = Field(max_length=16)
    start_week: int = 0
    weeks: int = 1
    # foreslagen, planerad, pagaende, klar, struken.
    status: str = Field(default="foreslagen", max_length=16)
    why: str = Field(default="", max_length=2000)
    rule_id: str | None = Field(default=None, max_length=64)
    position: int = 0


class PlanRowRemoval(SQLModel, table=True):
    """An intervention the team took out of the plan: proposals leave it out until added back."""

    __tablename__ = "plan_row_removal"
    __table_args__ = (UniqueConstraint("meeting_id", "intervention_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    intervention_id: str = Field(max_length=64)
    removed_at: datetime = Field(default_factory=utcnow)
    removed_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class MeetingEdit(SQLModel, table=True):
    """One change to a meeting's needs, goal or plan, with what it replaced, for undo."""

    __tablename__ = "meeting_edit"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    summary: str = Field(max_length=500)
    # The state the change replaced: plan rows, need reviews, added needs or the goal.
    before: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    undone: bool = False


class PlanVersion(SQLModel, table=True):
    """A recorded decision: a frozen copy of the plan with who, when and the rules used."""

    __tablename__ = "plan_version"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    number: int
    created_at: datetime = Field(default_factory=utcnow)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    decision_date: date
    attendees: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    person_took_part: bool = False
    person_agrees: bool = False
    rule_set_version: str = Field(max_length=64)
    rule_set_hash: str = Field(max_length=64)
    planned_end: date | None = None
    follow_up_6m: date | None = None
    follow_up_12m: date | None = None
    # Rows, needs picture, goal and owner as they were decided.
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


# --- Follow-up: how a plan ended, 6/12-month answers, own ratings, unmet needs -------


class PlanEnd(SQLModel, table=True):
    """How a case's plan ended; the results page counts these rows with GROUP BY."""

    __tablename__ = "plan_end"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", unique=True, index=True)
    plan_version_id: int | None = Field(default=None, foreign_key="plan_version.id")
    start_date: date | None = None
    end_date: date = Field(index=True)
    end_reason: str = Field(max_length=64, index=True)
    income_source_at_end: str = Field(max_length=64)
    # Age band at the start of the plan (export "Åldersgrupp"); "okand" when not known.
    age_group: str = Field(default="okand", max_length=16)
    due_6m: date = Field(index=True)
    due_12m: date = Field(index=True)
    recorded_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class PlanEndIntervention(SQLModel, table=True):
    """How one intervention of an ended plan went: fullföljd, avbruten or inte påbörjad."""

    __tablename__ = "plan_end_intervention"

    id: int | None = Field(default=None, primary_key=True)
    plan_end_id: int = Field(foreign_key="plan_end.id", index=True)
    intervention_id: str = Field(max_length=64, index=True)
    outcome: str = Field(max_length=16)


class FollowUpRecord(SQLModel, table=True):
    """A follow-up 6 or 12 months after the end: the result and the income source then."""

    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("plan_end_id", "months"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_end_id: int = Field(foreign_key="plan_end.id", index=True)
    months: int
    result: str = Field(max_length=16)
    income_source: str = Field(max_length=64)
    answered_on: date
    recorded_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class SelfRating(SQLModel, table=True):
    """The person's own rating of one item (1–10) at start, after 8 weeks or at the end."""

    __tablename__ = "self_rating"
    __table_args__ = (UniqueConstraint("application_id", "occasion", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    # start, 8_veckor, avslut.
    occasion: str = Field(max_length=16)
    item: str = Field(max_length=32)
    score: int
    recorded_on: date
    recorded_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class UnmetNeedEntry(SQLModel, table=True):
    """A need no partner could meet ("Behov utan insats"): no names, only a short text."""

    __tablename__ = "unmet_need"

    id: int | None = Field(default=None, primary_key=True)
    # The case it came from, for the team only; never shown in the register.
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    need_id: str = Field(max_length=64)
    party: str = Field(max_length=16)
    kind: str = Field(max_length=24)
    text: str = Field(max_length=280)
    recorded_on: date = Field(index=True)
    recorded_by_user_id: int | None = Field(default=None, foreign_key="user.id")


# --- Data protection: what gallring and erasures removed (counts, never contents) ----


class DataRemoval(SQLModel, table=True):
    """One gallring run or one erasure: who, when, and how many rows of each kind it removed."""

    __tablename__ = "data_removal"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    # gallring (the retention run) or radering (one case erased by an admin).
    kind: str = Field(max_length=16)
    cases_deleted: int = 0
    cases_anonymised: int = 0
    # Rows removed or emptied per category, e.g. {"meddelanden": 12}; numbers only.
    counts: dict[str, int] = Field(default_factory=dict, sa_type=JSON)


# --- Rule-set governance: every distinct content of rules/ with its files and approval --


class RuleVersionStatus(StrEnum):
    """A stored rule set's lifecycle; "aktiv" and "ersatt" follow from dates and approvals."""

    DRAFT = "utkast"
    REVIEW = "granskning"
    APPROVED = "godkand"


class RuleSetVersion(SQLModel, table=True):
    """One distinct content of rules/ (by hash): who brought it, its review and approval."""

    __tablename__ = "rule_set_version"

    id: int | None = Field(default=None, primary_key=True)
    hash: str = Field(max_length=64, unique=True, index=True)
    version: str = Field(max_length=64)
    label: str = Field(max_length=200)
    status: RuleVersionStatus = Field(
        default=RuleVersionStatus.DRAFT, sa_type=_str_enum(RuleVersionStatus, 16)
    )
    source: str = Field(max_length=16)
    imported_at: datetime = Field(default_factory=utcnow)
    imported_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime | None = None
    approved_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    minutes_reference: str | None = Field(default=None, max_length=120)
    effective_from: date | None = None
    # The steering group's note when a version is sent back to draft.
    review_note: str | None = Field(default=None, max_length=2000)
    # Demo mode only: a draft the team may try in meetings, with a banner on each proposal.
    demo_trial: bool = False
    # The what-if replay against the version in use when it was run (JSON summary).
    replay: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class RuleSetFileRecord(SQLModel, table=True):
    """One YAML file of a stored rule set, by its path inside rules/."""

    __tablename__ = "rule_set_file"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="rule_set_version.id", index=True)
    path: str = Field(max_length=255)
    content: str


class RuleRowComment(SQLModel, table=True):
    """A steering-group member's comment on one row of one table of a stored version."""

    __tablename__ = "rule_row_comment"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="rule_set_version.id", index=True)
    table_id: str = Field(max_length=64)
    row_id: str = Field(max_length=64)
    text: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
