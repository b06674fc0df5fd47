"""What-if replay: run a baseline and a candidate rule set over stored cases and compare plans.

Every case is evaluated cheaply (``explain=False``: no why-not list); only the
few example cases shown to the steering group are evaluated again with the full
trace, to name the rows that caused the change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from mgt_assistant.domain.governance.stored import StoredCase
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import Case, CaseError, read_case
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommender
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.domain.rules.plan import DraftPlan, check_target_group, draft_plan
from mgt_assistant.domain.rules.scenarios import run_scenarios

PlanKey = tuple[tuple[str, int, int], ...]
MAX_EXAMPLES: Final = 10
UNKNOWN_PARTY: Final = "okand"
NO_NEEDS: Final = "inga_behov"
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


@dataclass(frozen=True)
class InterventionChange:
    """An intervention the candidate adds to or removes from plans, and in how many cases."""

    intervention: str
    name: str
    added: int
    removed: int
    added_examples: tuple[ReplayExample, ...]
    removed_examples: tuple[ReplayExample, ...]


@dataclass(frozen=True)
class GroupChange:
    """Changes among the cases with one need, or one referrer party."""

    key: str
    label: str
    cases: int
    changed: int
    added: Mapping[str, int]
    removed: Mapping[str, int]


@dataclass(frozen=True)
class ScenarioOutcome:
    """One golden scenario of the candidate, passed or failed with why."""

    name: str
    file: str
    line: int
    passed: bool
    failures: tuple[str, ...]


@dataclass(frozen=True)
class UnreadableCase:
    """A stored case one of the rule sets cannot read (an id it no longer knows)."""

    case_id: str
    side: str
    reason: str


@dataclass(frozen=True)
class ReplayReport:
    """What a candidate rule set would have proposed for the stored cases, against a baseline."""

    baseline_version: str
    baseline_hash: str
    candidate_version: str
    candidate_hash: str
    cases: int
    compared: int
    changed_plans: int
    changed_interventions: int
    target_group_changed: int
    interventions: tuple[InterventionChange, ...]
    by_need: tuple[GroupChange, ...]
    by_party: tuple[GroupChange, ...]
    unreadable: tuple[UnreadableCase, ...]
    scenarios: tuple[ScenarioOutcome, ...]

    @property
    def scenarios_passed(self) -> int:
        """Return how many of the candidate's golden scenarios pass."""
        return sum(1 for s in self.scenarios if s.passed)


@dataclass
class _Group:
    cases: int = 0
    changed: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)


def plan_key(plan: DraftPlan) -> PlanKey:
    """Return what a plan gives the person: each intervention with its start and length."""
    return tuple((row.intervention, row.start_week, row.weeks) for row in plan.rows)


class _Side:
    """One rule set compiled for replay, with what it reads and plans cached."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set
        self.engine = Recommender(rule_set)
        self.plans: dict[tuple[str, ...], tuple[PlanKey, frozenset[str]]] = {}

    def vocabulary(self) -> tuple[object, ...]:
        """Return what reading a case depends on; equal vocabularies read cases alike."""
        rule_set = self.rule_set
        return (rule_set.taxonomy, rule_set.outcomes.income_sources, rule_set.partners)

    def read(self, stored: StoredCase) -> Case | str:
        """Read the stored facts with the rules' own reader, or return the Swedish reason."""
        try:
            return read_case(self.rule_set, dict(stored.facts))
        except CaseError as error:
            return str(error)

    def plan(self, case: Case) -> tuple[PlanKey, frozenset[str]]:
        """Return the draft plan's key and interventions, evaluated without the trace."""
        evaluation = self.engine.evaluate(case, explain=False)
        ids = tuple(rec.intervention.id for rec in evaluation.recommendations)
        found = self.plans.get(ids)
        if found is None:
            # The evaluator already leaves out what the person may not get, so the plan's
            # rows and weeks follow from the proposed interventions alone; one draft each.
            plan = draft_plan(self.rule_set, evaluation)
            found = (plan_key(plan), frozenset(row.intervention for row in plan.rows))
            self.plans[ids] = found
        return found


def case_summary(rule_set: RuleSet, case: Case) -> str:
    """Describe a case's facts in Swedish without anything that names the person."""
    parts = [f"{case.age} år" if case.age is not None else "ålder okänd"]
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
    if case.excluded_parties:
        names = ", ".join(PARTY_NAMES.get(p, p) for p in sorted(case.excluded_parties))
        parts.append(f"undantagna: {names}")
    return "; ".join(parts)


