"""Consent decides who takes part and who sees a case; every change is logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from mgt_assistant.db import consent
from mgt_assistant.db.models import ConsentEvent, Role, User
from mgt_assistant.domain import access
from mgt_assistant.domain.referral import ConsentChoice
from mgt_assistant.services.access import decision_for
from mgt_assistant.services.consent import RevocationError, revoke_consent
from tests.application_factory import submitted_application
from tests.conftest import UserFactory

pytestmark = pytest.mark.db


def test_recorded_choices_decide_who_takes_part_and_are_logged(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(
        db, referrer, consent_keys=("af", "kommun_socialtjanst", "region_psykiatri")
    )
    assert application.id is not None
    assert consent.taking_part(db, application.id) == {"af", "kommun", "region"}
    assert consent.excluded_parties(db, application.id) == {"fk", "privat"}
    actions = [event.action for event, _who in consent.consent_log(db, application.id)]
    assert actions == ["registrerat"] * 3

    yesterday = date.today() - timedelta(days=1)
    consent.record_consents(
        db,
        application=application,
        choices=[
            ConsentChoice("af", None, True, yesterday, date.today() + timedelta(days=90)),
            ConsentChoice("fk", None, False, None, None),
            ConsentChoice("region", "psykiatri", False, yesterday, None),
        ],
        by=referrer,
    )
    db.commit()
    log = consent.consent_log(db, application.id)
    assert [event.action for event, _who in log[3:]] == ["andrat", "uteslutet"]
    assert all(who is not None and who.id == referrer.id for _event, who in log)
    assert consent.taking_part(db, application.id) == {"af", "kommun"}


def test_expired_consent_no_longer_counts(db: Session, make_user: UserFactory) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer, consent_keys=("af", "fk"))
    assert application.id is not None
    later = date.today() + timedelta(days=400)
    assert consent.taking_part(db, application.id, today=later) == {"af", "fk"}
    for row in consent.consent_rows(db, application.id):
        row.valid_until = date.today() + timedelta(days=30)
        db.add(row)
    db.commit()
    assert consent.taking_part(db, application.id, today=later) == frozenset()


def test_team_members_of_excluded_or_revoked_parties_get_the_notice(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(
        db, referrer, consent_keys=("af", "fk", "kommun_socialtjanst")
    )
    region, fk = (make_user(Role.MGT, party=p) for p in ("region", "fk"))
    kommun = make_user(Role.MGT, party="kommun", unit="socialtjanst")
    admin = make_user(Role.ADMIN)

    def denial(user: User) -> access.Denial | None:
        return decision_for(db, user, application).denial

    assert denial(region) is access.Denial.NO_CONSENT
    assert denial(fk) is None

    revoke_consent(db, application=application, by=referrer, party="fk")
    assert denial(fk) is access.Denial.REVOKED
    assert denial(kommun) is None
    assert not consent.processing_blocked(db, application)

    # The team records a revocation only on the person's word, written down.
    with pytest.raises(RevocationError):
        revoke_consent(db, application=application, by=kommun, party=None, reason=" ")
    assert denial(kommun) is None
    revoke_consent(db, application=application, by=kommun, party=None, reason="Muntligt vid mötet")
    assert consent.processing_blocked(db, application)
    assert denial(kommun) is access.Denial.REVOKED
    assert denial(referrer) is None
    # Administrators never see a person's case, revoked or not.
    assert denial(admin) is access.Denial.ROLE
    revoked = [
        (event.party, who.id if who else None)
        for event, who in consent.consent_log(db, application.id or 0)
        if event.action == "aterkallat"
    ]
    assert revoked == [("fk", referrer.id), (None, kommun.id)]
    notes = [e.note for e, _who in consent.consent_log(db, application.id or 0)]
    assert notes[-1] == "Muntligt vid mötet"


def test_revoking_what_is_already_revoked_logs_nothing(db: Session, make_user: UserFactory) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer, consent_keys=("af",))
    assert revoke_consent(db, application=application, by=referrer, party="af")
    assert not revoke_consent(db, application=application, by=referrer, party="af")
    events = db.exec(select(ConsentEvent).where(ConsentEvent.action == "aterkallat")).all()
    assert len(events) == 1


def test_anonymous_consultation_is_visible_without_consent(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer, anonymous=True)
    member = make_user(Role.MGT, party="region")
    assert decision_for(db, member, application).allowed
    assert not consent.processing_blocked(db, application)
    assert consent.consent_rows(db, application.id or 0) == []
