"""A case as the recommender sees it, read from plain JSON-like data.

Every field is optional and a missing field stays unknown (``None``): the
recommender never guesses. Needs carry the status and evidence the needs
extractor produces, so typed-in needs and needs found in text look the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTIES, PARTY_NAMES
from mgt_assistant.domain.rules.fact_input import (
    CaseError as CaseError,
)
from mgt_assistant.domain.rules.fact_input import (
    read_age_range,
    read_as_of,
    read_diagnoses,
    read_facts,
    read_handled,
    read_list,
    whole,
)
from mgt_assistant.domain.rules.facts import (
    ALERT_KINDS,
    Fact,
    merge_facts,
    minor_alert,
)
from mgt_assistant.domain.rules.units import resolve_any_unit, resolve_unit

if TYPE_CHECKING:
    from mgt_assistant.domain.rules.model import Partner, RuleSet

NEED_STATUSES: Final = ("present", "uncertain", "historical", "negated", "other_person")
# An uncertain need ("misstänkt ADHD") still calls for action, usually an assessment.
ACTIVE_STATUSES: Final = frozenset({"present", "uncertain"})

# The closed vocabulary of decision-table input columns and the type each must declare.
CASE_INPUTS: Final[Mapping[str, str]] = {
    "need": "need",
    "age": "integer",
    "severity": "integer",
    "income_source": "income_source",
    "referrer_party": "party",
    "own_resources_tried": "boolean",
    "need_party_count": "integer",
    "consent_given": "boolean",
    "work_need": "boolean",
    "in_target_group": "boolean",
}
INPUT_LABELS: Final[Mapping[str, str]] = {
    "need": "behov",
    "age": "ålder",
    "severity": "svårighetsgrad",
    "income_source": "försörjning",
    "referrer_party": "remitterande part",
    "own_resources_tried": "egna resurser prövade",
    "need_party_count": "antal berörda parter",
    "consent_given": "samtycke",
    "work_need": "behov inom arbete eller studier",
    "in_target_group": "inom MGT:s målgrupp",
}
_CASE_KEYS: Final = {
    "text",
    "needs",
    "age",
    "age_range",
    "referrer",
    "income_source",
    "consent",
    "own_resources_tried",
    "services_in_place",
    "alerts",
    "alerts_handled",
    "diagnoses",
    "goal",
    "date",
}
# Needs that make work-track steps relevant: any in these domains.
WORK_DOMAINS: Final = frozenset({"work_readiness"})


@dataclass(frozen=True)
class NeedEntry:
    """A need in a case, with its status and the words it was read from."""

    id: str
    domain: str
    status: str
    evidence: str
    severity: int | None = None

    @property
    def active(self) -> bool:
        """Tell whether the need counts for recommendations."""
        return self.status in ACTIVE_STATUSES


@dataclass(frozen=True)
class Referrer:
    """The referring party, unit and case officer (the plan owner)."""

    party: str
    unit: str | None = None
    case_officer: str | None = None


@dataclass(frozen=True)
class Case:
    """One person's situation as far as it is known."""

    needs: tuple[NeedEntry, ...] = ()
    age: int | None = None
    referrer: Referrer | None = None
    income_source: str | None = None
    consent_given: bool | None = None
    excluded_parties: frozenset[str] = frozenset()
    own_resources_tried: bool | None = None
    text: str | None = None
    # The possible age (low, high) as the pre-check sees it: an age band for an anonymous
    # consultation, or what a birth year allows. The target-group check reads this first.
    age_range: tuple[int, int] | None = None
    excluded_units: frozenset[tuple[str, str]] = frozenset()
    services_in_place: tuple[Fact, ...] = ()
    alerts: tuple[Fact, ...] = ()
    # Alert kinds the team has marked handled; only then does the full plan open.
    alerts_handled: frozenset[str] = frozenset()
    known_diagnoses: tuple[Fact, ...] = ()
    suspected_diagnoses: tuple[Fact, ...] = ()
    income_evidence: str = ""
    goal: str | None = None
    # The day the plan is drafted for (winter matters for homelessness); never read from a clock.
    as_of: date | None = None

    @cached_property
    def active_needs(self) -> frozenset[str]:
        """Return the ids of needs that are present or uncertain."""
        return frozenset(need.id for need in self.needs if need.active)

    @property
    def age_span(self) -> tuple[int, int] | None:
        """Return the possible age (low, high): the range given, else (age, age), else None."""
        if self.age_range is not None:
            return self.age_range
        return None if self.age is None else (self.age, self.age)

    @property
    def all_alerts(self) -> tuple[Fact, ...]:
        """Return the alerts given or read, plus ``minor`` when the age says so."""
        minor = minor_alert(self.age_span)
        return merge_facts(self.alerts, [minor] if minor is not None else [])

    @property
    def open_alerts(self) -> tuple[Fact, ...]:
        """Return the alerts the team has not yet marked handled."""
        return tuple(a for a in self.all_alerts if a.id not in self.alerts_handled)

    @cached_property
    def in_place_ids(self) -> frozenset[str]:
        """Return the ids of interventions the person already has."""
        return frozenset(fact.id for fact in self.services_in_place)

    @cached_property
    def known_diagnosis_ids(self) -> frozenset[str]:
        """Return the ids of diagnoses the person is known to have."""
        return frozenset(fact.id for fact in self.known_diagnoses)


