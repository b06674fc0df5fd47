"""Draft the parallel plan: alerts first, what is in place, one of each alternative, a load cap.

Rows follow the process lanes of the Gotland evaluation [seed 000]:
Kartläggning → Försteg (when needed) → Insatser → Matchning till nästa steg,
with health care and social support *in parallel* with the first work-oriented
step (the BIP research), and efterstöd after the hand-over. IPS goes straight
to job search [seed 004]. The referrer owns the plan throughout [seed 000].
Nothing the rules propose is dropped silently: it is a row, "pågår redan",
"nästa steg, senare", or named with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.eligibility import check_eligibility
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommendation
from mgt_assistant.domain.rules.model import LANES, PHASES, Intervention, RuleSet
from mgt_assistant.domain.rules.schedule import Candidate, phase_weeks, place
from mgt_assistant.domain.rules.target import case_target_group
from mgt_assistant.domain.target_group import TargetGroupCheck

WINTER_MONTHS: Final = frozenset({11, 12, 1, 2, 3})
IPS: Final = "ips"


@dataclass(frozen=True)
class PlanOwner:
    """The referrer who owns the plan and its follow-up."""

    party: str
    unit: str | None
    case_officer: str | None
    role: str = "remittent"


@dataclass(frozen=True)
class PlanRow:
    """One step of the draft plan."""

    intervention: str
    name: str
    party: str
    unit: str
    lane: str
    phase: str
    start_week: int
    weeks: int
    why: str
    rule: str


@dataclass(frozen=True)
class PlanAlert:
    """An acute matter to handle now, outside MGT, with its route and the words that showed it."""

    kind: str
    label: str
    message: str
    route: str
    evidence: str


@dataclass(frozen=True)
class InPlace:
    """An intervention the person already has: shown as "pågår redan", never proposed again."""

    intervention: str
    name: str
    party: str
    unit: str
    evidence: str


@dataclass(frozen=True)
class Later:
    """A proposed step that does not fit the draft now: "nästa steg, senare", with why."""

    intervention: str
    name: str
    party: str
    why: str


@dataclass(frozen=True)
class Dropped:
    """A proposal the drafter set aside, with its reason (alternative, in place, IPS)."""

    intervention: str
    reason: str


@dataclass(frozen=True)
class DraftPlan:
    """A draft parallel plan, tied to the rule set that produced it."""

    owner: PlanOwner | None
    rows: tuple[PlanRow, ...]
    target_group: TargetGroupCheck
    rule_set_version: str
    rule_set_hash: str
    alerts: tuple[PlanAlert, ...] = ()
    in_place: tuple[InPlace, ...] = ()
    later: tuple[Later, ...] = ()
    dropped: tuple[Dropped, ...] = ()


def check_target_group(rule_set: RuleSet, case: Case) -> TargetGroupCheck:
    """Check the case with the one target-group check; a missing referrer is noted."""
    check = case_target_group(rule_set, case)
    if case.referrer is None:
        note = "Remittent saknas: planen behöver en ansvarig remittent."
        return TargetGroupCheck(check.criteria, (*check.notes, note))
    return check


def plan_alerts(rule_set: RuleSet, case: Case) -> tuple[PlanAlert, ...]:
    """Return the open alerts in the order of the rule set, with routes and evidence."""
    open_alerts = {fact.id: fact for fact in case.open_alerts}
    found: list[PlanAlert] = []
    for kind, route in rule_set.alert_routes.items():
        fact = open_alerts.get(kind)
        if fact is None:
            continue
        message = route.message
        if route.winter_message and case.as_of is not None and case.as_of.month in WINTER_MONTHS:
            message = f"{message} {route.winter_message}"
        found.append(PlanAlert(kind, route.label, message, route.route, fact.evidence))
    return tuple(found)


def _consented(intervention: Intervention, case: Case) -> bool:
    return (
        intervention.party not in case.excluded_parties
        and (intervention.party, intervention.unit) not in case.excluded_units
    )


def _in_place(rule_set: RuleSet, case: Case) -> tuple[InPlace, ...]:
    items = rule_set.interventions
    return tuple(
        InPlace(
            fact.id, items[fact.id].name, items[fact.id].party, items[fact.id].unit, fact.evidence
        )
        for fact in case.services_in_place
        if fact.id in items
    )


def _choose(
    rule_set: RuleSet, recs: list[Recommendation], in_place: frozenset[str]
) -> tuple[list[Recommendation], list[Dropped]]:
    """Keep at most one of each alternatives group, in the group's order; drop what is in place."""
    dropped = [
        Dropped(r.intervention.id, "pågår redan") for r in recs if r.intervention.id in in_place
    ]
    kept = [r for r in recs if r.intervention.id not in in_place]
    proposed = {r.intervention.id for r in kept}
    for group in rule_set.alternatives:
        present = [iid for iid in group.order if iid in proposed or iid in in_place]
        if len(present) < 2:
            continue
        winner = next((iid for iid in group.order if iid in in_place), present[0])
        losers = {iid for iid in present if iid != winner and iid not in in_place}
        dropped += [
            Dropped(iid, f"alternativ till {winner} ({group.label}): {group.why}")
            for iid in group.order
            if iid in losers
        ]
        kept = [r for r in kept if r.intervention.id not in losers]
    if any(r.intervention.id == IPS for r in kept) or IPS in in_place:
        first_steps = [
            r
            for r in kept
            if r.intervention.lane == "arbetsliv" and r.intervention.phase == "forsteg"
        ]
        dropped += [
            Dropped(r.intervention.id, "IPS går direkt till jobbsökande – inget försteg före IPS")
            for r in first_steps
        ]
        kept = [r for r in kept if r not in first_steps]
    return kept, dropped


