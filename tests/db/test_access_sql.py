"""The list filter in SQL gives the same verdict as ``domain.access.decide`` for every case.

Many cases, each with a different set of consent rows (party and unit rows, included or
excluded, in force, revoked, expired or not yet valid), are stored once; every viewer's
filtered list must be exactly the cases the domain rule allows.
"""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from mgt_assistant.db.access import grants_of, visible_to
from mgt_assistant.db.models import Application, ApplicationStatus, Consent, Role
from mgt_assistant.domain import access
from tests.conftest import UserFactory

pytestmark = pytest.mark.db

TODAY = date(2026, 6, 15)
# (included, given_on, valid_until, revoked)
STATES = {
    "in_force": (True, TODAY - timedelta(days=10), None, False),
    "until_today": (True, None, TODAY, False),
    "revoked": (True, TODAY - timedelta(days=10), None, True),
    "expired": (True, TODAY - timedelta(days=100), TODAY - timedelta(days=1), False),
    "future": (True, TODAY + timedelta(days=5), None, False),
    "excluded": (False, None, None, False),
    "excluded_revoked": (False, None, None, True),
}
SCOPES = (("kommun", None), ("kommun", "socialtjanst"), ("kommun", "lss"), ("region", "psykiatri"))


def _cases() -> list[tuple[tuple[str, str | None, str], ...]]:
    # Every pair of (scope, state) rows, and a random sample of larger sets.
    rows = [(party, unit, state) for (party, unit) in SCOPES for state in STATES]
    cases: list[tuple[tuple[str, str | None, str], ...]] = [()]
    cases += [(row,) for row in rows]
    cases += list(itertools.combinations(rows, 2))
    generator = random.Random(13)
    cases += [tuple(generator.sample(rows, 4)) for _ in range(60)]
    return cases


def test_sql_filter_agrees_with_the_domain_rule(db: Session, make_user: UserFactory) -> None:
    referrer = make_user(Role.REMITTENT, party="af")
    other = make_user(Role.REMITTENT, party="af")
    cases = _cases()
    ids: list[int] = []
    for number, rows in enumerate(cases):
        application = Application(
            status=ApplicationStatus.DRAFT if number == 1 else ApplicationStatus.SUBMITTED,
            anonymous=number == 2,
            referrer_user_id=(referrer.id if number % 2 else other.id) or 0,
            referrer_party="af",
            referrer_name="Remittent",
        )
        db.add(application)
        db.flush()
        assert application.id is not None
        ids.append(application.id)
        for party, unit, state in rows:
            included, given_on, valid_until, revoked = STATES[state]
            db.add(
                Consent(
                    application_id=application.id,
                    party=party,
                    unit=unit,
                    included=included,
                    given_on=given_on,
                    valid_until=valid_until,
                    revoked_at=datetime(2026, 6, 1, tzinfo=UTC) if revoked else None,
                )
            )
    db.commit()
    grants = grants_of(db, ids)
    stored = {a.id: a for a in db.exec(select(Application)).all()}
    people = [
        access.Person(access.Viewer.TEAM, 900, party, unit)
        for party, unit in [
            ("kommun", None),
            ("kommun", "socialtjanst"),
            ("kommun", "lss"),
            ("kommun", "aldreomsorg"),
            ("region", "psykiatri"),
            ("region", "primarvard"),
            ("af", None),
            (None, None),
        ]
    ]
    people += [
        access.Person(access.Viewer.REFERRER, referrer.id or 0, "af"),
        access.Person(access.Viewer.ADMIN, 901),
        access.Person(access.Viewer.STEERING, 902),
    ]
    mismatches = []
    for person in people:
        query = select(Application.id).where(visible_to(person, TODAY))
        found = set(db.exec(query.where(col(Application.id).in_(ids))).all())
        for application_id in ids:
            application = stored[application_id]
            facts = access.CaseFacts(
                application.referrer_user_id, application.anonymous, grants[application_id]
            )
            expected = access.decide(person, facts, TODAY).allowed
            if person.role is access.Viewer.TEAM and application.status is ApplicationStatus.DRAFT:
                expected = False  # the team never sees a referrer's draft
            if (application_id in found) != expected:
                mismatches.append((person, cases[ids.index(application_id)], expected))
    assert not mismatches, mismatches[:10]
    # The data covers both verdicts for the unit-level team members.
    unit_member = people[1]
    visible = set(db.exec(select(Application.id).where(visible_to(unit_member, TODAY))).all())
    assert 0 < len(visible) < len(ids)
