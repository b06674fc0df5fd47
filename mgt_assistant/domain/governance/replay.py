"""What-if replay: run a baseline and a candidate rule set over stored cases and compare plans.

Every case is evaluated cheaply (``explain=False``: no why-not list) and its
plan drafted; drafts are cached per side under a key of everything
``draft_plan`` reads that can change what the plan holds (``_Side.draft_key``).
Only the few example cases shown to the steering group are evaluated and
drafted again with the full trace (``examples``), to name the rows behind a change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from mgt_assistant.domain.governance.examples import ExampleBuilder, ReplayExample
from mgt_assistant.domain.governance.stored import StoredCase
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import Case, CaseError, read_case
from mgt_assistant.domain.rules.eligibility import check_eligibility
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommender
from mgt_assistant.domain.rules.model import Eligibility, RuleSet
from mgt_assistant.domain.rules.plan import (
    WINTER_MONTHS,
    DraftPlan,
    check_target_group,
    draft_plan,
)
from mgt_assistant.domain.rules.scenarios import run_scenarios

# What a plan gives the person: its rows (intervention, start week, weeks), its alerts, its
# "nästa steg, senare" – a change in any of them is a changed plan.
PlanRows = tuple[tuple[str, int, int], ...]
PlanKey = tuple[PlanRows, tuple[str, ...], tuple[str, ...]]
MAX_EXAMPLES: Final = 10
UNKNOWN_PARTY: Final = "okand"
NO_NEEDS: Final = "inga_behov"


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
    """Return what a plan gives the person: rows with start and length, alerts, later steps."""
    rows = tuple((row.intervention, row.start_week, row.weeks) for row in plan.rows)
    return rows, tuple(a.kind for a in plan.alerts), tuple(w.intervention for w in plan.later)


DraftKey = tuple[object, ...]


class _Side:
    """One rule set compiled for replay, with its drafted plans cached by ``draft_key``."""

    def __init__(self, name: str, rule_set: RuleSet, drafts: _Drafts) -> None:
        self.name, self.rule_set, self.drafts = name, rule_set, drafts
        self.engine = Recommender(rule_set)
        # An intervention without conditions is always eligible; only the others are checked.
        self.conditional = frozenset(
            iid for iid, item in rule_set.interventions.items() if item.eligibility != Eligibility()
        )

    def vocabulary(self) -> tuple[object, ...]:
        """Return what reading a case depends on; equal vocabularies read cases alike."""
        rule_set = self.rule_set
        return (
            rule_set.taxonomy,
            rule_set.outcomes.income_sources,
            rule_set.partners,
            # services_in_place is read against the catalogue's ids.
            frozenset(rule_set.interventions),
        )

    def read(self, stored: StoredCase) -> Case | str:
        """Read the stored facts with the rules' own reader, or return the Swedish reason."""
        try:
            return read_case(self.rule_set, dict(stored.facts))
        except CaseError as error:
            return str(error)

    def draft_key(self, evaluation: Evaluation) -> DraftKey:
        """Return every case fact ``draft_plan`` reads that can change the plan's key.

        The limits, alternatives, alert routes and catalogue belong to the rule set
        (``_Drafts`` keeps the sides apart where they differ). Of the case: the proposals in
        order with their priorities (placing order), whether each passes the drafter's
        own consent and eligibility check (age, income, diagnoses, sick leave), the
        services in place (never again; they take an alternatives group), the open
        alerts (given, handled, ``minor`` from the age or band), the excluded parties
        and units (acute steps an alert adds), and winter (the alert's message). The
        referrer and the evidence only name the owner and the words, not the plan.
        """
        case = evaluation.case
        income = self.rule_set.outcomes.income_sources
        proposals = tuple(
            (
                item.id,
                rec.priority,
                item.party not in case.excluded_parties
                and (item.party, item.unit) not in case.excluded_units
                and (
                    item.id not in self.conditional
                    or check_eligibility(item, case, income).reason is None
                ),
            )
            for rec in evaluation.recommendations
            for item in (rec.intervention,)
        )
        winter = case.as_of is not None and case.as_of.month in WINTER_MONTHS
        return (
            proposals,
            tuple(fact.id for fact in case.services_in_place),
            frozenset(alert.id for alert in case.open_alerts),
            case.excluded_parties,
            case.excluded_units,
            winter,
        )

    def evaluate(self, case: Case) -> Evaluation:
        """Evaluate a case without the why-not trace."""
        return self.engine.evaluate(case, explain=False)

    def plan(self, evaluation: Evaluation) -> tuple[PlanKey, frozenset[str]]:
        """Return the draft plan's key and row interventions for an evaluation."""
        key = self.draft_key(evaluation)
        shared = self.drafts.shared_key(self.name, self.rule_set, key)
        found = self.drafts.plans.get(shared)
        if found is None:
            plan = draft_plan(self.rule_set, evaluation)
            found = (plan_key(plan), frozenset(row.intervention for row in plan.rows))
            self.drafts.plans[shared] = found
        return found


class _Drafts:
    """Drafted plans, shared by both sides where the drafter reads the same rule content.

    Most cases draft alike under both rule sets, so a plan drafted for the baseline
    serves the candidate too – but only when the limits, alternatives and alert routes
    are equal and no intervention the draft touches (proposed, in place, or an open
    alert's acute step) differs in the catalogue; otherwise the key names the side.
    """

    def __init__(self, baseline: RuleSet, candidate: RuleSet) -> None:
        self.plans: dict[DraftKey, tuple[PlanKey, frozenset[str]]] = {}
        self.together = (baseline.plan_limits, baseline.alternatives, baseline.alert_routes) == (
            candidate.plan_limits,
            candidate.alternatives,
            candidate.alert_routes,
        )
        old, new = baseline.interventions, candidate.interventions
        self.changed = frozenset(i for i in old.keys() | new.keys() if old.get(i) != new.get(i))

    def shared_key(self, side: str, rule_set: RuleSet, key: DraftKey) -> DraftKey:
        """Return the cache key: shared when nothing the draft reads differs, else per side."""
        if not self.together:
            return (side, key)
        proposals, in_place, open_alerts = key[0], key[1], key[2]
        assert isinstance(proposals, tuple) and isinstance(in_place, tuple)
        assert isinstance(open_alerts, frozenset)
        touched = {p[0] for p in proposals} | set(in_place)
        for kind in open_alerts:
            route = rule_set.alert_routes.get(kind)
            touched.update(route.acute_interventions if route is not None else ())
        return (side, key) if touched & self.changed else key


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
    drafts = _Drafts(baseline, candidate)
    old_side = _Side("nuvarande", baseline, drafts)
    new_side = _Side("kandidaten", candidate, drafts)
    same_reading = old_side.vocabulary() == new_side.vocabulary()
    # What the evaluator reads; when equal, the candidate proposes exactly what the baseline
    # does (a change only to limits, alerts or alternatives), so each case is evaluated once.
    same_proposals = same_reading and (
        baseline.tables,
        baseline.interventions,
        baseline.target_group,
        baseline.outcomes,
    ) == (candidate.tables, candidate.interventions, candidate.target_group, candidate.outcomes)
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
        old_eval = old_side.evaluate(old)
        new_eval = old_eval if same_proposals else new_side.evaluate(new)
        (old_key, old_ids), (new_key, new_ids) = old_side.plan(old_eval), new_side.plan(new_eval)
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
    example = ExampleBuilder(old_side.engine, new_side.engine)
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
