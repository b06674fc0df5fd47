"""What-if replay: counts checked against an independent re-evaluation of every case."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from mgt_assistant.domain.governance import (
    DocumentError,
    ReplayReport,
    StoredCase,
    case_summary,
    replay,
    replay_from_document,
    synthetic_cases,
    to_document,
    to_json,
)
from mgt_assistant.domain.rules import (
    Recommender,
    RuleSet,
    check_target_group,
    draft_plan,
    load_rule_set,
    read_case,
)

CASES = 400


def _focused(count: int, seed: int) -> list[StoredCase]:
    """Cases near the edited bounds (education at 16–40, housing at 16–24), deterministic."""
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        need, low, high = rng.choice([("work_readiness.education", 16, 40), ("housing", 16, 24)])
        extra = rng.sample(["health.mental", "economy.debt", "social.isolation", "health"], 1)
        facts = {
            "needs": [{"id": need, "status": "present"}, {"id": extra[0], "status": "present"}],
            "age": rng.randint(low, high),
            "referrer": {"party": rng.choice(["af", "kommun", "region", "fk"])},
        }
        cases.append(StoredCase(f"fok-{number:04d}", facts))
    return cases


@pytest.fixture(scope="module")
def cases(baseline: RuleSet) -> list[StoredCase]:
    return synthetic_cases(baseline, CASES - 100, seed=7) + _focused(100, seed=7)


@pytest.fixture(scope="module")
def report(baseline: RuleSet, candidate: RuleSet, cases: list[StoredCase]) -> ReplayReport:
    return replay(baseline, candidate, cases)


Plan = tuple[tuple[tuple[str, int, int], ...], tuple[str, ...], tuple[str, ...]]


def _plans(rule_set: RuleSet, cases: Sequence[StoredCase]) -> list[Plan]:
    """Evaluate and draft every case directly, with the full trace and no cache."""
    recommender = Recommender(rule_set)
    plans = []
    for stored in cases:
        plan = draft_plan(rule_set, recommender.evaluate(read_case(rule_set, dict(stored.facts))))
        rows = tuple((row.intervention, row.start_week, row.weeks) for row in plan.rows)
        alerts = tuple(alert.kind for alert in plan.alerts)
        plans.append((rows, alerts, tuple(step.intervention for step in plan.later)))
    return plans


def _expected(
    baseline: RuleSet, candidate: RuleSet, cases: Sequence[StoredCase]
) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Count changed plans, changed intervention sets and each intervention's +/− directly."""
    before, after = _plans(baseline, cases), _plans(candidate, cases)
    added: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    for old, new in zip(before, after, strict=True):
        old_ids, new_ids = {r[0] for r in old[0]}, {r[0] for r in new[0]}
        added.update(new_ids - old_ids)
        removed.update(old_ids - new_ids)
    pairs = list(zip(before, after, strict=True))
    return (
        sum(old != new for old, new in pairs),
        sum({r[0] for r in old[0]} != {r[0] for r in new[0]} for old, new in pairs),
        {iid: (added[iid], removed[iid]) for iid in added.keys() | removed.keys()},
    )


def test_counts_match_an_independent_re_evaluation(
    baseline: RuleSet, candidate: RuleSet, cases: list[StoredCase], report: ReplayReport
) -> None:
    before, after = _plans(baseline, cases), _plans(candidate, cases)
    added: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    by_party: dict[str, list[int]] = {}
    by_need: dict[str, list[int]] = {}
    for stored, old, new in zip(cases, before, after, strict=True):
        old_ids, new_ids = {r[0] for r in old[0]}, {r[0] for r in new[0]}
        added.update(new_ids - old_ids)
        removed.update(old_ids - new_ids)
        referrer = stored.facts.get("referrer")
        party = referrer["party"] if isinstance(referrer, dict) else "okand"
        needs = {
            n["id"] for n in stored.facts["needs"] if n["status"] in ("present", "uncertain")
        } or {"inga_behov"}
        for key, groups in [(party, by_party)] + [(n, by_need) for n in needs]:
            counts = groups.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += old != new
    assert report.cases == report.compared == CASES
    assert report.changed_plans == sum(old != new for old, new in zip(before, after, strict=True))
    assert report.changed_interventions == sum(
        {r[0] for r in old[0]} != {r[0] for r in new[0]}
        for old, new in zip(before, after, strict=True)
    )
    # The edits really change plans in both directions, so the comparison is not vacuous.
    assert added["supported-education"] > 0 and removed["boendestod"] > 0
    assert {c.intervention: (c.added, c.removed) for c in report.interventions} == {
        iid: (added[iid], removed[iid]) for iid in added.keys() | removed.keys()
    }
    assert {g.key: [g.cases, g.changed] for g in report.by_party} == by_party
    assert {g.key: [g.cases, g.changed] for g in report.by_need} == by_need


