"""Gallring and erasure on a fixture: what is due, that nothing personal survives, same figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    Consent,
    DataRemoval,
    Meeting,
    MeetingMessage,
    PlanEnd,
    Role,
    UnmetNeedEntry,
)
from mgt_assistant.domain.retention import RetentionPolicy
from mgt_assistant.services import followup, register_extract, retention
from tests.conftest import UserFactory
from tests.followup_factory import ended
from tests.retention_factory import (
    PERSONNUMMER,
    SNIPPETS,
    TODAY,
    UNMET_TEXT,
    Fixture,
    every_text,
    figures,
    make_fixture,
)

pytestmark = pytest.mark.db
POLICY = RetentionPolicy()


@pytest.fixture
def cases(db: Session, make_user: UserFactory) -> Fixture:
    """The gallring fixture (the team member is user 1)."""
    team = make_user(Role.MGT, party="kommun")
    referrer = make_user(Role.REMITTENT)
    return make_fixture(db, team, referrer)


def _rows(db: Session, model: type) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def test_dry_run_counts_what_is_due_and_changes_nothing(
    db: Session, engine: Engine, cases: Fixture
) -> None:
    before = every_text(engine)
    report = retention.plan_gallring(db, policy=POLICY, today=TODAY)
    assert sorted(d.case_id for d in report.dues) == sorted(cases.anonymised + cases.deleted)
    assert report.counts["cases_deleted"] == 1
    assert report.counts["cases_anonymised"] == 7
    assert report.counts["messages"] >= 2
    assert report.counts["meetings"] == 1
    assert report.counts["plan_versions"] == 1
    assert report.counts["consents"] == 5
    assert report.counts["unmet_needs_unlinked"] == 1
    # Follow-up rows are removed only with a case deleted whole (the draft has none).
    assert report.counts.get("plan_ends", 0) == 0
    assert not report.carried_out
    assert every_text(engine) == before
    assert _rows(db, DataRemoval) == 0


def test_gallring_leaves_nothing_personal_and_the_same_figures(
    db: Session, engine: Engine, cases: Fixture
) -> None:
    before = figures(db)
    assert all(snippet in every_text(engine) for snippet in SNIPPETS)
    report = retention.run_gallring(db, policy=POLICY, today=TODAY, by=None)
    assert report.carried_out
    everything = every_text(engine)
    left = [snippet for snippet in SNIPPETS if snippet in everything]
    assert left == []
    assert figures(db) == before
    # What the steering group reads stays: ended plans, answers, the unmet-needs register.
    assert _rows(db, PlanEnd) == 7
    assert _rows(db, Meeting) == 0 and _rows(db, MeetingMessage) == 0
    unmet = db.exec(select(UnmetNeedEntry)).one()
    assert unmet.text == UNMET_TEXT and unmet.application_id is None
    # The case not yet due keeps its name; the draft is gone; the others are anonymised.
    assert db.get(Application, cases.kept[0]) is not None
    assert db.get(Application, cases.deleted[0]) is None
    full = db.get(Application, cases.full_case)
    assert full is not None and full.anonymised_at is not None
    assert full.status.value == ApplicationStatus.CLOSED.value
    assert (full.person_name, full.personnummer, full.description) == (None, None, "")
    assert full.referrer_party == "kommun"


def test_gallring_logs_counts_in_one_audit_row_and_a_second_run_finds_nothing(
    db: Session, cases: Fixture
) -> None:
    report = retention.run_gallring(db, policy=POLICY, today=TODAY, by=None)
    removal = db.exec(select(DataRemoval)).one()
    assert (removal.kind, removal.cases_deleted, removal.cases_anonymised) == ("gallring", 1, 7)
    assert removal.counts == dict(report.counts)
    assert all(isinstance(n, int) for n in removal.counts.values())
    audit = db.exec(select(AuditEvent).where(AuditEvent.action == "gallring_run")).one()
    assert (audit.object_type, audit.object_id) == ("data_removal", str(removal.id))
    again = retention.plan_gallring(db, policy=POLICY, today=TODAY)
    assert again.dues == []


def test_a_setting_decides_the_period(db: Session, cases: Fixture) -> None:
    patient = RetentionPolicy(draft_days=365, closed_after_follow_up_days=500, closed_max_days=3000)
    report = retention.plan_gallring(db, policy=patient, today=TODAY)
    assert report.dues == []


def test_consent_revoked_for_every_party_starts_the_clock_not_for_one(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT)
    assert referrer.id is not None
    application = Application(
        status=ApplicationStatus.RECEIVED,
        person_name="Åter Kallad",
        referrer_user_id=referrer.id,
        referrer_party="kommun",
        referrer_name="Kim Berg",
        consent_obtained=True,
    )
    db.add(application)
    db.flush()
    assert application.id is not None
    revoked = datetime(2026, 10, 1, 12, tzinfo=UTC)
    db.add(Consent(application_id=application.id, party="kommun", revoked_at=revoked))
    db.add(Consent(application_id=application.id, party="af"))
    db.commit()
    assert retention.due_cases(db, policy=POLICY, today=TODAY) == []
    af = db.exec(select(Consent).where(col(Consent.party) == "af")).one()
    af.revoked_at = revoked
    db.add(af)
    db.commit()
    due = retention.due_cases(db, policy=POLICY, today=TODAY)
    assert [(d.case_id, d.action.value) for d in due] == [(application.id, "radera")]
    assert due[0].due_on == date(2026, 10, 31)


def test_admin_erasure_keeps_figures_when_asked_and_is_audited(
    db: Session, engine: Engine, cases: Fixture, make_user: UserFactory
) -> None:
    admin = make_user(Role.ADMIN)
    before = figures(db)
    counts = retention.erase_case(
        db, application_id=cases.full_case, by=admin, keep_statistics=True
    )
    assert counts["cases_anonymised"] == 1 and counts["messages"] >= 2
    assert figures(db) == before
    assert "Han har skulder" not in every_text(engine)
    actions = {
        (e.action, e.object_type, e.object_id, e.user_id) for e in db.exec(select(AuditEvent)).all()
    }
    assert ("case_erased", "application", str(cases.full_case), admin.id) in actions
    with pytest.raises(retention.RetentionError, match="redan avidentifierat"):
        retention.erase_case(db, application_id=cases.full_case, by=admin, keep_statistics=True)
    with pytest.raises(retention.RetentionError, match="inget ärende med nummer 99999"):
        retention.erase_case(db, application_id=99999, by=admin, keep_statistics=True)


def test_admin_erasure_of_everything_removes_the_follow_up_rows_too(
    db: Session, cases: Fixture, make_user: UserFactory
) -> None:
    admin = make_user(Role.ADMIN)
    counts = retention.erase_case(
        db, application_id=cases.full_case, by=admin, keep_statistics=False
    )
    assert counts["cases_deleted"] == 1 and counts["plan_ends"] == 1
    assert counts["follow_ups"] == 2 and counts["self_ratings"] == 1
    assert db.get(Application, cases.full_case) is None
    assert _rows(db, PlanEnd) == 6
    removal = db.exec(select(DataRemoval)).one()
    assert (removal.kind, removal.user_id) == ("radering", admin.id)


def test_register_extract_holds_everything_about_the_person_and_is_audited(
    db: Session, cases: Fixture, make_user: UserFactory
) -> None:
    admin = make_user(Role.ADMIN)
    extract = register_extract.register_extract(
        db, by=admin, personnummer="850312-2387", today=TODAY
    )
    assert extract.asked_for == f"personnummer {PERSONNUMMER}"
    assert [c.application_id for c in extract.cases] == [cases.full_case]
    sections = {s.key: s.rows for s in extract.cases[0].sections}
    assert sections["applications"][0]["personnummer"] == PERSONNUMMER
    assert any("deprimerad" in row["text"] for row in sections["messages"])
    for key in ("consents", "meetings", "meeting_needs", "plan_versions", "plan_ends"):
        assert sections[key], key
    assert len(sections["follow_ups"]) == 2
    assert sections["unmet_needs"][0]["text"] == UNMET_TEXT
    assert {"meeting_created", "plan_version_saved"} <= {
        row["action"] for row in sections["audit_events"]
    }
    assert extract.to_json()["registerutdrag"]["arenden"][0]["arende"] == cases.full_case
    logged = db.exec(select(AuditEvent).where(AuditEvent.action == "register_extract")).one()
    assert (logged.object_id, logged.user_id) == (str(cases.full_case), admin.id)


@pytest.mark.parametrize(
    ("personnummer", "case", "message"),
    [
        ("19850312-2388", None, "Kontrollsiffran"),
        ("19900101-0017", None, "Inget ärende"),
        ("", None, "antingen"),
        ("19850312-2387", 1, "antingen"),
        ("", 99999, "inget ärende med nummer 99999"),
    ],
)
def test_register_extract_refuses_in_one_swedish_sentence(
    db: Session, cases: Fixture, personnummer: str, case: int | None, message: str
) -> None:
    with pytest.raises(register_extract.ExtractError, match=message):
        register_extract.register_extract(
            db, by=None, personnummer=personnummer, application_id=case, today=TODAY
        )
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "register_extract")).all() == []


def test_an_ended_case_never_followed_up_is_anonymised_and_leaves_the_due_list(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT)
    record = ended(
        db,
        referrer,
        end_reason="studier",
        end_date=date(2024, 6, 1),
        interventions={"mac": "fullfoljd"},
        follow_ups={6: "work"},
    )
    db.commit()
    assert [d.months for d in followup.due_follow_ups(db, user=referrer)] == [12]
    due = retention.due_cases(db, policy=POLICY, today=TODAY)
    assert [(d.case_id, d.action.value) for d in due] == [(record.application_id, "avidentifiera")]
    retention.run_gallring(db, policy=POLICY, today=TODAY, by=None)
    assert followup.due_follow_ups(db, user=referrer) == []


def test_on_sqlite_the_removed_text_is_not_left_in_the_file(
    db: Session, database_url: str, cases: Fixture
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL keeps dead rows until VACUUM (docs/data-protection.md)")
    path = Path(database_url.split(":///", 1)[1])
    retention.run_gallring(db, policy=POLICY, today=TODAY, by=None)
    db.close()
    raw = b"".join(
        file.read_bytes() for file in path.parent.glob(path.name + "*") if file.is_file()
    )
    left = [s for s in SNIPPETS if s.encode("utf-8") in raw]
    assert left == []
