"""Golden scenarios in ``rules/tests/*.yaml``: a case and what must (not) be proposed.

A steering-group member writes::

    scenarios:
      - name: Skulder och hemlös, remitterad av socialtjänsten
        case: {needs: [housing.homeless, economy.debt], age: 34}
        expect:
          recommended: [budget-skuldradgivning, boendestod]
          not_recommended: [ips]
          in_target_group: true
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mgt_assistant.domain.rules.case import Case, CaseError, read_case
from mgt_assistant.domain.rules.evaluator import Recommender
from mgt_assistant.domain.rules.facts import ALERT_KINDS
from mgt_assistant.domain.rules.model import PlanExpectation, RuleSet, Scenario
from mgt_assistant.domain.rules.parsing import Sink, validated
from mgt_assistant.domain.rules.plan import DraftPlan, check_target_group, draft_plan
from mgt_assistant.domain.rules.schema_tables import PlanExpectSpec, ScenarioFile


def _plan_expectation(spec: PlanExpectSpec | None) -> PlanExpectation | None:
    if spec is None:
        return None
    return PlanExpectation(
        includes=tuple(spec.includes),
        excludes=tuple(spec.excludes),
        in_place=tuple(spec.in_place),
        later=tuple(spec.later),
        max_rows=spec.max_rows,
        max_early_rows=spec.max_early_rows,
        order=tuple((first, second) for first, second in spec.order),
        alerts=tuple(spec.alerts) if spec.alerts is not None else None,
        owner_party=spec.owner_party,
    )


def parse_scenarios(data: Any, file: str, sink: Sink) -> list[Scenario]:
    """Read one scenario file; ids are checked once the catalogue is known."""
    spec = validated(ScenarioFile, data, file, sink)
    return [
        Scenario(
            name=raw.name,
            file=file,
            line=raw.line,
            case=raw.case,
            expect_recommended=tuple(raw.expect.recommended),
            expect_not_recommended=tuple(raw.expect.not_recommended),
            expect_in_target_group=raw.expect.in_target_group,
            expect_target_group_given="in_target_group" in raw.expect.model_fields_set,
            plan=_plan_expectation(raw.expect.plan),
        )
        for raw in (spec.scenarios if spec is not None else [])
    ]


def scenario_case(rule_set: RuleSet, scenario: Scenario) -> Case:
    """Read a scenario's case with the same parser as the CLI and the web app."""
    return read_case(rule_set, dict(scenario.case))


def check_scenario_ids(rule_set: RuleSet, sink: Sink) -> None:
    """Record errors for scenarios naming unknown interventions or unreadable cases."""
    for scenario in rule_set.scenarios:
        try:
            scenario_case(rule_set, scenario)
        except CaseError as error:
            sink.error(scenario.file, scenario.line, f"scenariot '{scenario.name}': {error}")
        plan = scenario.plan or PlanExpectation()
        named = (
            *scenario.expect_recommended,
            *scenario.expect_not_recommended,
            *plan.includes,
            *plan.excludes,
            *plan.in_place,
            *plan.later,
            *(i for pair in plan.order for i in pair),
        )
        for kind in plan.alerts or ():
            if kind not in ALERT_KINDS:
                sink.error(
                    scenario.file,
                    scenario.line,
                    f"scenariot '{scenario.name}' nämner okänd larmtyp '{kind}'",
                    "unknown-id",
                )
        for intervention in named:
            if intervention not in rule_set.interventions:
                sink.error(
                    scenario.file,
                    scenario.line,
                    f"scenariot '{scenario.name}' nämner okänd insats '{intervention}'",
                    "unknown-id",
                )


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of one golden scenario."""

    scenario: Scenario
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Tell whether every expectation held."""
        return not self.failures


@dataclass(frozen=True)
class ScenarioReport:
    """All scenario results and the rows they fired."""

    results: tuple[ScenarioResult, ...]
    fired: frozenset[tuple[str, str]]

    def coverage(self, rule_set: RuleSet) -> tuple[int, int]:
        """Return (rows fired by some scenario, all rows)."""
        rows = [(t.id, r.id) for t in rule_set.tables for r in t.rows]
        return sum(1 for row in rows if row in self.fired), len(rows)