def _need_entry(raw: Any, taxonomy: NeedTaxonomy) -> NeedEntry:
    if isinstance(raw, str):
        raw = {"id": raw}
    if not isinstance(raw, dict):
        raise CaseError("varje behov måste vara ett id eller ett objekt med 'id'")
    need_id = raw.get("id")
    if not isinstance(need_id, str) or not taxonomy.is_known(need_id):
        raise CaseError(f"okänt behov '{need_id}'")
    status = raw.get("status", "present")
    if status not in NEED_STATUSES:
        raise CaseError(f"okänd status '{status}' för behovet {need_id}")
    evidence = raw.get("evidence", "")
    if not isinstance(evidence, str):
        raise CaseError(f"'evidence' för behovet {need_id} måste vara text")
    severity = raw.get("severity")
    if severity is not None and (whole(severity) is None or not 1 <= int(severity) <= 5):
        raise CaseError(f"svårighetsgraden för {need_id} måste vara ett heltal 1–5")
    domain = need_id.split(".", 1)[0]
    level = None if severity is None else int(severity)
    return NeedEntry(need_id, domain, str(status), evidence, level)


def _party(value: Any, what: str) -> str:
    if not isinstance(value, str) or value not in PARTIES:
        raise CaseError(f"okänd part '{value}' i {what} (kända: {', '.join(PARTIES)})")
    return value


def _referrer(raw: Any, partners: Mapping[str, Partner]) -> Referrer:
    if not isinstance(raw, dict):
        raise CaseError("'referrer' måste vara ett objekt med 'party'")
    party = _party(raw.get("party"), "referrer")
    unit = raw.get("unit")
    if unit is not None:
        partner = partners.get(party)
        found = resolve_unit(partner, unit) if partner and isinstance(unit, str) else None
        if found is None:
            known = ", ".join(u.name for u in partner.units) if partner else ""
            raise CaseError(f"okänd enhet '{unit}' hos {PARTY_NAMES[party]} (kända: {known})")
        unit = found.id
    officer = raw.get("case_officer")
    if officer is not None and not isinstance(officer, str):
        raise CaseError("'case_officer' måste vara text")
    return Referrer(party, unit, officer)


def _consent(
    raw: Any, partners: Mapping[str, Partner]
) -> tuple[bool, frozenset[str], frozenset[tuple[str, str]]]:
    if not isinstance(raw, dict):
        raise CaseError("'consent' måste vara ett objekt")
    for key in raw:
        if key not in ("given", "excluded_parties", "excluded_units"):
            raise CaseError(f"okänt fält 'consent.{key}'")
    given = raw.get("given", True)
    if not isinstance(given, bool):
        raise CaseError("'consent.given' måste vara true eller false")
    excluded = raw.get("excluded_parties", [])
    if not isinstance(excluded, list):
        raise CaseError("'consent.excluded_parties' måste vara en lista")
    units: set[tuple[str, str]] = set()
    for written in read_list(raw.get("excluded_units", []), "consent.excluded_units"):
        found = resolve_any_unit(partners, written) if isinstance(written, str) else None
        if found is None:
            raise CaseError(
                f"okänd enhet '{written}' i consent.excluded_units (skriv part.enhet, "
                "t.ex. region.psykiatri)"
            )
        units.add((found[0], found[1].id))
    parties = frozenset(_party(p, "consent.excluded_parties") for p in excluded)
    return given, parties, frozenset(units)


