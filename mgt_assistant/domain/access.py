"""Who may see a case: one rule for every page, list, fragment, print, export and proposal.

The rule, in the order it is applied:

1. Administrators and the steering group never see personal data about a person.
2. A referrer sees the cases they referred, and no others.
3. A team member must belong to a party. An anonymous consultation holds no personal
   data, so every team member with a party may take part in it.
4. Otherwise a team member sees a named case only when the person's consent covers
   their party *and* unit today: a consent for a whole party covers all its units; a
   consent for one unit covers that unit only; an exclusion of a unit wins over a
   consent for its party. A revoked, expired or not yet valid consent covers nothing.

Consents, units and parties are plain values here (unit ids from ``rules/partners.yaml``),
so the rule is tested exhaustively without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Viewer(StrEnum):
    """The roles as the access rule sees them."""

    ADMIN = "admin"
    TEAM = "mgt"
    REFERRER = "remittent"
    STEERING = "styrgrupp"


class Denial(StrEnum):
    """Why a case is hidden; each has one Swedish message."""

    ROLE = "role"
    NOT_OWN = "not_own"
    NO_PARTY = "no_party"
    NO_CONSENT = "no_consent"
    REVOKED = "revoked"
    EXPIRED = "expired"


DENIAL_MESSAGES = {
    Denial.ROLE: "Din roll ger inte tillgång till uppgifter om enskilda personer.",
    Denial.NOT_OWN: "Ärendet är en annan remittents. Du ser bara de ärenden du själv remitterat.",
    Denial.NO_PARTY: (
        "Ditt konto hör inte till någon part eller enhet. Be en administratör ange det, "
        "så att samtycket kan prövas."
    ),
    Denial.NO_CONSENT: (
        "Personen har inte gett samtycke till att din part eller enhet deltar i ärendet. "
        "Uppgifterna visas därför inte."
    ),
    Denial.REVOKED: (
        "Personen har återkallat samtycket för din part eller enhet. Ärendet får inte "
        "behandlas vidare av er och visas därför inte."
    ),
    Denial.EXPIRED: (
        "Samtycket för din part eller enhet har gått ut. Ärendet visas inte förrän ett nytt "
        "samtycke har registrerats."
    ),
}


@dataclass(frozen=True)
class Person:
    """Who is asking: role, account id, and the party and unit they act for."""

    role: Viewer
    user_id: int
    party: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Grant:
    """One consent row: a party, or one unit of it, included or excluded, with its dates."""

    party: str
    unit: str | None
    included: bool = True
    given_on: date | None = None
    valid_until: date | None = None
    revoked: bool = False

    def state(self, today: date) -> Denial | None:
        """Return None while the grant is in force today, else why it is not."""
        if self.revoked:
            return Denial.REVOKED
        if self.valid_until is not None and self.valid_until < today:
            return Denial.EXPIRED
        if self.given_on is not None and self.given_on > today:
            return Denial.NO_CONSENT
        return None

    def covers(self, party: str, unit: str | None) -> bool:
        """Tell whether this grant is about ``party`` and (if for a unit) ``unit``."""
        return self.party == party and (self.unit is None or self.unit == unit)


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know about a case."""

    referrer_user_id: int | None
    anonymous: bool
    grants: tuple[Grant, ...] = ()


@dataclass(frozen=True)
class Decision:
    """The verdict: allowed, or the reason it is not."""

    denial: Denial | None = None

    @property
    def allowed(self) -> bool:
        """Tell whether the person may see the case."""
        return self.denial is None

    @property
    def message(self) -> str:
        """Return the Swedish notice for a denial (empty when allowed)."""
        return "" if self.denial is None else DENIAL_MESSAGES[self.denial]


ALLOWED = Decision()


def decide(person: Person, case: CaseFacts, today: date) -> Decision:
    """Decide whether ``person`` may see ``case`` today."""
    if person.role in (Viewer.ADMIN, Viewer.STEERING):
        return Decision(Denial.ROLE)
    if person.role is Viewer.REFERRER:
        if case.referrer_user_id is not None and case.referrer_user_id == person.user_id:
            return ALLOWED
        return Decision(Denial.NOT_OWN)
    if person.party is None:
        return Decision(Denial.NO_PARTY)
    if case.anonymous:
        return ALLOWED
    return _consent(case.grants, person.party, person.unit, today)


def _consent(grants: Iterable[Grant], party: str, unit: str | None, today: date) -> Decision:
    relevant = [grant for grant in grants if grant.covers(party, unit)]
    # The most specific grant decides: a unit's own row wins over its party's row.
    for specific in (True, False):
        rows = [grant for grant in relevant if (grant.unit is not None) is specific]
        in_force = [grant for grant in rows if grant.state(today) is None]
        if any(not grant.included for grant in in_force):
            return Decision(Denial.NO_CONSENT)
        if any(grant.included for grant in in_force):
            return ALLOWED
        lapsed = [grant.state(today) for grant in rows if grant.included]
        if Denial.REVOKED in lapsed:
            return Decision(Denial.REVOKED)
        if Denial.EXPIRED in lapsed:
            return Decision(Denial.EXPIRED)
    return Decision(Denial.NO_CONSENT)


def taking_part(
    grants: Iterable[Grant], units: dict[str, tuple[str, ...]], today: date
) -> frozenset[tuple[str, str]]:
    """Return every (party, unit) that the consents let take part today.

    ``units`` lists each party's unit ids (``rules/partners.yaml``); proposals leave out
    every intervention whose party and unit are not in the result.
    """
    grants = tuple(grants)
    return frozenset(
        (party, unit)
        for party, party_units in units.items()
        for unit in party_units
        if _consent(grants, party, unit, today).allowed
    )


def standing(grants: Iterable[Grant], party: str, unit: str | None, today: date) -> Decision:
    """Tell whether the consents let ``party`` (or its ``unit``) take part in the case today.

    The same rule as for a team member of that party and unit: the meeting marks a plan
    row, leaves it out of proposals and of the printed plan when this is not allowed.
    """
    return _consent(tuple(grants), party, unit, today)