def _acute_hold(
    rule_set: RuleSet, alerts: tuple[PlanAlert, ...], recs: list[Recommendation]
) -> tuple[list[Candidate], list[Later]]:
    """While an alert is open, keep only acute and kartläggning steps; the rest waits."""
    kinds = ", ".join(alert.label.lower() for alert in alerts)
    acute: dict[str, str] = {}
    for alert in alerts:
        for iid in rule_set.alert_routes[alert.kind].acute_interventions:
            acute.setdefault(iid, f"Akut: {alert.label.lower()} – {alert.route}")
    held: list[Candidate] = []
    waiting: list[Later] = []
    for rec in recs:
        item = rec.intervention
        if item.phase == "kartlaggning" or item.id in acute:
            held.append(Candidate(item, rec.why, rec.rule, rec.priority))
        else:
            why = f"väntar tills det akuta är hanterat ({kinds})"
            waiting.append(Later(item.id, item.name, item.party, why))
    proposed = {rec.intervention.id for rec in recs}
    held += [
        Candidate(rule_set.interventions[iid], why, "larm", 1)
        for iid, why in acute.items()
        if iid not in proposed
    ]
    return held, waiting


def _schedule(
    rule_set: RuleSet, candidates: list[Candidate]
) -> tuple[list[tuple[Candidate, int]], list[tuple[Candidate, str]]]:
    """Place steps within the caps, then re-time the phases from what was placed."""
    limits = rule_set.plan_limits

    def weeks_for(chosen: list[Candidate]) -> dict[str, int]:
        return phase_weeks(chosen, straight_to_job=any(c.intervention.id == IPS for c in chosen))

    placed, overflow = place(candidates, weeks_for(candidates), limits)
    # A step that waits for later must not hold back the phases after it.
    kept = [c for c, _ in placed]
    again, more = place(kept, weeks_for(kept), limits)
    return again, overflow + more


def draft_plan(rule_set: RuleSet, evaluation: Evaluation) -> DraftPlan:
    """Turn recommendations into a draft parallel plan owned by the referrer."""
    case = evaluation.case
    income = rule_set.outcomes.income_sources
    allowed = [
        rec
        for rec in evaluation.recommendations
        # Never a party or unit the person excluded, never an intervention they cannot get.
        if _consented(rec.intervention, case)
        and check_eligibility(rec.intervention, case, income).reason is None
    ]
    in_place = _in_place(rule_set, case)
    kept, dropped = _choose(rule_set, allowed, frozenset(i.intervention for i in in_place))
    alerts = plan_alerts(rule_set, case)
    later: list[Later] = []
    if alerts:
        candidates, later = _acute_hold(rule_set, alerts, kept)
        candidates = [c for c in candidates if _consented(c.intervention, case)]
    else:
        candidates = [Candidate(r.intervention, r.why, r.rule, r.priority) for r in kept]
    placed, overflow = _schedule(rule_set, candidates)
    later += [
        Later(c.intervention.id, c.intervention.name, c.intervention.party, why)
        for c, why in overflow
    ]
    lane_order = {lane: n for n, lane in enumerate(LANES)}
    phase_order = {phase: n for n, phase in enumerate(PHASES)}
    rows = sorted(
        (
            PlanRow(
                c.intervention.id,
                c.intervention.name,
                c.intervention.party,
                c.intervention.unit,
                c.intervention.lane,
                c.intervention.phase,
                start,
                c.intervention.weeks,
                c.why,
                c.rule,
            )
            for c, start in placed
        ),
        key=lambda r: (r.start_week, phase_order[r.phase], lane_order[r.lane], r.intervention),
    )
    owner = None
    if case.referrer is not None:
        owner = PlanOwner(case.referrer.party, case.referrer.unit, case.referrer.case_officer)
    return DraftPlan(
        owner,
        tuple(rows),
        check_target_group(rule_set, case),
        rule_set.version,
        rule_set.hash,
        alerts,
        in_place,
        tuple(later),
        tuple(dropped),
    )
