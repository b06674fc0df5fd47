"""The anonymised examples of a replay: a case's summary, its plans before and after, and why.

Only the few cases shown to the steering group come here; they are evaluated
again with the full trace, and drafted again, so the causes can name the table
row that proposes an intervention and the drafter's reason when it does not
reach the plan (an alternative, already in place, waiting for an alert, the cap).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.governance.stored import StoredCase
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommender
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.domain.rules.plan import DraftPlan, draft_plan

STATUS_SV: Final[Mapping[str, str]] = {
    "uncertain": "osäkert",
    "historical": "tidigare",
    "negated": "nekat",
    "other_person": "annan person",
}


@dataclass(frozen=True)
class ReplayExample:
    """One anonymised case where an intervention came or went, and the rows behind it."""

    case_id: str
    summary: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    causes: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]


def _age(case: Case) -> str:
    if case.age is not None:
        return f"{case.age} år"
    if case.age_range is not None:
        return f"{case.age_range[0]}–{case.age_range[1]} år"
    return "ålder okänd"


def case_summary(rule_set: RuleSet, case: Case) -> str:
    """Describe a case's facts in Swedish without anything that names the person."""
    parts = [_age(case)]
    if case.referrer is not None:
        parts.append(f"remitterad av {PARTY_NAMES.get(case.referrer.party, case.referrer.party)}")
    if case.income_source is not None:
        income = rule_set.outcomes.income_sources.get(case.income_source, case.income_source)
        parts.append(f"försörjning: {income}")
    needs = [
        rule_set.taxonomy.label(n.id)
        + (f" ({STATUS_SV[n.status]})" if n.status in STATUS_SV else "")
        for n in case.needs
    ]
    parts.append("behov: " + (", ".join(needs) if needs else "inga"))
    if case.excluded_parties or case.excluded_units:
        names = [PARTY_NAMES.get(p, p) for p in sorted(case.excluded_parties)]
        names += [
            f"{rule_set.unit_name(p, u)} hos {PARTY_NAMES.get(p, p)}"
            for p, u in sorted(case.excluded_units)
        ]
        parts.append(f"undantagna: {', '.join(names)}")
    if case.services_in_place:
        parts.append("pågår redan: " + ", ".join(f.id for f in case.services_in_place))
    diagnoses = [f.id for f in case.known_diagnoses] + [
        f"{f.id} (misstänkt)" for f in case.suspected_diagnoses
    ]
    if diagnoses:
        parts.append("diagnoser: " + ", ".join(diagnoses))
    if case.open_alerts:
        labels = [
            rule_set.alert_routes[a.id].label if a.id in rule_set.alert_routes else a.id
            for a in case.open_alerts
        ]
        parts.append("larm: " + ", ".join(labels))
    return "; ".join(parts)


def _row_ids(plan: DraftPlan) -> tuple[str, ...]:
    return tuple(sorted(row.intervention for row in plan.rows))


def _why_in(side: str, iid: str, evaluation: Evaluation, plan: DraftPlan) -> list[str]:
    """Say what puts the intervention in this side's plan: its rows, or an alert."""
    causes = [
        f"{side}: regel {rec.rule} ({rec.table}) föreslår {iid}"
        for rec in evaluation.recommendations
        if rec.intervention.id == iid
    ]
    if not causes:
        causes = [f"{side}: {row.why}" for row in plan.rows if row.intervention == iid]
    return causes


def _why_out(
    side: str, iid: str, evaluation: Evaluation, plan: DraftPlan, rule_set: RuleSet
) -> list[str]:
    """Say why the intervention is not in this side's plan, from the rules and the drafter."""
    reasons = [r.reason for r in evaluation.not_recommended if r.intervention.id == iid]
    reasons += [d.reason for d in plan.dropped if d.intervention == iid]
    reasons += [f"nästa steg, senare: {w.why}" for w in plan.later if w.intervention == iid]
    if any(i.intervention == iid for i in plan.in_place):
        reasons.append("pågår redan")
    if not reasons and iid not in rule_set.interventions:
        reasons = ["insatsen finns inte i katalogen"]
    return [f"{side}: {reason}" for reason in dict.fromkeys(reasons)]


class ExampleBuilder:
    """Builds the examples with the full trace and the drafted plans, only for the cases shown."""

    def __init__(self, baseline: Recommender, candidate: Recommender) -> None:
        self.baseline, self.candidate = baseline, candidate

    def build(
        self, stored: StoredCase, old: Case, new: Case, iid: str, added: bool
    ) -> ReplayExample:
        """Return the example for one case where ``iid`` came (``added``) or went."""
        old_rules, new_rules = self.baseline.rule_set, self.candidate.rule_set
        before, after = self.baseline.evaluate(old), self.candidate.evaluate(new)
        old_plan, new_plan = draft_plan(old_rules, before), draft_plan(new_rules, after)
        if added:
            causes = _why_in("kandidaten", iid, after, new_plan)
            causes += _why_out("nuvarande regler", iid, before, old_plan, old_rules)
            gained = after
        else:
            causes = _why_in("nuvarande regler", iid, before, old_plan)
            causes += _why_out("kandidaten", iid, after, new_plan, new_rules)
            gained = before
        rows = tuple((r.table, r.rule) for r in gained.recommendations if r.intervention.id == iid)
        return ReplayExample(
            stored.id,
            case_summary(new_rules, new),
            _row_ids(old_plan),
            _row_ids(new_plan),
            tuple(causes),
            rows,
        )
