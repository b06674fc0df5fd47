"""Rule-set versions: storing each distinct rules/ content, its review, approval and use.

Lifecycle: utkast → granskning → godkänd (who, when, minutes reference) → aktiv from its
effective date → ersatt. Only "utkast", "granskning" and "godkänd" are stored; "aktiv" and
"ersatt" follow from the dates, so a version approved today for the first of next month
becomes active that morning on every worker without a scheduled job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mgt_assistant.db.models import (
    Role,
    RuleSetFileRecord,
    RuleSetVersion,
    RuleVersionStatus,
    User,
    utcnow,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.rules import RuleSet, RuleSetError, content_hash, load_rule_set
from mgt_assistant.domain.rules.files import rule_files
from mgt_assistant.services.errors import AccessDenied, NotFound, ServiceError

MAX_ERRORS_SHOWN: Final = 10
MINUTES_MAX: Final = 120
NOTE_MAX: Final = 2000

STATUS_LABELS: Final = {
    "utkast": "Utkast",
    "granskning": "Under granskning",
    "godkand": "Godkänd",
    "aktiv": "Aktiv",
    "ersatt": "Ersatt",
}


class RuleVersionError(ServiceError):
    """A rule-set version cannot be stored or moved on; ``errors`` lists file:line lines."""

    def __init__(self, message: str, errors: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class Stored:
    """The version a folder's content is stored as, and whether it was new."""

    version: RuleSetVersion
    created: bool


@dataclass(frozen=True)
class InUse:
    """The version proposals come from now; ``draft`` when demo mode tries an unapproved one."""

    version: RuleSetVersion
    draft: bool


# --- storing -------------------------------------------------------------------------


# Strictly checked sets by content hash: the same files give the same verdict, so a
# folder stored again (every start of a process, every test app) is not parsed anew.
_checked: dict[str, RuleSet] = {}
_CHECKED_MAX = 8


def _strict(folder: Path) -> RuleSet:
    key = content_hash(folder)
    known = _checked.get(key)
    if known is not None:
        return known
    try:
        rule_set = load_rule_set(folder)
    except RuleSetError as error:
        lines = tuple(str(f) for f in error.findings)
        shown = "; ".join(lines[:1])
        raise RuleVersionError(
            f"Regelverket har {len(lines)} fel och sparades inte. Första felet: {shown}",
            lines[:MAX_ERRORS_SHOWN],
        ) from None
    if len(_checked) >= _CHECKED_MAX:
        _checked.clear()
    _checked[key] = rule_set
    return rule_set


def store_rule_folder(session: Session, folder: Path, *, by: User | None, source: str) -> Stored:
    """Check a rules folder strictly and store it as a draft unless its content is known.

    :raise RuleVersionError: when the folder has errors (nothing is stored).
    """
    rule_set = _strict(folder)
    known = version_by_hash(session, rule_set.hash)
    if known is not None:
        return Stored(known, created=False)
    version = RuleSetVersion(
        hash=rule_set.hash,
        version=rule_set.version[:64],
        label=rule_set.label[:200],
        source=source,
        imported_by_user_id=by.id if by is not None else None,
    )
    session.add(version)
    session.flush()
    if version.id is None:
        raise ValueError("version was not saved")
    for path in rule_files(folder):
        session.add(
            RuleSetFileRecord(
                version_id=version.id,
                path=path.relative_to(folder).as_posix(),
                content=path.read_bytes().decode("utf-8"),
            )
        )
    add_audit(
        session,
        "rule_version_imported",
        user=by,
        object_type="rule_set_version",
        object_id=version.id,
    )
    session.commit()
    session.refresh(version)
    return Stored(version, created=True)


