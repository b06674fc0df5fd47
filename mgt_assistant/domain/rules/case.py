"""A case as the recommender sees it, read from plain JSON-like data.

Every field is optional and a missing field stays unknown (``None``): the
recommender never guesses. Needs carry the status and evidence the needs
extractor produces, so typed-in needs and needs found in text look the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, Protocol

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTIES, PARTY_NAMES

if TYPE_CHECKING:
    from mgt_assistant.domain.rules.model import RuleSet

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
}
_CASE_KEYS: Final = {
    "text",
    "needs",
    "age",
    "referrer",
    "income_source",
    "consent",
    "own_resources_tried",
}


class CaseError(ValueError):
    """Input that cannot be read as a case; the message is one Swedish line."""


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

    @property
    def active_needs(self) -> frozenset[str]:
        """Return the ids of needs that are present or uncertain."""
        return frozenset(need.id for need in self.needs if need.active)


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
    if severity is not None and (_whole(severity) is None or not 1 <= int(severity) <= 5):
        raise CaseError(f"svårighetsgraden för {need_id} måste vara ett heltal 1–5")
    domain = need_id.split(".", 1)[0]
    level = None if severity is None else int(severity)
    return NeedEntry(need_id, domain, str(status), evidence, level)


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _party(value: Any, what: str) -> str:
    if not isinstance(value, str) or value not in PARTIES:
        raise CaseError(f"okänd part '{value}' i {what} (kända: {', '.join(PARTIES)})")
    return value


def _referrer(raw: Any, units: Mapping[str, frozenset[str]]) -> Referrer:
    if not isinstance(raw, dict):
        raise CaseError("'referrer' måste vara ett objekt med 'party'")
    party = _party(raw.get("party"), "referrer")
    unit = raw.get("unit")
    if unit is not None and (not isinstance(unit, str) or unit not in units.get(party, ())):
        raise CaseError(f"okänd enhet '{unit}' hos {PARTY_NAMES[party]}")
    officer = raw.get("case_officer")
    if officer is not None and not isinstance(officer, str):
        raise CaseError("'case_officer' måste vara text")
    return Referrer(party, unit, officer)


def _consent(raw: Any) -> tuple[bool, frozenset[str]]:
    if not isinstance(raw, dict):
        raise CaseError("'consent' måste vara ett objekt")
    given = raw.get("given", True)
    if not isinstance(given, bool):
        raise CaseError("'consent.given' måste vara true eller false")
    excluded = raw.get("excluded_parties", [])
    if not isinstance(excluded, list):
        raise CaseError("'consent.excluded_parties' måste vara en lista")
    return given, frozenset(_party(p, "consent.excluded_parties") for p in excluded)


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
    units: Mapping[str, frozenset[str]],
) -> Case:
    """Read a case from decoded JSON; raise CaseError with one Swedish line."""
    if not isinstance(data, dict):
        raise CaseError("ärendet måste vara ett JSON-objekt")
    for key in data:
        if key not in _CASE_KEYS:
            raise CaseError(f"okänt fält '{key}' (kända: {', '.join(sorted(_CASE_KEYS))})")
    age = data.get("age")
    if age is not None:
        age = _whole(age)
        if age is None:
            raise CaseError("'age' måste vara ett heltal")
        if not 0 <= age <= 130:
            raise CaseError(f"orimlig ålder {age}")
    income = data.get("income_source")
    if income is not None and (not isinstance(income, str) or income not in income_sources):
        raise CaseError(f"okänd försörjning '{income}'")
    tried = data.get("own_resources_tried")
    if tried is not None and not isinstance(tried, bool):
        raise CaseError("'own_resources_tried' måste vara true eller false")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise CaseError("'text' måste vara text")
    given, excluded = (
        (None, frozenset[str]()) if "consent" not in data else _consent(data["consent"])
    )
    return Case(
        needs=_needs(data.get("needs", []), taxonomy),
        age=age,
        referrer=None if data.get("referrer") is None else _referrer(data["referrer"], units),
        income_source=income,
        consent_given=given,
        excluded_parties=excluded,
        own_resources_tried=tried,
        text=text,
    )


def need_party_map(taxonomy: NeedTaxonomy) -> dict[str, tuple[str, ...]]:
    """Return, for every need id, the parties that normally have interventions for it."""
    return {need: taxonomy.parties_for(need) for need in taxonomy.all_ids()}


def case_inputs(case: Case, need_parties: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """Return the value of every table input column for a case (None = unknown)."""
    active = [need for need in case.needs if need.active]
    severities = [need.severity for need in active if need.severity is not None]
    parties = {party for need in active for party in need_parties.get(need.id, ())}
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
    }


def read_case(rule_set: RuleSet, data: Any) -> Case:
    """Read a case from decoded JSON against a rule set's ids; raise CaseError."""
    units = {p.id: frozenset(u.id for u in p.units) for p in rule_set.partners.values()}
    return parse_case(data, rule_set.taxonomy, rule_set.outcomes.income_sources, units)


class NeedMention(Protocol):
    """What the needs extractor reports for one need found in text."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def evidence(self) -> str: ...


def with_text_needs(case: Case, mentions: Iterable[NeedMention]) -> Case:
    """Add needs found in the case's text to the needs given explicitly.

    A need given explicitly wins over the same need found in text; among text
    mentions of one need, an active one (present, uncertain) wins.
    """
    merged = {need.id: need for need in case.needs}
    for mention in mentions:
        if mention.status not in NEED_STATUSES:
            continue
        entry = NeedEntry(mention.id, mention.id.split(".", 1)[0], mention.status, mention.evidence)
        known = merged.get(entry.id)
        if known is None or (entry.active and not known.active and known not in case.needs):
            merged[entry.id] = entry
    return replace(case, needs=tuple(merged.values()))
