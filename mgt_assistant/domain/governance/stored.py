"""Stored case facts: what the rules saw for a recorded case, anonymised, for replay.

A ``StoredCase`` holds an opaque id and the facts in the JSON shape ``read_case``
takes (needs, age or age band, referrer party and unit, income source, consent
with excluded parties and units, own resources tried, services in place,
diagnoses, alerts and which are handled, the plan's date) – never names, free
text, the goal in the person's words or the words any fact was read from.
``--cases`` files are JSON Lines: one ``{"id": "...", "facts": {...}}`` per line.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.facts import ALERT_KINDS, DIAGNOSES
from mgt_assistant.domain.rules.model import RuleSet

# Facts that could name or describe the person in their own words are never stored.
_FORBIDDEN: Final[Mapping[str, str]] = {
    "text": "fritext",
    "case_officer": "handläggarens namn",
    "evidence": "ord ur anteckningarna",
    "name": "namn",
    "personnummer": "personnummer",
    "goal": "målet med personens egna ord",
}


class StoredCaseError(ValueError):
    """A stored case that cannot be used; the message is one Swedish line."""


@dataclass(frozen=True)
class StoredCase:
    """One recorded case's facts for replay: an anonymous id and the case facts."""

    id: str
    facts: Mapping[str, Any]


def case_facts(case: Case) -> dict[str, Any]:
    """Return a case's facts as anonymised JSON data (no text, names or evidence)."""
    facts: dict[str, Any] = {
        "needs": [
            {"id": n.id, "status": n.status}
            | ({"severity": n.severity} if n.severity is not None else {})
            for n in case.needs
        ]
    }
    if case.age is not None:
        facts["age"] = case.age
    if case.referrer is not None:
        referrer = {"party": case.referrer.party}
        if case.referrer.unit is not None:
            referrer["unit"] = case.referrer.unit
        facts["referrer"] = referrer
    if case.income_source is not None:
        facts["income_source"] = case.income_source
    if case.age_range is not None:
        facts["age_range"] = list(case.age_range)
    if case.consent_given is not None:
        facts["consent"] = {
            "given": case.consent_given,
            "excluded_parties": sorted(case.excluded_parties),
        } | (
            {"excluded_units": sorted(f"{p}.{u}" for p, u in case.excluded_units)}
            if case.excluded_units
            else {}
        )
    if case.own_resources_tried is not None:
        facts["own_resources_tried"] = case.own_resources_tried
    # Facts beyond needs keep their ids only: the evidence is the person's own words.
    if case.services_in_place:
        facts["services_in_place"] = [fact.id for fact in case.services_in_place]
    diagnoses = [{"id": f.id, "status": "known"} for f in case.known_diagnoses]
    diagnoses += [{"id": f.id, "status": "suspected"} for f in case.suspected_diagnoses]
    if diagnoses:
        facts["diagnoses"] = diagnoses
    if case.alerts:
        facts["alerts"] = [fact.id for fact in case.alerts]
    if case.alerts_handled:
        facts["alerts_handled"] = sorted(case.alerts_handled)
    if case.as_of is not None:
        facts["date"] = case.as_of.isoformat()
    return facts


