"""Gallring (the retention run) and the erasure of one case, each one audited transaction.

What is removed is counted and the counts are stored (``data_removal``) with an
audit row pointing at them; no content is ever logged. A case with a decided plan
is anonymised so that ``domain.followup``'s figures stay the same; a case without
one is deleted whole (domain.retention decides which).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from mgt_assistant.db import retention as store
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    DataRemoval,
    Meeting,
    PlanEnd,
    PlanVersion,
    User,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.retention import Action, Due, RetentionPolicy, due, summarise
from mgt_assistant.services.errors import ServiceError


class RetentionError(ServiceError):
    """An erasure cannot be done as asked; the message is one Swedish sentence."""


@dataclass(frozen=True)
class GallringReport:
    """What gallring found due on a day and, once carried out, what it removed (counts)."""

    today: date
    dues: list[Due]
    counts: Mapping[str, int]
    carried_out: bool = False
    removal_id: int | None = None
    reasons: Mapping[str, int] = field(default_factory=dict)


def due_cases(session: Session, *, policy: RetentionPolicy, today: date) -> list[Due]:
    """Return the cases gallring acts on today, by case number."""
    verdicts = (due(clock, policy, today) for clock in store.case_clocks(session))
    return [verdict for verdict in verdicts if verdict is not None]


def _counts(session: Session, dues: list[Due]) -> dict[str, int]:
    counts = summarise(dues)
    doomed = [d.case_id for d in dues if d.action is Action.DELETE]
    kept = [d.case_id for d in dues if d.action is Action.ANONYMISE]
    for ids, whole in ((doomed, True), (kept, False)):
        for key, n in store.personal_counts(session, ids, whole=whole).items():
            counts[key] = counts.get(key, 0) + n
    return counts


def _reasons(dues: list[Due]) -> dict[str, int]:
    found: dict[str, int] = {}
    for verdict in dues:
        found[verdict.reason] = found.get(verdict.reason, 0) + 1
    return found


def plan_gallring(session: Session, *, policy: RetentionPolicy, today: date) -> GallringReport:
    """Return what gallring would remove today, changing nothing (the dry run)."""
    dues = due_cases(session, policy=policy, today=today)
    return GallringReport(today, dues, _counts(session, dues), reasons=_reasons(dues))


def _remove(session: Session, *, deleted: list[int], anonymised: list[int]) -> None:
    store.overwrite_removed_content(session)
    store.remove_personal_rows(session, deleted + anonymised)
    store.delete_applications(session, deleted)
    store.anonymise_applications(session, anonymised)
    # An anonymised case is over: it must not wait in any list for a next step.
    for application in session.exec(
        select(Application).where(
            col(Application.id).in_(anonymised),
            col(Application.status).not_in(
                [ApplicationStatus.CLOSED, ApplicationStatus.NOT_RELEVANT]
            ),
        )
    ).all():
        application.status = ApplicationStatus.CLOSED
        session.add(application)


def _record(
    session: Session, *, kind: str, by: User | None, counts: Mapping[str, int]
) -> DataRemoval:
    removal = DataRemoval(
        kind=kind,
        user_id=by.id if by is not None else None,
        cases_deleted=counts.get("cases_deleted", 0),
        cases_anonymised=counts.get("cases_anonymised", 0),
        counts={key: int(n) for key, n in counts.items()},
    )
    session.add(removal)
    session.flush()
    return removal


def run_gallring(
    session: Session, *, policy: RetentionPolicy, today: date, by: User | None
) -> GallringReport:
    """Delete or anonymise every case due today, record the counts and the audit row, commit."""
    dues = due_cases(session, policy=policy, today=today)
    counts = _counts(session, dues)
    _remove(
        session,
        deleted=[d.case_id for d in dues if d.action is Action.DELETE],
        anonymised=[d.case_id for d in dues if d.action is Action.ANONYMISE],
    )
    removal = _record(session, kind="gallring", by=by, counts=counts)
    add_audit(session, "gallring_run", user=by, object_type="data_removal", object_id=removal.id)
    session.commit()
    store.flush_write_ahead_log(session)
    return GallringReport(today, dues, counts, True, removal.id, _reasons(dues))


def erasable(session: Session, application_id: int) -> Application:
    """Return the case an admin asked to erase.

    :raise RetentionError: when there is no such case, or it is already anonymised.
    """
    application = session.get(Application, application_id)
    if application is None:
        raise RetentionError(f"Det finns inget ärende med nummer {application_id}.")
    if application.anonymised_at is not None:
        raise RetentionError(f"Ärende {application_id} är redan avidentifierat.")
    return application


def has_decided_plan(session: Session, application_id: int) -> bool:
    """Tell whether a plan was decided or ended for the case (its figures can then be kept)."""
    ended = session.exec(select(PlanEnd.id).where(col(PlanEnd.application_id) == application_id))
    if ended.first() is not None:
        return True
    found = session.exec(
        select(PlanVersion.id)
        .join(Meeting, col(Meeting.id) == col(PlanVersion.meeting_id))
        .where(col(Meeting.application_id) == application_id)
    ).first()
    return found is not None


def erase_case(
    session: Session, *, application_id: int, by: User, keep_statistics: bool
) -> dict[str, int]:
    """Erase one case: anonymise it (keeping the follow-up's figures) or delete it whole.

    A case without a decided plan has no figures to keep and is always deleted whole.
    The counts, the record and the audit row are written in the same transaction.

    :raise RetentionError: when there is no such case or it is already anonymised.
    """
    erasable(session, application_id)
    anonymise = keep_statistics and has_decided_plan(session, application_id)
    counts: dict[str, int] = {
        "cases_deleted": 0 if anonymise else 1,
        "cases_anonymised": 1 if anonymise else 0,
    }
    counts.update(store.personal_counts(session, [application_id], whole=not anonymise))
    if anonymise:
        _remove(session, deleted=[], anonymised=[application_id])
    else:
        _remove(session, deleted=[application_id], anonymised=[])
    removal = _record(session, kind="radering", by=by, counts=counts)
    add_audit(session, "case_erased", user=by, object_type="application", object_id=application_id)
    add_audit(
        session, "erasure_recorded", user=by, object_type="data_removal", object_id=removal.id
    )
    session.commit()
    store.flush_write_ahead_log(session)
    return counts


def removals(session: Session, *, limit: int = 20) -> list[tuple[DataRemoval, str | None]]:
    """Return the latest gallring runs and erasures with who made them, newest first."""
    query = (
        select(DataRemoval, User.username)
        .join(User, col(User.id) == col(DataRemoval.user_id), isouter=True)
        .order_by(col(DataRemoval.id).desc())
        .limit(limit)
    )
    return [(removal, username) for removal, username in session.exec(query).all()]
