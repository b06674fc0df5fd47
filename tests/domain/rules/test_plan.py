"""The plan drafter and the MGT target-group check."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules import (
    DraftPlan,
    PlanRow,
    Recommender,
    RuleSet,
    check_target_group,
    draft_plan,
    read_case,
)
from mgt_assistant.domain.rules.eligibility import check_eligibility
from mgt_assistant.domain.rules.model import PHASES, PlanLimits

WORK_STEPS = ("forsteg", "insats", "matchning")


def plan_for(recommender: Recommender, data: dict[str, Any]) -> DraftPlan:
    case = read_case(recommender.rule_set, data)
    return draft_plan(recommender.rule_set, recommender.evaluate(case))


def overlaps(a: PlanRow, b: PlanRow) -> bool:
    return a.start_week < b.start_week + b.weeks and b.start_week < a.start_week + a.weeks


def test_done_means_case_runs_care_in_parallel_without_af(recommender: Recommender) -> None:
    plan = plan_for(
        recommender,
        {
            "needs": ["housing", "health", "work_readiness"],
            "age": 30,
            "referrer": {"party": "kommun"},
            "consent": {"excluded_parties": ["af"]},
        },
    )
    assert plan.owner is not None and (plan.owner.party, plan.owner.role) == ("kommun", "remittent")
    care = [r for r in plan.rows if r.lane == "vard" and r.party == "region"]
    work = [r for r in plan.rows if r.lane == "arbetsliv" and r.phase in WORK_STEPS]
    assert care and work
    assert any(c.start_week == w.start_week and overlaps(c, w) for c in care for w in work)
    assert all(r.party != "af" for r in plan.rows)


def test_phases_follow_the_process_lanes(rule_set: RuleSet) -> None:
    # Without the load cap, so that only the phase timing is under test.
    roomy = replace(rule_set, plan_limits=PlanLimits(max_rows=30, max_new_starts=30))
    plan = plan_for(
        Recommender(roomy),
        {
            "needs": [
                "work_readiness.unclear_capacity",
                "daily_structure.routines",
                "health.mental",
            ],
            "age": 30,
        },
    )
    start = {r.intervention: r.start_week for r in plan.rows}
    assert start["mgt-kartlaggning"] == 0
    assert start["forstegsverksamhet"] == 2  # after the two weeks of joint mapping
    assert start["forberedande-arbetstraning"] == 2 + 8  # after the first step
    assert start["supported-employment"] == 10 + 12  # matching after the intervention
    assert start["mentorskap"] == 22 + 26  # efterstöd after the hand-over
    assert start["kbt"] == start["forstegsverksamhet"]  # care in parallel, not after
    # Rows are listed by start week, then phase: the process lanes in order.
    order = [(r.start_week, list(PHASES).index(r.phase)) for r in plan.rows]
    assert order == sorted(order)


def test_plan_carries_the_rule_set_identity(recommender: Recommender, rule_set: RuleSet) -> None:
    plan = plan_for(recommender, {})
    assert (plan.rule_set_version, plan.rule_set_hash) == (rule_set.version, rule_set.hash)
    assert plan.owner is None
    assert "Remittent saknas: planen behöver en ansvarig remittent." in plan.target_group.reasons


@pytest.mark.parametrize(
    ("data", "verdict", "reason"),
    [
        (
            {"needs": ["housing", "health"], "age": 30, "own_resources_tried": True},
            True,
            "Behoven berör 2 parter (Kommunen, Regionen (hälso- och sjukvård)).",
        ),
        (
            {"needs": ["housing", "health"], "age": 15, "own_resources_tried": True},
            False,
            "Personen är 15 år: utanför målgruppens ålder.",
        ),
        (
            {"needs": ["housing", "health"], "own_resources_tried": True},
            None,
            "Ålder saknas: ange personnummer, födelseår, ålder eller åldersspann.",
        ),
        (
            {"needs": ["housing", "economy.debt"], "age": 30, "own_resources_tried": True},
            False,
            "Behoven berör bara Kommunen: MGT är för behov som berör minst 2 parter. "
            "Beskriv fler behov?",
        ),
        (
            {"needs": ["housing", "health"], "age": 30},
            None,
            "Okänt vad remittentens egen organisation har prövat.",
        ),
        (
            {"needs": ["housing", "health"], "age": 30, "own_resources_tried": False},
            False,
            "Remittentens egna resurser är inte prövade: pröva dem före ansökan till MGT.",
        ),
        (
            {"age": 30, "own_resources_tried": True},
            None,
            "Inga behov är kända ännu.",
        ),
    ],
)
def test_target_group_check_gives_reasons(
    rule_set: RuleSet, data: dict[str, Any], verdict: bool | None, reason: str
) -> None:
    check = check_target_group(rule_set, read_case(rule_set, data))
    assert check.in_target_group is verdict
    assert reason in check.reasons


def _random_case(rng: random.Random, rule_set: RuleSet) -> dict[str, Any]:
    needs = rng.sample(rule_set.taxonomy.all_ids(), rng.randint(0, 5))
    data: dict[str, Any] = {"needs": needs}
    if rng.random() < 0.8:
        data["age"] = rng.randint(14, 70)
    if rng.random() < 0.7:
        data["income_source"] = rng.choice(sorted(rule_set.outcomes.income_sources))
    if rng.random() < 0.8:
        data["consent"] = {"excluded_parties": rng.sample(PARTIES, rng.randint(0, 2))}
    if rng.random() < 0.8:
        data["referrer"] = {"party": rng.choice(PARTIES[:4])}
    return data


def test_plan_properties_hold_for_many_generated_cases(
    recommender: Recommender, rule_set: RuleSet
) -> None:
    rng = random.Random(20261122)
    for _ in range(400):
        data = _random_case(rng, rule_set)
        case = read_case(rule_set, data)
        plan = draft_plan(rule_set, recommender.evaluate(case))
        work = [r for r in plan.rows if r.lane == "arbetsliv" and r.phase in WORK_STEPS]
        for row in plan.rows:
            intervention = rule_set.interventions[row.intervention]
            assert row.party not in case.excluded_parties, data
            assert check_eligibility(intervention, case, {}).reason is None, data
            assert row.start_week >= 0 and row.weeks >= 1
            if row.lane == "vard" and row.phase in WORK_STEPS and work:
                assert any(overlaps(row, w) for w in work), data
        if case.referrer is not None:
            assert plan.owner is not None and plan.owner.party == case.referrer.party