def _needs(raw: Any, taxonomy: NeedTaxonomy) -> tuple[NeedEntry, ...]:
    if not isinstance(raw, list):
        raise CaseError("'needs' måste vara en lista")
    merged: dict[str, NeedEntry] = {}
    for entry in (_need_entry(item, taxonomy) for item in raw):
        # The same need said twice: an active mention wins over a negated one.
        if entry.id not in merged or (entry.active and not merged[entry.id].active):
            merged[entry.id] = entry
    return tuple(merged.values())


def parse_case(
    data: Any,
    taxonomy: NeedTaxonomy,
    income_sources: Mapping[str, str],
    partners: Mapping[str, Partner],
    interventions: Iterable[str] = (),
) -> Case:
    """Read a case from decoded JSON; raise CaseError with one Swedish line."""
    if not isinstance(data, dict):
        raise CaseError("ärendet måste vara ett JSON-objekt")
    for key in data:
        if key not in _CASE_KEYS:
            raise CaseError(f"okänt fält '{key}' (kända: {', '.join(sorted(_CASE_KEYS))})")
    age = data.get("age")
    if age is not None:
        age = whole(age)
        if age is None:
            raise CaseError("'age' måste vara ett heltal")
        if not 0 <= age <= 130:
            raise CaseError(f"orimlig ålder {age}")
    income = data.get("income_source")
    if income is not None and (not isinstance(income, str) or income not in income_sources):
        listed = ", ".join(income_sources)
        raise CaseError(f"okänd försörjning '{income}' (kända: {listed})")
    tried = data.get("own_resources_tried")
    if tried is not None and not isinstance(tried, bool):
        raise CaseError("'own_resources_tried' måste vara true eller false")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise CaseError("'text' måste vara text")
    given, excluded, units = (
        (None, frozenset[str](), frozenset[tuple[str, str]]())
        if "consent" not in data
        else _consent(data["consent"], partners)
    )
    goal = data.get("goal")
    if goal is not None and not isinstance(goal, str):
        raise CaseError("'goal' måste vara text")
    known, suspected = read_diagnoses(data.get("diagnoses", []))
    return Case(
        needs=_needs(data.get("needs", []), taxonomy),
        age=age,
        referrer=None if data.get("referrer") is None else _referrer(data["referrer"], partners),
        income_source=income,
        consent_given=given,
        excluded_parties=excluded,
        own_resources_tried=tried,
        text=text,
        age_range=None if data.get("age_range") is None else read_age_range(data["age_range"]),
        excluded_units=units,
        services_in_place=read_facts(
            data.get("services_in_place", []), "services_in_place", interventions
        ),
        alerts=read_facts(data.get("alerts", []), "alerts", ALERT_KINDS, "kind"),
        alerts_handled=read_handled(data.get("alerts_handled")),
        known_diagnoses=known,
        suspected_diagnoses=suspected,
        goal=goal,
        as_of=read_as_of(data.get("date")),
    )


def need_party_map(taxonomy: NeedTaxonomy) -> dict[str, tuple[str, ...]]:
    """Return, for every need id, the parties that normally have interventions for it."""
    return {need: taxonomy.parties_for(need) for need in taxonomy.all_ids()}


def case_inputs(case: Case, need_parties: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """Return the value of every table input column for a case (None = unknown)."""
    active = [need for need in case.needs if need.active]
    severities = [need.severity for need in active if need.severity is not None]
    parties = {party for need in active for party in need_parties.get(need.id, ())}
    work = any(need.domain in WORK_DOMAINS for need in active)
    return {
        "need": frozenset(need.id for need in active) or None,
        "age": case.age,
        # The most severe need sets the level (1 = acute crisis … 5 = self-sufficient).
        "severity": min(severities) if severities else None,
        "income_source": case.income_source,
        "referrer_party": case.referrer.party if case.referrer else None,
        "own_resources_tried": case.own_resources_tried,
        "need_party_count": len(parties) if active else None,
        "consent_given": case.consent_given,
        "work_need": work,
        # Filled in by the recommender, which knows the rule set's target group.
        "in_target_group": None,
    }


def read_case(rule_set: RuleSet, data: Any) -> Case:
    """Read a case from decoded JSON against a rule set's ids; raise CaseError."""
    return parse_case(
        data,
        rule_set.taxonomy,
        rule_set.outcomes.income_sources,
        rule_set.partners,
        rule_set.interventions,
    )
