"""The semantic linter: findings come from what rows match, not from how cells are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.demo_applications import DEMO_CASES
from mgt_assistant.demo_meetings import DEMO_MEETINGS
from mgt_assistant.domain.rules import Finding, RuleSet, check_rule_set
from tests.domain.rules.conftest import line_of, replace_in, write_table


def findings_in(rules_dir: Path, file: str, code: str) -> list[Finding]:
    _rule_set, findings = check_rule_set(rules_dir)
    return [f for f in findings if f.file == file and f.code == code]


def row(row_id: str, when: str, intervention: str, priority: int = 1) -> str:
    return (
        f"  - id: {row_id}\n    when: {{{when}}}\n"
        f"    then: {{intervention: {intervention}, priority: {priority}}}\n"
        f"    why: Test.\n"
    )


def test_first_row_covered_by_an_earlier_row_is_shadowed(rules_copy: Path) -> None:
    # Written differently, matching the same cases: "in [x]" equals "= x", 16..64 is every age.
    path = write_table(
        rules_copy,
        "t",
        "FIRST",
        row("T-01", "need: = health", "kbt")
        + row("T-02", "need: 'in [health.mental]', age: 16..64", "act-grupp"),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "shadowed")
    assert finding.severity == "warning"
    assert finding.line == line_of(path, "id: T-02")
    assert finding.message.startswith("FIRST: raden T-02 nås aldrig – T-01")


def test_first_rows_that_only_overlap_are_not_shadowed(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "FIRST",
        row("T-01", "need: = health.mental, age: 16..30", "kbt")
        + row("T-02", "need: = health.mental, age: 25..64", "act-grupp"),
    )
    assert findings_in(rules_copy, "recommendations/t.yaml", "shadowed") == []


def test_priority_row_always_beaten_is_reported(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "PRIORITY",
        row("T-01", "need: = health", "kbt", 1)
        + row("T-02", "need: = health.mental", "act-grupp", 2),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "shadowed")
    assert "PRIORITY: raden T-02 väljs aldrig" in finding.message


def test_redundant_row_gives_the_same_intervention_inside_another(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "COLLECT",
        row("T-01", "need: = health.mental, age: 20..30", "kbt")
        + row("T-02", "need: = health", "kbt"),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "redundant")
    assert finding.message.startswith("raden T-01 är överflödig – T-02")


def test_conflicting_priorities_for_one_intervention(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "COLLECT",
        row("T-01", "need: = health.mental, age: 16..40", "kbt", 1)
        + row("T-02", "need: = health.mental, age: 30..64", "kbt", 2),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "conflict")
    assert "olika prioritet (1 och 2)" in finding.message


def test_equal_priority_in_a_priority_table_is_a_conflict(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "PRIORITY",
        row("T-01", "need: = health.mental", "kbt", 2)
        + row("T-02", "need: = health.physical", "act-grupp", 2),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "conflict")
    # Needs are set-valued: one case can hold both needs, so the rows overlap.
    assert "behov=health.mental + health.physical" in finding.message


def test_gap_is_reported_with_an_example_case(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "UNIQUE",
        row("T-01", "need: = health.mental, age: 16..30", "kbt")
        + row("T-02", "need: = health.mental, age: 40..64", "act-grupp"),
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "gap")
    assert finding.severity == "warning"
    assert "behov=health.mental, ålder=31" in finding.message


def test_gaps_in_collect_tables_are_only_information(rules_copy: Path) -> None:
    write_table(
        rules_copy, "t", "COLLECT", row("T-01", "need: = health.mental, age: 16..30", "kbt")
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "gap")
    assert finding.severity == "info"


def test_unreachable_intervention_is_reported_at_its_catalogue_line(rules_copy: Path) -> None:
    replace_in(
        rules_copy / "recommendations" / "efterstod.yaml",
        "intervention: mentorskap",
        "intervention: efterstod-se",
    )
    [finding] = findings_in(rules_copy, "interventions.yaml", "unreachable")
    assert finding.line == line_of(rules_copy / "interventions.yaml", "id: mentorskap")
    assert finding.message == "ingen rad kan föreslå insatsen mentorskap"


def test_need_without_any_intervention_is_reported(rules_copy: Path) -> None:
    replace_in(
        rules_copy / "needs.yaml",
        "        label: Kriminalitet, frivård eller pågående rättsprocess\n",
        "        label: Kriminalitet, frivård eller pågående rättsprocess\n"
        "  - id: pets\n    label: Husdjur\n    parties: [kommun]\n    question: Husdjur?\n",
    )
    [finding] = findings_in(rules_copy, "needs.yaml", "need-unaddressed")
    assert finding.message == "ingen insats i katalogen avser behovet pets"


def test_row_for_ages_nobody_eligible_is_flagged(rules_copy: Path) -> None:
    write_table(
        rules_copy, "t", "COLLECT", row("T-01", "need: = work_readiness, age: 16..18", "komvux")
    )
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "never-eligible")
    assert "ingen är behörig till komvux" in finding.message


def test_rows_no_golden_scenario_fires_are_listed(rules_copy: Path) -> None:
    path = write_table(rules_copy, "t", "COLLECT", row("T-01", "need: = legal, age: 60..64", "kbt"))
    [finding] = findings_in(rules_copy, "recommendations/t.yaml", "uncovered")
    assert finding.line == line_of(path, "id: T-01")


def test_failing_scenario_is_a_warning_in_check(rules_copy: Path) -> None:
    replace_in(
        rules_copy / "tests" / "scenarier.yaml",
        "not_recommended: [kbt]",
        "not_recommended: [traumabehandling]",
    )
    [finding] = findings_in(rules_copy, "tests/scenarier.yaml", "scenario")
    assert "traumabehandling föreslogs men skulle inte (regel HAL-06)" in finding.message


def test_collect_row_without_any_condition_is_an_error(rules_copy: Path) -> None:
    path = write_table(
        rules_copy,
        "t",
        "COLLECT",
        "  - id: T-01\n    then: {intervention: kbt}\n    why: Alla ska ha KBT.\n",
    )
    rule_set, findings = check_rule_set(rules_copy)
    [finding] = [f for f in findings if f.code == "unconditioned"]
    assert rule_set is None and finding.severity == "error"
    assert (finding.file, finding.line) == ("recommendations/t.yaml", line_of(path, "id: T-01"))
    assert "saknar villkor" in finding.message and "always: true" in finding.message


def test_always_true_is_the_deliberate_escape(rules_copy: Path) -> None:
    write_table(
        rules_copy,
        "t",
        "COLLECT",
        "  - id: T-01\n    always: true\n    then: {intervention: kbt}\n"
        "    why: Styrgruppen har beslutat att alla ska erbjudas KBT.\n",
    )
    assert findings_in(rules_copy, "recommendations/t.yaml", "unconditioned") == []


def test_shipped_unconditioned_row_in_a_copy_fails_the_check(rules_copy: Path) -> None:
    path = rules_copy / "recommendations" / "efterstod.yaml"
    replace_in(path, "    when: {work_need: true, in_target_group: true}\n", "")
    rule_set, findings = check_rule_set(rules_copy)
    assert rule_set is None
    codes = {f.code for f in findings if f.severity == "error"}
    assert {"unconditioned", "work-track"} <= codes


def test_work_track_row_must_require_work_need_and_target_group(rules_copy: Path) -> None:
    path = rules_copy / "recommendations" / "arbetsliv.yaml"
    replace_in(
        path,
        "    when: {work_need: true, in_target_group: true}\n",
        "    when: {work_need: true}\n",
    )
    [finding] = findings_in(rules_copy, "recommendations/arbetsliv.yaml", "work-track")
    assert finding.severity == "error" and "supported-employment" in finding.message


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (
            "recommendations/ekonomi.yaml",
            'income_source: "in [ingen_offentlig, lon, annan]"',
            'income_source: "in [ingen, lon, annan]"',
        ),
        (
            "interventions.yaml",
            "income_sources: [etableringsersattning]",
            "income_sources: [etablering]",
        ),
        (
            "tests/planer.yaml",
            "age: 47\n      income_source: ingen_offentlig",
            "age: 47\n      income_source: ingen",
        ),
    ],
)
def test_income_source_not_in_outcomes_fails_the_check(
    rules_copy: Path, file: str, old: str, new: str
) -> None:
    replace_in(rules_copy / file, old, new)
    rule_set, findings = check_rule_set(rules_copy)
    assert rule_set is None
    errors = [f for f in findings if f.severity == "error" and f.file == file]
    assert errors and any("ingen" in f.message or "etablering" in f.message for f in errors)


def test_demo_data_uses_only_income_sources_from_outcomes(rule_set: RuleSet) -> None:
    known = rule_set.outcomes.income_sources
    used = {case.form["income_source"] for case in DEMO_CASES if "income_source" in case.form}
    used |= {meeting.income_source for meeting in DEMO_MEETINGS if meeting.income_source}
    assert used and used <= set(known), used - set(known)