def ensure_initial_version(session: Session, rules_dir: Path, *, approve: bool) -> None:
    """On first start (no stored version), store the shipped rules; approve them if asked.

    Demo mode and the demo data approve them so the demo proposes at once; a real
    installation starts with a draft that the steering group reviews and approves.
    """
    if session.exec(select(RuleSetVersion.id).limit(1)).first() is not None:
        return
    try:
        stored = store_rule_folder(session, rules_dir, by=None, source="start")
    except IntegrityError:
        # Another worker starting at the same moment stored it first.
        session.rollback()
        return
    if approve:
        version = stored.version
        version.status = RuleVersionStatus.APPROVED
        version.approved_at = utcnow()
        version.minutes_reference = "Demoläge: godkänd automatiskt vid första start"
        version.effective_from = date(2000, 1, 1)
        session.add(version)
        add_audit(
            session, "rule_version_approved", object_type="rule_set_version", object_id=version.id
        )
        session.commit()


# --- reading -------------------------------------------------------------------------


def version_by_hash(session: Session, rule_hash: str) -> RuleSetVersion | None:
    """Return the stored version with this content hash, if any."""
    return session.exec(select(RuleSetVersion).where(RuleSetVersion.hash == rule_hash)).first()


def get_version(session: Session, version_id: int) -> RuleSetVersion:
    """Return one stored version.

    :raise NotFound: when there is none with that id.
    """
    version = session.get(RuleSetVersion, version_id)
    if version is None:
        raise NotFound(version_id)
    return version


def list_versions(session: Session) -> list[RuleSetVersion]:
    """Return every stored version, newest import first."""
    query = select(RuleSetVersion).order_by(col(RuleSetVersion.imported_at).desc())
    return list(session.exec(query.order_by(col(RuleSetVersion.id).desc())))


def files_of(session: Session, version_id: int) -> dict[str, str]:
    """Return a stored version's files: path inside rules/ → text."""
    rows = session.exec(select(RuleSetFileRecord).where(RuleSetFileRecord.version_id == version_id))
    return {row.path: row.content for row in rows}


# Read on every request that proposes: built once, the day bound per call.
_ACTIVE = (
    select(RuleSetVersion)
    .where(RuleSetVersion.status == RuleVersionStatus.APPROVED)
    .where(col(RuleSetVersion.effective_from) <= bindparam("today"))
    .order_by(col(RuleSetVersion.effective_from).desc(), col(RuleSetVersion.approved_at).desc())
    .limit(1)
)


def active_version(session: Session, today: date) -> RuleSetVersion | None:
    """Return the approved version in force today: the latest effective date not after it."""
    return session.exec(_ACTIVE, params={"today": today}).first()


def version_in_use(session: Session, *, today: date, demo: bool) -> InUse | None:
    """Return the version proposals come from: the active one, or in demo mode a tried draft."""
    if demo:
        trial = session.exec(
            select(RuleSetVersion)
            .where(col(RuleSetVersion.demo_trial).is_(True))
            .where(RuleSetVersion.status != RuleVersionStatus.APPROVED)
        ).first()
        if trial is not None:
            return InUse(trial, draft=True)
    active = active_version(session, today)
    return InUse(active, draft=False) if active is not None else None


def lifecycle(version: RuleSetVersion, active: RuleSetVersion | None, today: date) -> str:
    """Return a version's place in the lifecycle: utkast, granskning, godkand, aktiv or ersatt."""
    if version.status is not RuleVersionStatus.APPROVED:
        return version.status.value
    if active is not None and version.id == active.id:
        return "aktiv"
    if version.effective_from is not None and version.effective_from > today:
        return "godkand"
    return "ersatt"


# --- the steering group's actions ----------------------------------------------------


def _audit_commit(session: Session, action: str, by: User, version: RuleSetVersion) -> None:
    session.add(version)
    add_audit(session, action, user=by, object_type="rule_set_version", object_id=version.id)
    session.commit()
    session.refresh(version)


def _require_status(version: RuleSetVersion, status: RuleVersionStatus, message: str) -> None:
    if version.status is not status:
        raise RuleVersionError(message)


def submit_for_review(session: Session, version_id: int, *, by: User) -> RuleSetVersion:
    """Move a draft to review.

    :raise RuleVersionError: when the version is not a draft.
    """
    version = get_version(session, version_id)
    _require_status(version, RuleVersionStatus.DRAFT, "Bara ett utkast kan skickas på granskning.")
    version.status = RuleVersionStatus.REVIEW
    version.demo_trial = False
    _audit_commit(session, "rule_version_submitted", by, version)
    return version


