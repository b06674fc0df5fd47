"""The steering group's review of a stored version: comments per row and what-if replay."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select

from mgt_assistant.db.models import RuleRowComment, RuleSetVersion, User
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.governance import ReplayReport, replay, replay_from_document, to_document
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.services.case_facts import stored_cases
from mgt_assistant.services.rule_versions import NOTE_MAX, RuleVersionError, get_version


def run_replay(
    session: Session,
    version: RuleSetVersion,
    *,
    baseline: RuleSet,
    candidate: RuleSet,
    by: User,
    today: date,
) -> ReplayReport:
    """Replay the candidate over every stored case and its golden scenarios; keep the result.

    The baseline is the version in use; the summary is stored with the candidate so the
    steering group reads it at approval.
    """
    report = replay(baseline, candidate, stored_cases(session, baseline, today))
    version.replay = to_document(report)
    session.add(version)
    add_audit(
        session,
        "rule_version_replayed",
        user=by,
        object_type="rule_set_version",
        object_id=version.id,
    )
    session.commit()
    session.refresh(version)
    return report


def stored_replay(version: RuleSetVersion) -> ReplayReport | None:
    """Return the replay kept with a version, if one was run."""
    return replay_from_document(version.replay) if version.replay else None


def add_comment(
    session: Session, version_id: int, *, table_id: str, row_id: str, text: str, by: User
) -> RuleRowComment:
    """Add a comment on one row of one table of a version; audited.

    :raise RuleVersionError: for an empty comment.
    """
    version = get_version(session, version_id)
    body = text.strip()
    if not body:
        raise RuleVersionError("Skriv en kommentar innan du sparar.")
    comment = RuleRowComment(
        version_id=version_id,
        table_id=table_id[:64],
        row_id=row_id[:64],
        text=body[:NOTE_MAX],
        created_by_user_id=by.id,
    )
    session.add(comment)
    session.flush()
    add_audit(
        session, "rule_row_commented", user=by, object_type="rule_set_version", object_id=version.id
    )
    session.commit()
    session.refresh(comment)
    return comment


def comments_of(session: Session, version_id: int, table_id: str) -> list[RuleRowComment]:
    """Return the comments on one table of a version, oldest first."""
    query = (
        select(RuleRowComment)
        .where(RuleRowComment.version_id == version_id)
        .where(RuleRowComment.table_id == table_id)
        .order_by(col(RuleRowComment.created_at), col(RuleRowComment.id))
    )
    return list(session.exec(query))


def comment_counts(session: Session, version: RuleSetVersion) -> dict[str, int]:
    """Return how many comments each table of a version has."""
    query = (
        select(RuleRowComment.table_id, func.count())
        .where(RuleRowComment.version_id == version.id)
        .group_by(col(RuleRowComment.table_id))
    )
    return {str(row[0]): int(row[1]) for row in session.exec(query)}
