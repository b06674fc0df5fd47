"""Who may see a case: ``domain.access`` applied to stored users, consents and lists.

Every page, list, htmx part, print and export that shows a person's data asks here:

- ``check_case`` for one case: allowed, or ``AccessDenied`` with the rule's Swedish
  notice, and the refusal logged as ``access_denied`` (ids only);
- ``only_visible`` for a list: it takes a ``select`` that includes ``Application`` and
  returns it filtered in SQL by the same rule, so a paged list stays exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol, Self, TypeVar

from sqlmodel import Session

from mgt_assistant.db.access import grants_of, visible_to
from mgt_assistant.db.models import Application, User
from mgt_assistant.domain import access, swedish_time
from mgt_assistant.domain.rules import RuleSet, resolve_unit
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.errors import AccessDenied

DENIED = "access_denied"


class Filterable(Protocol):
    """A select (SQLModel's or SQLAlchemy's) that can take a where clause."""

    def where(self, *whereclause: Any) -> Self: ...


Query = TypeVar("Query", bound=Filterable)


def person_of(user: User) -> access.Person:
    """Return the account as the access rule sees it."""
    return access.Person(
        role=access.Viewer(user.role.value),
        user_id=user.id or 0,
        party=user.party or None,
        unit=user.unit or None,
    )


def facts_of(session: Session, application: Application) -> access.CaseFacts:
    """Return what the rule needs to know about a stored case."""
    grants = grants_of(session, [application.id]) if application.id is not None else {}
    return access.CaseFacts(
        referrer_user_id=application.referrer_user_id,
        anonymous=application.anonymous,
        grants=grants.get(application.id or 0, ()),
    )


def decision_for(
    session: Session, user: User, application: Application, today: date | None = None
) -> access.Decision:
    """Return whether ``user`` may see ``application`` today, and why not."""
    today = today or swedish_time.today()
    return access.decide(person_of(user), facts_of(session, application), today)


def record_denial(
    session: Session, user: User | None, object_type: str, object_id: int | str | None
) -> None:
    """Log a refusal: who, and which object by id (never a name).

    The user is loaded again after the commit, so the error page that follows can
    still show who is logged in.
    """
    record_event(session, DENIED, user=user, object_type=object_type, object_id=object_id)
    if user is not None and user in session:
        session.refresh(user)


def check_case(
    session: Session,
    *,
    user: User,
    application: Application,
    object_type: str = "application",
    object_id: int | None = None,
    today: date | None = None,
) -> None:
    """Let the user through to the case, or log the refusal and raise.

    :raise AccessDenied: with the rule's Swedish notice when the user may not see it.
    """
    verdict = decision_for(session, user, application, today)
    if not verdict.allowed:
        record_denial(
            session,
            user,
            object_type,
            object_id if object_id is not None else application.id,
        )
        raise AccessDenied(verdict.message)


def only_visible(query: Query, user: User, today: date | None = None) -> Query:
    """Return ``query`` (which selects from ``Application``) limited to the cases ``user`` sees."""
    return query.where(visible_to(person_of(user), today or swedish_time.today()))


# --- Which parties and units take part: the meeting's banner, rows, proposals and print ----

LAPSED = (access.Denial.REVOKED, access.Denial.EXPIRED)


@dataclass(frozen=True)
class ConsentStanding:
    """Which parties and units the person's consent lets take part in a case today."""

    grants: tuple[access.Grant, ...]
    units: Mapping[str, tuple[str, ...]]
    today: date
    anonymous: bool = False

    def of(self, party: str, unit: str | None) -> access.Denial | None:
        """Return why ``party``/``unit`` may not take part (None: it may).

        A row without a unit takes part when its party or any of its units does.
        """
        if self.anonymous:
            return None
        if unit:
            return access.standing(self.grants, party, unit, self.today).denial
        found = [
            access.standing(self.grants, party, each, self.today).denial
            for each in (None, *self.units.get(party, ()))
        ]
        if any(denial is None for denial in found):
            return None
        return next((d for d in LAPSED if d in found), access.Denial.NO_CONSENT)

    def lapsed(self) -> list[tuple[str, str | None, access.Denial]]:
        """Return each party or unit whose consent was revoked or has expired (not renewed)."""
        found: list[tuple[str, str | None, access.Denial]] = []
        for grant in self.grants:
            state = grant.state(self.today)
            if not grant.included or state not in LAPSED:
                continue
            now = access.standing(self.grants, grant.party, grant.unit, self.today).denial
            entry = (grant.party, grant.unit, now) if now in LAPSED else None
            if entry is not None and entry not in found:
                found.append(entry)
        return found


def consent_standing(
    grants: tuple[access.Grant, ...], rule_set: RuleSet, today: date, *, anonymous: bool
) -> ConsentStanding:
    """Return the standing of a case's consents, units read as ``rules/partners.yaml`` ids.

    Older consent rows may name a unit ("Psykiatri"); it is resolved to its id here. A
    name no partner knows stays as written, so it covers no known unit.
    """
    units = {pid: tuple(u.id for u in p.units) for pid, p in rule_set.partners.items()}

    def resolved(grant: access.Grant) -> access.Grant:
        partner = rule_set.partners.get(grant.party)
        if grant.unit is None or partner is None:
            return grant
        unit = resolve_unit(partner, grant.unit)
        return grant if unit is None else replace(grant, unit=unit.id)

    return ConsentStanding(tuple(resolved(g) for g in grants), units, today, anonymous)


def case_grants(session: Session, application: Application) -> tuple[access.Grant, ...]:
    """Return a case's consent rows as the rule's grants (none for an anonymous case)."""
    if application.anonymous or application.id is None:
        return ()
    return grants_of(session, [application.id])[application.id]
