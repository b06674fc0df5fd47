"""Draft the parallel plan and check the MGT target group.

Rows follow the process lanes of the Gotland evaluation [seed 000]:
Kartläggning → Försteg (when needed) → Insatser → Matchning till nästa steg,
with health care and social support *in parallel* with the first work-oriented
step (the BIP research), and efterstöd after the hand-over. The referrer owns
the plan throughout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.eligibility import check_eligibility
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommendation
from mgt_assistant.domain.rules.model import LANES, PHASES, RuleSet

MAPPING_WEEKS: Final = 2  # the joint mapping with the MGT before steps start
MAX_FIRST_STEP_WEEKS: Final = 8  # a försteg should not hold back the next step for long
MAX_INTERVENTION_WEEKS: Final = 12  # matching starts at the latest after this
MAX_MATCHING_WEEKS: Final = 26  # hand-over to the next step, after which efterstöd starts


@dataclass(frozen=True)
class TargetGroupCheck:
    """Whether the case fits the MGT target group: True, False or None (unknown), and why."""

    in_target_group: bool | None
    reasons: tuple[str, ...]


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
class DraftPlan:
    """A draft parallel plan, tied to the rule set that produced it."""

    owner: PlanOwner | None
    rows: tuple[PlanRow, ...]
    target_group: TargetGroupCheck
    rule_set_version: str
    rule_set_hash: str


def _age_reason(rule_set: RuleSet, case: Case) -> tuple[bool | None, str]:
    group = rule_set.target_group
    span = f"{group.min_age}–{group.max_age} år"
    if case.age is None:
        return None, f"ålder okänd – målgruppen är {span}"
    if group.min_age <= case.age <= group.max_age:
        return True, f"ålder {case.age} år: inom målgruppen {span}"
    return False, f"ålder {case.age} år: utanför målgruppen {span}"


def _complexity_reason(rule_set: RuleSet, case: Case) -> tuple[bool | None, str]:
    active = sorted(case.active_needs)
    if not active:
        return None, "inga behov kända än – komplex problematik kan inte bedömas"
    parties = sorted({p for need in active for p in rule_set.taxonomy.parties_for(need)})
    names = ", ".join(PARTY_NAMES[p] for p in parties)
    wanted = rule_set.target_group.min_parties
    if len(parties) >= wanted:
        return True, f"behoven berör {len(parties)} parter ({names}): komplex problematik"
    return False, (
        f"behoven berör bara {len(parties)} part ({names}) – MGT är för behov "
        f"som berör minst {wanted} parter"
    )


def _resources_reason(case: Case) -> tuple[bool | None, str]:
    if case.own_resources_tried is None:
        return None, "okänt om remittentens egna resurser är prövade"
    if case.own_resources_tried:
        return True, "remittentens egna resurser är prövade"
    return False, "remittentens egna resurser är inte prövade än – pröva dem före ansökan till MGT"


def check_target_group(rule_set: RuleSet, case: Case) -> TargetGroupCheck:
    """Check age, complex needs and own resources; unknown facts are said, not guessed."""
    checks = [
        _age_reason(rule_set, case),
        _complexity_reason(rule_set, case),
        _resources_reason(case),
    ]
    verdicts = [verdict for verdict, _ in checks]
    reasons = [reason for _, reason in checks]
    if case.consent_given is None:
        reasons.append("samtycke är inte registrerat – inhämta samtycke före mötet")
    elif not case.consent_given:
        reasons.append("personen har inte gett samtycke – ärendet kan inte tas upp med namn")
    for party in sorted(case.excluded_parties):
        reasons.append(
            f"personen har undantagit {PARTY_NAMES[party]} – deras insatser föreslås inte"
        )
    if case.referrer is None:
        reasons.append("remittent saknas – planen behöver en ansvarig remittent")
    verdict: bool | None = True
    if False in verdicts:
        verdict = False
    elif None in verdicts:
        verdict = None
    return TargetGroupCheck(verdict, tuple(reasons))


def _schedule(recommendations: Iterable[Recommendation]) -> dict[str, int]:
    """Return the start week of each phase of the work-oriented lane."""
    by_phase: dict[str, list[int]] = {phase: [] for phase in PHASES}
    for rec in recommendations:
        if rec.intervention.lane == "arbetsliv" or rec.intervention.phase in (
            "kartlaggning",
            "efterstod",
        ):
            by_phase[rec.intervention.phase].append(rec.intervention.weeks)
    first = MAPPING_WEEKS if by_phase["kartlaggning"] else 0
    insats = first + min(max(by_phase["forsteg"], default=0), MAX_FIRST_STEP_WEEKS)
    matching = insats + min(max(by_phase["insats"], default=0), MAX_INTERVENTION_WEEKS)
    after = matching + min(max(by_phase["matchning"], default=0), MAX_MATCHING_WEEKS)
    return {
        "kartlaggning": 0,
        "forsteg": first,
        "insats": insats,
        "matchning": matching,
        "efterstod": after,
        "parallel": first,
    }


def _start(rec: Recommendation, weeks: dict[str, int]) -> int:
    phase = rec.intervention.phase
    if rec.intervention.lane != "arbetsliv" and phase not in ("kartlaggning", "efterstod"):
        # Care and social support start together with the first work-oriented step.
        return weeks["parallel"]
    return weeks[phase]


def draft_plan(rule_set: RuleSet, evaluation: Evaluation) -> DraftPlan:
    """Turn recommendations into a draft parallel plan owned by the referrer."""
    case = evaluation.case
    income = rule_set.outcomes.income_sources
    allowed = [
        rec
        for rec in evaluation.recommendations
        # Never a party the person excluded, never an intervention they cannot get.
        if rec.intervention.party not in case.excluded_parties
        and check_eligibility(rec.intervention, case, income).reason is None
    ]
    weeks = _schedule(allowed)
    lane_order = {lane: n for n, lane in enumerate(LANES)}
    phase_order = {phase: n for n, phase in enumerate(PHASES)}
    rows = sorted(
        (
            PlanRow(
                rec.intervention.id,
                rec.intervention.name,
                rec.intervention.party,
                rec.intervention.unit,
                rec.intervention.lane,
                rec.intervention.phase,
                _start(rec, weeks),
                rec.intervention.weeks,
                rec.why,
                rec.rule,
            )
            for rec in allowed
        ),
        key=lambda r: (lane_order[r.lane], phase_order[r.phase], r.start_week, r.intervention),
    )
    owner = None
    if case.referrer is not None:
        owner = PlanOwner(case.referrer.party, case.referrer.unit, case.referrer.case_officer)
    return DraftPlan(
        owner, tuple(rows), check_target_group(rule_set, case), rule_set.version, rule_set.hash
    )