def approve(
    session: Session,
    version_id: int,
    *,
    by: User,
    minutes_reference: str,
    effective_from: date,
    today: date,
) -> RuleSetVersion:
    """Approve a version under review, in force from ``effective_from``; audited.

    :raise AccessDenied: unless the user is in the steering group.
    :raise RuleVersionError: without a minutes reference, for a past date, or not in review.
    """
    if by.role is not Role.STYRGRUPP:
        add_audit(
            session, "access_denied", user=by, object_type="rule_set_version", object_id=version_id
        )
        session.commit()
        raise AccessDenied("Bara styrgruppen kan godkänna ett regelverk.")
    version = get_version(session, version_id)
    _require_status(
        version, RuleVersionStatus.REVIEW, "Bara en version under granskning kan godkännas."
    )
    reference = minutes_reference.strip()
    if not reference:
        raise RuleVersionError(
            "Ange protokollet som beslutet står i (t.ex. Styrgruppen 2026-12-01 §4)."
        )
    if len(reference) > MINUTES_MAX:
        raise RuleVersionError(f"Protokollhänvisningen får vara högst {MINUTES_MAX} tecken.")
    if effective_from < today:
        raise RuleVersionError("Dagen då versionen börjar gälla kan inte ligga före i dag.")
    version.status = RuleVersionStatus.APPROVED
    version.approved_at = utcnow()
    version.approved_by_user_id = by.id
    version.minutes_reference = reference
    version.effective_from = effective_from
    version.demo_trial = False
    _audit_commit(session, "rule_version_approved", by, version)
    return version


def send_back(session: Session, version_id: int, *, by: User, note: str) -> RuleSetVersion:
    """Send a version under review back to draft with the steering group's note; audited.

    :raise RuleVersionError: without a note, or when the version is not in review.
    """
    if by.role not in (Role.STYRGRUPP, Role.ADMIN):
        raise AccessDenied()
    version = get_version(session, version_id)
    _require_status(
        version, RuleVersionStatus.REVIEW, "Bara en version under granskning kan skickas tillbaka."
    )
    text = note.strip()
    if not text:
        raise RuleVersionError("Skriv vad som behöver ändras innan versionen skickas tillbaka.")
    version.status = RuleVersionStatus.DRAFT
    version.review_note = text[:NOTE_MAX]
    _audit_commit(session, "rule_version_sent_back", by, version)
    return version


def try_in_demo(session: Session, version_id: int, *, by: User, demo: bool) -> RuleSetVersion:
    """Let demo meetings propose from an unapproved version (banner on every proposal).

    :raise RuleVersionError: outside demo mode or for an approved version.
    """
    if not demo:
        raise RuleVersionError("Ett utkast kan bara provas i demoläge.")
    version = get_version(session, version_id)
    if version.status is RuleVersionStatus.APPROVED:
        raise RuleVersionError("Versionen är redan godkänd.")
    for other in session.exec(
        select(RuleSetVersion).where(col(RuleSetVersion.demo_trial).is_(True))
    ):
        other.demo_trial = False
        session.add(other)
    version.demo_trial = True
    _audit_commit(session, "rule_version_trial", by, version)
    return version


def end_demo_trial(session: Session, *, by: User) -> None:
    """Go back to the active approved version in demo meetings."""
    for other in session.exec(
        select(RuleSetVersion).where(col(RuleSetVersion.demo_trial).is_(True))
    ):
        other.demo_trial = False
        session.add(other)
        add_audit(
            session,
            "rule_version_trial_ended",
            user=by,
            object_type="rule_set_version",
            object_id=other.id,
        )
    session.commit()


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    """Return display names of the users who imported or approved versions."""
    if not ids:
        return {}
    rows = session.exec(select(User).where(col(User.id).in_(ids)))
    return {row.id: row.display_name for row in rows if row.id is not None}
