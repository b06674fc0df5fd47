"""Rule-set versions: stored by content, reviewed, approved by the steering group, dated."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mgt_assistant.db.models import (
    AuditEvent,
    Role,
    RuleSetFileRecord,
    RuleSetVersion,
    RuleVersionStatus,
    User,
)
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import rule_upload
from mgt_assistant.services import rule_versions as versions
from mgt_assistant.services.errors import AccessDenied
from mgt_assistant.services.rule_versions import RuleVersionError
from tests.rule_version_factory import NEW_VERSION, changed_rules, zipped

pytestmark = pytest.mark.db

TODAY = date(2027, 3, 1)


def _count(db: Session) -> int:
    return len(db.exec(select(RuleSetVersion)).all())


def _audit(db: Session, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)))


def _approved_shipped(db: Session) -> RuleSetVersion:
    versions.ensure_initial_version(db, DEFAULT_RULES_DIR, approve=True)
    shipped = versions.list_versions(db)[0]
    assert shipped.status is RuleVersionStatus.APPROVED
    return shipped


def _in_review(db: Session, tmp_path: Path, by: User) -> RuleSetVersion:
    stored = versions.store_rule_folder(db, changed_rules(tmp_path), by=by, source="import")
    assert stored.created and stored.version.id is not None
    return versions.submit_for_review(db, stored.version.id, by=by)


def test_a_folder_is_stored_once_per_content_with_its_files(
    db: Session, make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.ADMIN)
    first = versions.store_rule_folder(db, DEFAULT_RULES_DIR, by=admin, source="import")
    again = versions.store_rule_folder(db, DEFAULT_RULES_DIR, by=admin, source="import")
    assert first.created and not again.created and again.version.id == first.version.id
    assert first.version.status is RuleVersionStatus.DRAFT
    files = versions.files_of(db, first.version.id or 0)
    assert "ruleset.yaml" in files and any(p.startswith("recommendations/") for p in files)
    assert len(_audit(db, "rule_version_imported")) == 1


def test_a_broken_folder_stores_nothing_and_names_file_and_line(
    db: Session, tmp_path: Path
) -> None:
    folder = changed_rules(tmp_path)
    needs = folder / "needs.yaml"
    needs.write_text(needs.read_text(encoding="utf-8") + "version: igen\n", encoding="utf-8")
    with pytest.raises(RuleVersionError) as caught:
        versions.store_rule_folder(db, folder, by=None, source="import")
    assert str(caught.value).startswith("Regelverket har")
    assert any(line.startswith("needs.yaml:") for line in caught.value.errors)
    assert _count(db) == 0
    assert db.exec(select(RuleSetFileRecord)).first() is None


def test_an_upload_is_checked_strictly_and_a_broken_one_replaces_nothing(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.ADMIN)
    shipped = _approved_shipped(db)
    with pytest.raises(RuleVersionError, match="ingen zip-fil"):
        rule_upload.store_upload(db, b"inte en zip", by=admin)
    folder = changed_rules(tmp_path)
    table = folder / "recommendations" / "arbetsliv.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("ips", "finns_inte", 1))
    with pytest.raises(RuleVersionError, match="sparades inte"):
        rule_upload.store_upload(db, zipped(folder), by=admin)
    assert _count(db) == 1
    assert versions.active_version(db, TODAY) == shipped

    table.write_text(table.read_text(encoding="utf-8").replace("finns_inte", "ips", 1))
    stored = rule_upload.store_upload(db, zipped(folder), by=admin)
    assert stored.created and stored.version.version == NEW_VERSION
    assert stored.version.source == "uppladdning"
    assert versions.active_version(db, TODAY) == shipped
    with pytest.raises(AccessDenied):
        rule_upload.store_upload(db, zipped(folder), by=make_user(Role.STYRGRUPP))


def test_an_upload_with_a_path_outside_the_folder_is_refused(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../ruleset.yaml", "version: x\n")
    with pytest.raises(RuleVersionError, match="otillåten sökväg"):
        rule_upload.store_upload(db, path.read_bytes(), by=make_user(Role.ADMIN))
    assert _count(db) == 0


def test_first_start_stores_a_draft_outside_demo_and_nothing_proposes(db: Session) -> None:
    versions.ensure_initial_version(db, DEFAULT_RULES_DIR, approve=False)
    versions.ensure_initial_version(db, DEFAULT_RULES_DIR, approve=True)  # not empty: no-op
    (only,) = versions.list_versions(db)
    assert only.status is RuleVersionStatus.DRAFT
    assert versions.version_in_use(db, today=TODAY, demo=False) is None


def test_a_draft_never_drives_proposals_outside_demo_mode(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    shipped = _approved_shipped(db)
    draft = versions.store_rule_folder(db, changed_rules(tmp_path), by=None, source="import")
    draft_id = draft.version.id or 0
    with pytest.raises(RuleVersionError):
        versions.try_in_demo(db, draft_id, by=make_user(Role.ADMIN), demo=False)
    # Even a trial flag left in the table is ignored outside demo mode.
    draft.version.demo_trial = True
    db.add(draft.version)
    db.commit()
    in_use = versions.version_in_use(db, today=TODAY, demo=False)
    assert in_use is not None and in_use.version == shipped and not in_use.draft
    demo = versions.version_in_use(db, today=TODAY, demo=True)
    assert demo is not None and demo.version.id == draft_id and demo.draft


def test_approving_requires_the_steering_group_and_is_audited(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    _approved_shipped(db)
    admin, steering = make_user(Role.ADMIN), make_user(Role.STYRGRUPP)
    candidate = _in_review(db, tmp_path, admin)
    candidate_id = candidate.id or 0
    with pytest.raises(AccessDenied):
        versions.approve(
            db, candidate_id, by=admin, minutes_reference="SG §1", effective_from=TODAY, today=TODAY
        )
    denied = _audit(db, "access_denied")
    assert [(e.user_id, e.object_id) for e in denied] == [(admin.id, str(candidate_id))]
    with pytest.raises(RuleVersionError, match="protokoll"):
        versions.approve(
            db, candidate_id, by=steering, minutes_reference=" ", effective_from=TODAY, today=TODAY
        )
    with pytest.raises(RuleVersionError, match="före i dag"):
        versions.approve(
            db,
            candidate_id,
            by=steering,
            minutes_reference="SG §1",
            effective_from=TODAY - timedelta(days=1),
            today=TODAY,
        )
    approved = versions.approve(
        db,
        candidate_id,
        by=steering,
        minutes_reference="Styrgruppen 2027-03-01 §4",
        effective_from=TODAY,
        today=TODAY,
    )
    assert approved.status is RuleVersionStatus.APPROVED
    assert approved.approved_by_user_id == steering.id and approved.approved_at is not None
    assert approved.minutes_reference == "Styrgruppen 2027-03-01 §4"
    (event,) = _audit(db, "rule_version_approved")[-1:]
    assert (event.user_id, event.object_id) == (steering.id, str(candidate_id))
    with pytest.raises(RuleVersionError, match="granskning"):
        versions.approve(
            db, candidate_id, by=steering, minutes_reference="x", effective_from=TODAY, today=TODAY
        )


def test_activation_respects_the_effective_date(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    shipped = _approved_shipped(db)
    steering = make_user(Role.STYRGRUPP)
    candidate = _in_review(db, tmp_path, steering)
    start = TODAY + timedelta(days=14)
    versions.approve(
        db,
        candidate.id or 0,
        by=steering,
        minutes_reference="SG §2",
        effective_from=start,
        today=TODAY,
    )
    day_before = start - timedelta(days=1)
    assert versions.active_version(db, day_before) == shipped
    assert versions.lifecycle(candidate, versions.active_version(db, day_before), day_before) == (
        "godkand"
    )
    assert versions.active_version(db, start) == candidate
    assert versions.lifecycle(shipped, candidate, start) == "ersatt"
    assert versions.lifecycle(candidate, candidate, start) == "aktiv"


def test_sending_back_needs_a_note_and_returns_the_version_to_draft(
    db: Session, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    steering = make_user(Role.STYRGRUPP)
    candidate = _in_review(db, tmp_path, steering)
    with pytest.raises(RuleVersionError, match="Skriv vad"):
        versions.send_back(db, candidate.id or 0, by=steering, note="  ")
    back = versions.send_back(db, candidate.id or 0, by=steering, note="ARB-01: för vid.")
    assert back.status is RuleVersionStatus.DRAFT and back.review_note == "ARB-01: för vid."
    assert len(_audit(db, "rule_version_sent_back")) == 1
    with pytest.raises(AccessDenied):
        versions.send_back(db, candidate.id or 0, by=make_user(Role.MGT), note="x")