def test_stored_cases_carry_the_facts_the_drafter_reads(cases: list[StoredCase]) -> None:
    # The replay cache is only tested for soundness if the cases vary in every such fact.
    present = Counter(key for stored in cases for key in stored.facts)
    units = sum("excluded_units" in stored.facts.get("consent", {}) for stored in cases)
    for key in ("services_in_place", "alerts", "alerts_handled", "age_range", "date", "diagnoses"):
        assert present[key] >= 5, key
    assert units >= 5


# Candidates that change only what the drafter reads, not what the tables propose.
DRAFTER_EDITS = {
    "taket": ("ruleset.yaml", "max_rows: 7", "max_rows: 4"),
    "nya starter": ("ruleset.yaml", "max_new_starts: 3", "max_new_starts: 2"),
    "alternativordning": (
        "interventions.yaml",
        "order: [kbt, act-grupp, mindfulness-grupp]",
        "order: [act-grupp, kbt, mindfulness-grupp]",
    ),
    "veckor": (
        "interventions.yaml",
        "    needs: [health.mental]\n    weeks: 12",
        "    needs: [health.mental]\n    weeks: 30",
    ),
    "akut steg": (
        "ruleset.yaml",
        "acute_interventions: [akutboende]",
        "acute_interventions: [akutboende, boendestod]",
    ),
}


@pytest.mark.parametrize("edit", sorted(DRAFTER_EDITS))
def test_drafter_changes_match_an_independent_re_evaluation(
    baseline: RuleSet, make_candidate: Callable[..., Path], edit: str
) -> None:
    candidate = load_rule_set(make_candidate(DRAFTER_EDITS[edit]))
    cases = synthetic_cases(baseline, 250, seed=21)
    plans, sets, interventions = _expected(baseline, candidate, cases)
    result = replay(baseline, candidate, cases, max_examples=1)
    assert plans > 0, "the edit must change some plans, or the test proves nothing"
    assert (result.changed_plans, result.changed_interventions) == (plans, sets)
    assert {c.intervention: (c.added, c.removed) for c in result.interventions} == interventions


def test_examples_show_before_after_and_the_rows(report: ReplayReport) -> None:
    changes = {c.intervention: c for c in report.interventions}
    education = changes["supported-education"]
    assert len(education.added_examples) == min(10, education.added)
    for example in education.added_examples:
        assert "supported-education" not in example.before
        assert "supported-education" in example.after
        assert ("arbetsliv", "ARB-04") in example.rows
        assert any("ARB-04 kräver ålder 16..29" in cause for cause in example.causes)
    housing = changes["boendestod"]
    assert housing.removed_examples
    for example in housing.removed_examples:
        assert "boendestod" in example.before and "boendestod" not in example.after
        assert example.summary.split(" ")[0] in ("18", "19")
        assert any("20" in cause for cause in example.causes if cause.startswith("kandidaten"))


def test_summaries_carry_no_names_or_free_text(report: ReplayReport) -> None:
    text = str(to_document(report))
    assert "case_officer" not in text and "evidence" not in text


def test_identical_rule_sets_change_nothing(baseline: RuleSet, cases: list[StoredCase]) -> None:
    same = replay(baseline, baseline, cases)
    assert (same.changed_plans, same.changed_interventions, same.target_group_changed) == (0, 0, 0)
    assert same.interventions == ()
    assert same.scenarios_passed == len(same.scenarios) == len(baseline.scenarios) > 0