def _check(
    rule_set: RuleSet, recommender: Recommender, scenario: Scenario
) -> tuple[ScenarioResult, frozenset[tuple[str, str]]]:
    case = scenario_case(rule_set, scenario)
    evaluation = recommender.evaluate(case)
    proposed = {r.intervention.id: r for r in evaluation.recommendations}
    reasons: Mapping[str, str] = {n.intervention.id: n.reason for n in evaluation.not_recommended}
    failures = [
        f"{iid} föreslogs inte: {reasons.get(iid, 'okänd insats')}"
        for iid in scenario.expect_recommended
        if iid not in proposed
    ]
    failures += [
        f"{iid} föreslogs men skulle inte (regel {proposed[iid].rule})"
        for iid in scenario.expect_not_recommended
        if iid in proposed
    ]
    if scenario.expect_target_group_given:
        got = check_target_group(rule_set, case).in_target_group
        if got != scenario.expect_in_target_group:
            failures.append(
                f"målgruppskontrollen gav {got}, väntat {scenario.expect_in_target_group}"
            )
    if scenario.plan is not None:
        failures += plan_failures(scenario.plan, draft_plan(rule_set, evaluation))
    return ScenarioResult(scenario, tuple(failures)), evaluation.fired


# A new start "early" is one in the first window of four weeks (weeks 0–3).
EARLY_WEEKS = 4


def plan_failures(expect: PlanExpectation, plan: DraftPlan) -> list[str]:
    """Return what in a draft plan differs from a scenario's plan expectations."""
    start = {row.intervention: row.start_week for row in plan.rows}
    failures = [f"planen saknar {iid}" for iid in expect.includes if iid not in start]
    failures += [f"planen har {iid} men skulle inte" for iid in expect.excludes if iid in start]
    in_place = {item.intervention for item in plan.in_place}
    failures += [
        f"{iid} visas inte som pågår redan" for iid in expect.in_place if iid not in in_place
    ]
    later = {item.intervention for item in plan.later}
    failures += [f"{iid} finns inte under senare" for iid in expect.later if iid not in later]
    if expect.max_rows is not None and len(plan.rows) > expect.max_rows:
        failures.append(f"planen har {len(plan.rows)} rader, högst {expect.max_rows} väntat")
    early = sum(1 for row in plan.rows if row.start_week < EARLY_WEEKS)
    if expect.max_early_rows is not None and early > expect.max_early_rows:
        failures.append(f"{early} rader börjar vecka 0–3, högst {expect.max_early_rows} väntat")
    for first, second in expect.order:
        if first not in start or second not in start:
            failures.append(f"ordning {first} före {second}: någon av dem saknas i planen")
        elif start[first] >= start[second]:
            failures.append(
                f"{first} (vecka {start[first]}) börjar inte före {second} (vecka {start[second]})"
            )
    kinds = tuple(alert.kind for alert in plan.alerts)
    if expect.alerts is not None and kinds != expect.alerts:
        failures.append(f"larmen blev {list(kinds)}, väntat {list(expect.alerts)}")
    owner = plan.owner.party if plan.owner is not None else None
    if expect.owner_party is not None and owner != expect.owner_party:
        failures.append(f"planens ägare är {owner}, väntat {expect.owner_party}")
    return failures


def run_scenarios(rule_set: RuleSet, recommender: Recommender | None = None) -> ScenarioReport:
    """Run every golden scenario and collect the rows they fired."""
    engine = recommender or Recommender(rule_set)
    results: list[ScenarioResult] = []
    fired: set[tuple[str, str]] = set()
    for scenario in rule_set.scenarios:
        result, rows = _check(rule_set, engine, scenario)
        results.append(result)
        fired |= rows
    return ScenarioReport(tuple(results), frozenset(fired))
