"""The one access rule of ``domain.access`` as SQL, so lists filter rows in the database.

``visible_to`` gives a clause on ``Application`` that holds exactly when
``domain.access.decide`` allows the person to see the case (plus: the team never
sees a referrer's draft). ``tests/db/test_access_sql.py`` checks the two agree on
every combination of consent rows it generates. ``grants_of`` loads the consent rows
of many cases in one query, as the rule's ``Grant`` values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, not_, or_
from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, ApplicationStatus, Consent
from mgt_assistant.domain.access import Grant, Person, Viewer


def grant_of(row: Consent) -> Grant:
    """Return a stored consent row as the rule's value (units are partners.yaml ids)."""
    return Grant(
        party=row.party,
        unit=row.unit or None,
        included=row.included,
        given_on=row.given_on,
        valid_until=row.valid_until,
        revoked=row.revoked_at is not None,
    )


def grants_of(session: Session, application_ids: Iterable[int]) -> dict[int, tuple[Grant, ...]]:
    """Return each case's consent rows as grants, in one query."""
    ids = sorted(set(application_ids))
    found: dict[int, list[Grant]] = {i: [] for i in ids}
    if ids:
        rows = session.exec(
            select(Consent).where(col(Consent.application_id).in_(ids)).order_by(col(Consent.id))
        ).all()
        for row in rows:
            found[row.application_id].append(grant_of(row))
    return {i: tuple(grants) for i, grants in found.items()}


def visible_to(person: Person, today: date) -> ColumnElement[bool]:
    """Return a clause on ``Application``: the cases ``person`` may see today."""
    if person.role in (Viewer.ADMIN, Viewer.STEERING):
        return _none()
    if person.role is Viewer.REFERRER:
        return col(Application.referrer_user_id) == person.user_id
    if person.party is None:
        return _none()
    consented = _consent(person.party, person.unit, today)
    return and_(
        col(Application.status) != ApplicationStatus.DRAFT,
        or_(col(Application.anonymous).is_(True), consented),
    )


def _none() -> ColumnElement[bool]:
    # No case at all. A constant false() would fold away the join condition it is
    # ANDed with (SQLAlchemy then warns of a cartesian product), so ask the table.
    return col(Application.id).is_(None)


def _consent(party: str, unit: str | None, today: date) -> ColumnElement[bool]:
    # The same order as domain.access._consent: the unit's own rows decide first;
    # only when they say nothing does the party's row decide.
    if unit is None:
        return _allows(party, None, today)
    return or_(
        _allows(party, unit, today),
        and_(_silent(party, unit, today), _allows(party, None, today)),
    )


def _rows(party: str, unit: str | None, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    scope = col(Consent.unit) == unit if unit is not None else _no_unit()
    return exists().where(
        col(Consent.application_id) == col(Application.id),
        col(Consent.party) == party,
        scope,
        *conditions,
    )


def _no_unit() -> ColumnElement[bool]:
    return or_(col(Consent.unit).is_(None), col(Consent.unit) == "")


def _in_force(today: date) -> ColumnElement[bool]:
    return and_(
        col(Consent.revoked_at).is_(None),
        or_(col(Consent.valid_until).is_(None), col(Consent.valid_until) >= today),
        or_(col(Consent.given_on).is_(None), col(Consent.given_on) <= today),
    )


def _allows(party: str, unit: str | None, today: date) -> ColumnElement[bool]:
    return and_(
        _rows(party, unit, _in_force(today), col(Consent.included).is_(True)),
        not_(_rows(party, unit, _in_force(today), col(Consent.included).is_(False))),
    )


def _silent(party: str, unit: str, today: date) -> ColumnElement[bool]:
    lapsed = and_(
        col(Consent.included).is_(True),
        or_(
            col(Consent.revoked_at).is_not(None),
            and_(col(Consent.valid_until).is_not(None), col(Consent.valid_until) < today),
        ),
    )
    return and_(not_(_rows(party, unit, _in_force(today))), not_(_rows(party, unit, lapsed)))
