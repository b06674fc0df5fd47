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
from mgt_assistant.domain.rules.model import RuleSet, Scenario
from mgt_assistant.domain.rules.parsing import Sink, items, mapping, text, text_list, unknown_keys
from mgt_assistant.domain.rules.plan import check_target_group


def parse_scenarios(data: Any, file: str, sink: Sink) -> list[Scenario]:
    """Read one scenario file; ids are checked once the catalogue is known."""
    root = mapping(data, file, 1, "filen", sink)
    if root is None:
        return []
    unknown_keys(root, {"scenarios"}, file, sink)
    found: list[Scenario] = []
    for raw, line in items(root, "scenarios", file, sink):
        unknown_keys(raw, {"name", "case", "expect"}, file, sink)
        case = mapping(raw.get("case"), file, raw.line_of("case"), "'case'", sink)
        expect = mapping(raw.get("expect"), file, raw.line_of("expect"), "'expect'", sink)
        if case is None or expect is None:
            continue
        unknown_keys(expect, {"recommended", "not_recommended", "in_target_group"}, file, sink)
        target = expect.get("in_target_group")
        if target is not None and not isinstance(target, bool):
            sink.error(
                file,
                expect.line_of("in_target_group"),
                "'in_target_group' måste vara true, false eller null",
            )
        found.append(
            Scenario(
                name=text(raw, "name", file, sink),
                file=file,
                line=line,
                case=case,
                expect_recommended=tuple(
                    i for i, _ in text_list(expect, "recommended", file, sink, required=False)
                ),
                expect_not_recommended=tuple(
                    i for i, _ in text_list(expect, "not_recommended", file, sink, required=False)
                ),
                expect_in_target_group=target if isinstance(target, bool) else None,
                expect_target_group_given="in_target_group" in expect,
            )
        )
    return found


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
        for intervention in (*scenario.expect_recommended, *scenario.expect_not_recommended):
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
    return ScenarioResult(scenario, tuple(failures)), evaluation.fired


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