class _Example:
    """Builds the examples with the full trace, only for the cases shown."""

    def __init__(self, baseline: Recommender, candidate: Recommender) -> None:
        self.baseline, self.candidate = baseline, candidate

    def build(
        self, stored: StoredCase, old: Case, new: Case, iid: str, added: bool
    ) -> ReplayExample:
        before = self.baseline.evaluate(old)
        after = self.candidate.evaluate(new)
        gained, lost = (after, before) if added else (before, after)
        causes: list[str] = []
        rows: list[tuple[str, str]] = []
        for rec in gained.recommendations:
            if rec.intervention.id == iid:
                side = "kandidaten" if added else "nuvarande regler"
                causes.append(f"{side}: regel {rec.rule} ({rec.table}) föreslår {iid}")
                rows.append((rec.table, rec.rule))
        side = "nuvarande regler" if added else "kandidaten"
        reasons = [r.reason for r in lost.not_recommended if r.intervention.id == iid]
        if (
            not reasons
            and iid not in (self.baseline if added else self.candidate).rule_set.interventions
        ):
            reasons = ["insatsen finns inte i katalogen"]
        causes.extend(f"{side}: {reason}" for reason in reasons)
        return ReplayExample(
            stored.id,
            case_summary(self.candidate.rule_set, new),
            _ids(before),
            _ids(after),
            tuple(causes),
            tuple(rows),
        )


def _ids(evaluation: Evaluation) -> tuple[str, ...]:
    return tuple(sorted(r.intervention.id for r in evaluation.recommendations))


def _groups(groups: Mapping[str, _Group], labels: Mapping[str, str]) -> tuple[GroupChange, ...]:
    return tuple(
        GroupChange(
            key,
            labels.get(key, key),
            group.cases,
            group.changed,
            dict(sorted(group.added.items())),
            dict(sorted(group.removed.items())),
        )
        for key, group in sorted(groups.items())
    )


def replay(
    baseline: RuleSet,
    candidate: RuleSet,
    cases: Sequence[StoredCase],
    *,
    max_examples: int = MAX_EXAMPLES,
) -> ReplayReport:
    """Compare the draft plans of a baseline and a candidate over stored cases."""
    old_side, new_side = _Side(baseline), _Side(candidate)
    same_reading = old_side.vocabulary() == new_side.vocabulary()
    # The target-group verdict can only differ when its limits or the need parties differ.
    same_target = (baseline.target_group, baseline.taxonomy) == (
        candidate.target_group,
        candidate.taxonomy,
    )
    added: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    picked: dict[tuple[str, bool], list[tuple[StoredCase, Case, Case]]] = {}
    by_need: dict[str, _Group] = {}
    by_party: dict[str, _Group] = {}
    unreadable: list[UnreadableCase] = []
    changed_plans = changed_sets = target_changed = compared = 0
    for stored in cases:
        old = old_side.read(stored)
        new = old if same_reading else new_side.read(stored)
        if isinstance(old, str) or isinstance(new, str):
            side, reason = ("nuvarande", old) if isinstance(old, str) else ("kandidaten", new)
            unreadable.append(UnreadableCase(stored.id, side, str(reason)))
            continue
        compared += 1
        (old_key, old_ids), (new_key, new_ids) = old_side.plan(old), new_side.plan(new)
        plan_changed = old_key != new_key
        gained, lost = new_ids - old_ids, old_ids - new_ids
        changed_plans += plan_changed
        changed_sets += bool(gained or lost)
        if not same_target:
            target_changed += (
                check_target_group(baseline, old).in_target_group
                != check_target_group(candidate, new).in_target_group
            )
        party = old.referrer.party if old.referrer is not None else UNKNOWN_PARTY
        needs = sorted(old.active_needs) or [NO_NEEDS]
        groups = [by_need.setdefault(n, _Group()) for n in needs]
        groups.append(by_party.setdefault(party, _Group()))
        for group in groups:
            group.cases += 1
            group.changed += plan_changed
            group.added.update(gained)
            group.removed.update(lost)
        added.update(gained)
        removed.update(lost)
        for iid, is_added in [(i, True) for i in gained] + [(i, False) for i in lost]:
            chosen = picked.setdefault((iid, is_added), [])
            if len(chosen) < max_examples:
                chosen.append((stored, old, new))
    example = _Example(old_side.engine, new_side.engine)
    catalogue = {**baseline.interventions, **candidate.interventions}
    changes = tuple(
        InterventionChange(
            iid,
            catalogue[iid].name,
            added[iid],
            removed[iid],
            tuple(example.build(s, o, n, iid, True) for s, o, n in picked.get((iid, True), [])),
            tuple(example.build(s, o, n, iid, False) for s, o, n in picked.get((iid, False), [])),
        )
        for iid in sorted(added.keys() | removed.keys(), key=lambda i: (-added[i] - removed[i], i))
    )
    labels = {need: candidate.taxonomy.label(need) for need in candidate.taxonomy.all_ids()}
    labels |= {need: baseline.taxonomy.label(need) for need in baseline.taxonomy.all_ids()}
    labels[NO_NEEDS] = "Inga aktiva behov"
    report = run_scenarios(candidate, new_side.engine)
    return ReplayReport(
        baseline.version,
        baseline.hash,
        candidate.version,
        candidate.hash,
        len(cases),
        compared,
        changed_plans,
        changed_sets,
        target_changed,
        changes,
        _groups(by_need, labels),
        _groups(by_party, {**PARTY_NAMES, UNKNOWN_PARTY: "Okänd remittent"}),
        tuple(unreadable),
        tuple(
            ScenarioOutcome(r.scenario.name, r.scenario.file, r.scenario.line, r.passed, r.failures)
            for r in report.results
        ),
    )