def _check_anonymous(value: Any, where: str) -> None:
    """Refuse facts that carry names or free text anywhere inside."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in _FORBIDDEN and inner not in (None, ""):
                raise StoredCaseError(
                    f"{where}: fältet '{key}' ({_FORBIDDEN[key]}) får inte sparas – "
                    "ärendefakta ska vara anonymiserade"
                )
            _check_anonymous(inner, where)
    elif isinstance(value, list):
        for inner in value:
            _check_anonymous(inner, where)


def stored_case(data: Any, where: str) -> StoredCase:
    """Read one stored case from decoded JSON; raise StoredCaseError naming ``where``."""
    if not isinstance(data, dict):
        raise StoredCaseError(f"{where}: varje rad måste vara ett JSON-objekt med 'id' och 'facts'")
    unknown = sorted(set(data) - {"id", "facts"})
    if unknown:
        raise StoredCaseError(f"{where}: okänt fält '{unknown[0]}' (kända: facts, id)")
    case_id, facts = data.get("id"), data.get("facts")
    if not isinstance(case_id, str | int) or isinstance(case_id, bool) or str(case_id) == "":
        raise StoredCaseError(f"{where}: 'id' saknas eller är inte text")
    if not isinstance(facts, dict):
        raise StoredCaseError(f"{where}: 'facts' saknas eller är inte ett objekt")
    _check_anonymous(facts, where)
    return StoredCase(str(case_id), facts)


def read_stored_cases(lines: Iterable[str], source: str = "ärenden") -> list[StoredCase]:
    """Read JSON Lines of stored cases; blank lines are skipped, ids must be unique."""
    cases: list[StoredCase] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise StoredCaseError(f"{where}: ogiltig JSON ({error.msg})") from None
        case = stored_case(data, where)
        if case.id in seen:
            raise StoredCaseError(f"{where}: id '{case.id}' finns redan på rad {seen[case.id]}")
        seen[case.id] = number
        cases.append(case)
    return cases


def load_stored_cases(path: Path) -> list[StoredCase]:
    """Read a JSON Lines file of stored cases; raise StoredCaseError in Swedish."""
    try:
        with path.open(encoding="utf-8") as handle:
            return read_stored_cases(handle, path.name)
    except OSError as error:
        raise StoredCaseError(f"kan inte läsa {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise StoredCaseError(f"{path.name} är inte giltig UTF-8") from None


def _synthetic_extras(rng: random.Random, facts: dict[str, Any], rule_set: RuleSet) -> None:
    """Add the facts beyond needs: services in place, diagnoses, alerts, units, band, date."""
    if rng.random() < 0.2:
        facts["services_in_place"] = rng.sample(sorted(rule_set.interventions), rng.randint(1, 2))
    if rng.random() < 0.15:
        facts["diagnoses"] = [
            {"id": d, "status": rng.choice(("known", "known", "suspected"))}
            for d in rng.sample(DIAGNOSES, rng.randint(1, 2))
        ]
    if rng.random() < 0.1:
        kinds = [k for k in ALERT_KINDS if k != "minor"]
        facts["alerts"] = rng.sample(kinds, rng.randint(1, 2))
        if rng.random() < 0.4:
            facts["alerts_handled"] = facts["alerts"][:1]
    consent = facts.get("consent")
    if consent is not None and rng.random() < 0.15:
        units = [f"{p}.{u.id}" for p, partner in rule_set.partners.items() for u in partner.units]
        consent["excluded_units"] = sorted(rng.sample(units, 1))
    if "age" not in facts and rng.random() < 0.5:
        # An age band as an anonymous consultation gives it; some reach under 18.
        low = rng.randint(15, 60)
        facts["age_range"] = [low, low + rng.choice((1, 4))]
    if rng.random() < 0.5:
        facts["date"] = f"2026-{rng.randint(1, 12):02d}-15"


def synthetic_cases(rule_set: RuleSet, count: int, seed: int = 12) -> list[StoredCase]:
    """Return deterministic, varied synthetic cases over the rule set's vocabulary."""
    rng = random.Random(seed)
    needs = rule_set.taxonomy.all_ids()
    incomes = sorted(rule_set.outcomes.income_sources)
    units = {p: [u.id for u in partner.units] for p, partner in rule_set.partners.items()}
    statuses = ("present", "present", "present", "uncertain", "historical", "negated")
    cases: list[StoredCase] = []
    for number in range(count):
        facts: dict[str, Any] = {
            "needs": [
                {"id": need, "status": rng.choice(statuses)}
                | ({"severity": rng.randint(1, 5)} if rng.random() < 0.3 else {})
                for need in rng.sample(needs, rng.randint(0, 4))
            ]
        }
        if rng.random() < 0.9:
            facts["age"] = rng.randint(15, 70)
        if rng.random() < 0.85:
            party = rng.choice([p for p in PARTIES if p in units] or list(PARTIES))
            referrer: dict[str, Any] = {"party": party}
            if units.get(party) and rng.random() < 0.5:
                referrer["unit"] = rng.choice(units[party])
            facts["referrer"] = referrer
        if rng.random() < 0.8:
            facts["income_source"] = rng.choice(incomes)
        if rng.random() < 0.8:
            excluded = [p for p in PARTIES if rng.random() < 0.1]
            facts["consent"] = {"given": rng.random() < 0.95, "excluded_parties": excluded}
        if rng.random() < 0.7:
            facts["own_resources_tried"] = rng.random() < 0.7
        _synthetic_extras(rng, facts, rule_set)
        cases.append(StoredCase(f"syn-{number:05d}", facts))
    return cases
