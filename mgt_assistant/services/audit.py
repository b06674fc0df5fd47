"""Audit rows for events that change nothing else, and the log page's reading of them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from mgt_assistant.db.engine import retry_on_lock
from mgt_assistant.db.models import AuditEvent, Meeting, PlanVersion, User
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain import swedish_time


def record_event(
    session: Session,
    action: str,
    *,
    user: User | None,
    object_type: str | None = None,
    object_id: int | str | None = None,
) -> None:
    """Record that a user saw, was refused or switched something, and commit the row.

    With nothing else pending, a row refused by a busy SQLite file is tried again.
    """

    def write() -> None:
        add_audit(session, action, user=user, object_type=object_type, object_id=object_id)
        session.commit()

    if session.new or session.dirty or session.deleted:
        write()
    else:
        retry_on_lock(session, write)


# What each logged action means, in the words the log page shows.
ACTION_LABELS: Final = {
    "login": "Loggade in",
    "login_failed": "Misslyckad inloggning",
    "login_throttled": "Inloggning stoppad efter för många försök",
    "logout": "Loggade ut",
    "sessions_ended": "Loggade ut sina andra inloggningar",
    "password_changed": "Bytte sitt lösenord",
    "password_change_failed": "Misslyckat lösenordsbyte (fel nuvarande lösenord)",
    "user_created": "Skapade konto",
    "user_changed": "Ändrade kontots part och enhet",
    "user_role_changed": "Ändrade kontots roll",
    "user_deactivated": "Inaktiverade konto",
    "user_reactivated": "Aktiverade konto igen",
    "password_reset": "Återställde lösenord (tillfälligt)",
    "application_saved": "Sparade ansökan",
    "application_viewed": "Läste ärendet",
    "application_list_viewed": "Läste listan över ärenden",
    "application_bokad": "Bokade möte för ärendet",
    "application_view_denied": "Nekades att läsa ärendet (samtycke)",
    "application_submitted": "Skickade in ansökan",
    "application_mottagen": "Satte ärendet som mottaget",
    "application_plan_beslutad": "Satte ärendet som plan beslutad",
    "application_avslutad": "Avslutade ärendet",
    "application_ej_aktuell": "Svarade att ärendet inte är aktuellt",
    "consent_revoked": "Registrerade återkallat samtycke",
    "meeting_created": "Skapade möte",
    "meeting_rescheduled": "Flyttade möte",
    "meeting_viewed": "Läste mötet",
    "meetings_listed": "Läste listan över möten",
    "plan_printed": "Skrev ut planen",
    "plan_version_saved": "Sparade beslut om plan",
    "plan_version_viewed": "Läste en beslutad plan",
    "plan_ended": "Registrerade planens avslut",
    "follow_up_recorded": "Registrerade uppföljning",
    "self_rating_recorded": "Registrerade självskattning",
    "unmet_need_recorded": "Registrerade behov utan insats",
    "follow_up_exported": "Hämtade den nationella uppföljningen",
    "meeting_alerts_handled": "Hanterade varningar i mötet",
    "meeting_signal_review": "Granskade signaler i mötet",
    "rules_reloaded": "Laddade om regelverket",
    "rules_reload_refused": "Omladdning av regelverket nekades (fel i filerna)",
    "audit_log_viewed": "Läste loggen",
    "audit_log_exported": "Hämtade loggen som CSV",
    "access_denied": "Nekades åtkomst",
    "gallring_run": "Gallrade (antalen står i gallringsposten)",
    "case_erased": "Raderade eller avidentifierade ärendet",
    "erasure_recorded": "Sparade antalen för en radering",
    "register_extract": "Tog ut registerutdrag",
    "rule_version_imported": "Sparade en ny regelverksversion",
    "rule_version_submitted": "Skickade regelverksversion på granskning",
    "rule_version_approved": "Godkände regelverksversion",
    "rule_version_sent_back": "Skickade tillbaka regelverksversion",
    "rule_version_replayed": "Provkörde regelverksversion mot sparade ärenden",
    "rule_version_trial": "Provade ett utkast till regelverk i demoläge",
    "rule_version_trial_ended": "Slutade prova utkast till regelverk",
    "rule_row_commented": "Kommenterade en regelrad",
    "meeting_scenario_exported": "Sparade möte som testfall",
}
OBJECT_LABELS: Final = {
    "application": "Ärende",
    "meeting": "Möte",
    "plan_version": "Beslutad plan",
    "user": "Konto",
    "rule_set": "Regelverk",
    "rule_set_version": "Regelverksversion",
    "audit_log": "Loggen",
    "route": "Sida",
    "data_removal": "Gallring/radering",
    "unmet_need": "Behov utan insats",
    "export": "Export",
    "page": "Sida",
}
PAGE_SIZE: Final = 50
CSV_LIMIT: Final = 100_000


@dataclass(frozen=True)
class AuditQuery:
    """What the log page filters on; empty means no filter."""

    username: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # A case (application) number: its own events and those of its meetings and decided plans.
    case_id: int | None = None


@dataclass(frozen=True)
class AuditLine:
    """One logged event as the log page and the export show it."""

    at: datetime
    username: str
    action: str
    action_label: str
    object_type: str
    object_id: str

    @property
    def object_text(self) -> str:
        """Return the object in words, e.g. 'Möte 12'."""
        label = OBJECT_LABELS.get(self.object_type, self.object_type)
        return " ".join(part for part in (label, self.object_id) if part) or "–"


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=swedish_time.STOCKHOLM).astimezone(UTC)


def _case_objects(session: Session, case_id: int) -> dict[str, list[str]]:
    """Return the audit objects that belong to a case, by object type."""
    meetings = session.exec(select(Meeting.id).where(Meeting.application_id == case_id)).all()
    versions = session.exec(
        select(PlanVersion.id).where(col(PlanVersion.meeting_id).in_(meetings))
    ).all()
    return {
        "application": [str(case_id)],
        "meeting": [str(m) for m in meetings],
        "plan_version": [str(v) for v in versions],
    }


def _filtered(session: Session, query: AuditQuery) -> Select[AuditEvent, str]:
    statement = select(AuditEvent, User.username).join(
        User, col(AuditEvent.user_id) == col(User.id), isouter=True
    )
    if query.username:
        statement = statement.where(col(User.username) == query.username.strip().lower())
    if query.action:
        statement = statement.where(col(AuditEvent.action) == query.action)
    if query.object_type:
        statement = statement.where(col(AuditEvent.object_type) == query.object_type)
    if query.object_id:
        statement = statement.where(col(AuditEvent.object_id) == query.object_id)
    if query.case_id is not None:
        statement = statement.where(
            or_(
                *(
                    and_(col(AuditEvent.object_type) == kind, col(AuditEvent.object_id).in_(ids))
                    for kind, ids in _case_objects(session, query.case_id).items()
                    if ids
                )
            )
        )
    # Days are Swedish days: from the start of date_from to the end of date_to, local time.
    if query.date_from is not None:
        statement = statement.where(col(AuditEvent.at) >= _start_of(query.date_from))
    if query.date_to is not None:
        statement = statement.where(
            col(AuditEvent.at) < _start_of(query.date_to + timedelta(days=1))
        )
    return statement


def _line(event: AuditEvent, username: str | None) -> AuditLine:
    return AuditLine(
        at=event.at,
        username=username or "",
        action=event.action,
        action_label=ACTION_LABELS.get(event.action, event.action),
        object_type=event.object_type or "",
        object_id=event.object_id or "",
    )


def audit_lines(
    session: Session, query: AuditQuery, *, page: int = 1
) -> tuple[list[AuditLine], int]:
    """Return one page of matching events, newest first, and how many match in all."""
    statement = _filtered(session, query)
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    rows = session.exec(
        statement.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return [_line(event, username) for event, username in rows], int(total)


def audit_csv(session: Session, query: AuditQuery) -> str:
    """Return the matching events as CSV (semicolons, as Swedish spreadsheets expect)."""
    rows = session.exec(
        _filtered(session, query).order_by(col(AuditEvent.at), col(AuditEvent.id)).limit(CSV_LIMIT)
    ).all()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["tid", "användare", "händelse", "beskrivning", "objekttyp", "objekt-id"])
    for event, username in rows:
        line = _line(event, username)
        writer.writerow(
            [
                swedish_time.local(line.at).strftime("%Y-%m-%d %H:%M:%S"),
                line.username,
                line.action,
                line.action_label,
                line.object_type,
                line.object_id,
            ]
        )
    return out.getvalue()


def known_actions(session: Session) -> list[str]:
    """Return every action code in the log, for the filter's choices."""
    found = session.exec(select(AuditEvent.action).distinct()).all()
    return sorted(set(found) | set(ACTION_LABELS))
