"""Golden scenarios, outcomes data and reading cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.domain.rules import (
    CaseError,
    RuleSet,
    check_rule_set,
    load_rule_set,
    read_case,
    run_scenarios,
    with_text_needs,
)
from tests.domain.rules.conftest import replace_in
from tests.mentions import mention


def test_every_golden_scenario_passes_with_full_row_coverage(rule_set: RuleSet) -> None:
    report = run_scenarios(rule_set)
    failures = [(r.scenario.name, r.failures) for r in report.results if not r.passed]
    assert failures == []
    assert len(report.results) >= 10
    covered, total = report.coverage(rule_set)
    assert covered == total > 0


def test_outcomes_group_end_reasons_into_the_three_targets(rule_set: RuleSet) -> None:
    outcomes = rule_set.outcomes
    targets = {g.id: (g.target_kind, g.target_percent) for g in outcomes.groups}
    assert targets == {
        "work_or_studies": ("min", 20),
        "step": ("min", 55),
        "early_end": ("max", 25),
    }
    assert outcomes.group_of("studier") == "work_or_studies"
    assert outcomes.group_of("forstarkt_samarbete") == "step"
    assert outcomes.group_of("ater_remittent") == "early_end"
    assert "ekonomiskt_bistand" in outcomes.income_sources


def test_needs_found_in_text_are_added_but_do_not_override_typed_needs(
    rule_set: RuleSet,
) -> None:
    case = read_case(
        rule_set, {"text": "…", "needs": [{"id": "economy.debt", "status": "negated"}]}
    )
    merged = with_text_needs(
        case,
        [
            mention("economy.debt", "present", "skulder hos KFM"),
            mention("housing.homeless", "present", "bor på soffan hos kompisar"),
        ],
    )
    assert [(n.id, n.status, n.evidence) for n in merged.needs] == [
        ("economy.debt", "negated", ""),
        ("housing.homeless", "present", "bor på soffan hos kompisar"),
    ]


def test_a_case_keeps_unknown_fields_unknown(rule_set: RuleSet) -> None:
    case = read_case(rule_set, {})
    assert (
        case.age,
        case.referrer,
        case.income_source,
        case.consent_given,
        case.own_resources_tried,
    ) == (None, None, None, None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"age": True}, "'age' måste vara ett heltal"),
        ({"age": -1}, "orimlig ålder -1"),
        ({"needs": [{"id": "health", "status": "kanske"}]}, "okänd status 'kanske'"),
        ({"needs": [{"id": "health", "severity": 9}]}, "heltal 1–5"),
        ({"income_source": "bidrag"}, "okänd försörjning 'bidrag'"),
        ({"own_resources_tried": "ja"}, "true eller false"),
    ],
)
def test_case_errors_are_swedish(rule_set: RuleSet, data: object, message: str) -> None:
    with pytest.raises(CaseError, match=message):
        read_case(rule_set, data)


def test_plan_expectations_name_known_ids_and_fail_when_unmet(rules_copy: Path) -> None:
    path = rules_copy / "tests" / "planer.yaml"
    replace_in(path, "        alerts: [suicide_risk]\n", "        alerts: [panik]\n")
    _rule_set, findings = check_rule_set(rules_copy)
    assert any("okänd larmtyp 'panik'" in f.message for f in findings if f.severity == "error")


def test_broken_plan_expectation_is_reported(rules_copy: Path) -> None:
    path = rules_copy / "tests" / "planer.yaml"
    replace_in(
        path,
        "        max_rows: 7\n        max_early_rows: 3\n        owner_party: af\n\n  - name: Sjuk",
        "        max_rows: 2\n        max_early_rows: 0\n        owner_party: fk\n\n  - name: Sjuk",
    )
    report = run_scenarios(load_rule_set(rules_copy))
    failures = [f for r in report.results for f in r.failures]
    assert any(f.startswith("planen har ") and "högst 2 väntat" in f for f in failures)
    assert any("börjar vecka 0–3, högst 0 väntat" in f for f in failures)
    assert "planens ägare är af, väntat fk" in failures