def test_candidate_scenarios_run_with_pass_and_fail(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    folder = make_candidate(
        (
            "tests/scenarier.yaml",
            "recommended: [budget-skuldradgivning, boendestod]",
            "recommended: [budget-skuldradgivning, boendestod, kbt]",
        )
    )
    result = replay(baseline, load_rule_set(folder), [])
    failed = [s for s in result.scenarios if not s.passed]
    assert len(failed) == 1 and failed[0].failures[0].startswith("kbt föreslogs inte")
    assert result.scenarios_passed == len(result.scenarios) - 1


def test_cases_a_rule_set_cannot_read_are_counted_not_fatal(baseline: RuleSet) -> None:
    cases = [
        StoredCase("a", {"needs": ["housing"], "age": 30}),
        StoredCase("b", {"needs": ["no.such_need"]}),
    ]
    result = replay(baseline, baseline, cases)
    assert (result.cases, result.compared) == (2, 1)
    assert [(u.case_id, u.side) for u in result.unreadable] == [("b", "nuvarande")]
    assert "okänt behov 'no.such_need'" in result.unreadable[0].reason


def test_target_group_changes_match_a_direct_check(
    baseline: RuleSet, cases: list[StoredCase], make_candidate: Callable[..., Path]
) -> None:
    candidate = load_rule_set(make_candidate(("ruleset.yaml", "min_age: 16", "min_age: 18")))
    expected = 0
    for stored in cases:
        old = read_case(baseline, dict(stored.facts))
        new = read_case(candidate, dict(stored.facts))
        before = check_target_group(baseline, old).in_target_group
        expected += before != check_target_group(candidate, new).in_target_group
    result = replay(baseline, candidate, cases)
    assert expected > 0 and result.target_group_changed == expected
    # The verdict is a table input (the work track needs it), so plans follow it.
    plans, sets, interventions = _expected(baseline, candidate, cases)
    assert (result.changed_plans, result.changed_interventions) == (plans, sets)
    assert {c.intervention: (c.added, c.removed) for c in result.interventions} == interventions


def test_a_removed_row_is_named_in_the_examples(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    row = """\
  - id: HAL-02
    when: {need: = health.mental}
    then: {intervention: kbt, priority: 2}
    why: Psykisk ohälsa som depression eller ångest – KBT har stöd i forskningen.
"""
    candidate = load_rule_set(make_candidate(("recommendations/halsa.yaml", row, "")))
    cases = [StoredCase(f"k{n}", {"needs": ["health.mental"], "age": 20 + n}) for n in range(12)]
    result = replay(baseline, candidate, cases)
    # Without KBT, ACT in group is no longer set aside as its alternative.
    act, kbt = result.interventions
    assert (kbt.intervention, kbt.added, kbt.removed) == ("kbt", 0, 12)
    assert (act.intervention, act.added, act.removed) == ("act-grupp", 12, 0)
    assert len(kbt.removed_examples) == 10
    example = kbt.removed_examples[0]
    assert example.rows == (("halsa", "HAL-02"),)
    assert example.causes[0] == "nuvarande regler: regel HAL-02 (halsa) föreslår kbt"
    assert example.causes[1].startswith("kandidaten: ")
    assert example.summary == "20 år; behov: Psykisk ohälsa (depression, ångest, utmattning)"
    assert "kbt" in example.before and "act-grupp" in example.after
    gained = act.added_examples[0]
    assert gained.rows == (("halsa", "HAL-03"),)
    assert gained.causes == (
        "kandidaten: regel HAL-03 (halsa) föreslår act-grupp",
        "nuvarande regler: alternativ till kbt (Psykologisk behandling): en psykologisk "
        "behandling åt gången; KBT först vid depression och ångest, ACT eller mindfulness om "
        "KBT inte passar",
    )


def test_examples_name_alerts_in_place_and_excluded_units(baseline: RuleSet) -> None:
    facts = {
        "needs": ["health.mental"],
        "age_range": [16, 17],
        "services_in_place": ["act-grupp"],
        "consent": {"given": True, "excluded_units": ["region.psykiatri"]},
        "diagnoses": [{"id": "adhd", "status": "suspected"}],
    }
    case = read_case(baseline, facts)
    assert case_summary(baseline, case) == (
        "16–17 år; behov: Psykisk ohälsa (depression, ångest, utmattning); "
        "undantagna: Vuxenpsykiatrin hos Regionen (hälso- och sjukvård); pågår redan: act-grupp; "
        "diagnoser: adhd (misstänkt); larm: Under 18 år"
    )


def test_report_survives_its_json_form(report: ReplayReport) -> None:
    assert replay_from_document(json.loads(to_json(report))) == report
    with pytest.raises(DocumentError, match="saknar 'candidate_version'"):
        replay_from_document({"baseline_version": "1", "baseline_hash": "x"})
