"""One target-group check: the pre-check, the plan drafter and the CLI give the same verdict."""

from __future__ import annotations

import io
import json
import random
import sys
from typing import Any

import pytest

from mgt_assistant.cli import main
from mgt_assistant.domain import target_group
from mgt_assistant.domain.precheck import run_precheck
from mgt_assistant.domain.rules import (
    Recommender,
    RuleSet,
    check_target_group,
    draft_plan,
    load_rule_set,
    read_case,
)
from mgt_assistant.domain.rules.target import limits_of
from mgt_assistant.domain.target_group import Limits
from mgt_assistant.paths import DEFAULT_RULES_DIR
from tests.mentions import mention


@pytest.fixture(scope="module")
def rule_set() -> RuleSet:
    return load_rule_set(DEFAULT_RULES_DIR)


FACTS: list[dict[str, Any]] = [
    # An anonymous consultation with an age band: age is met everywhere (issue 15).
    {"needs": ["health.mental", "economy.debt"], "age_range": [20, 24], "own": True},
    {"needs": ["health.mental", "economy.debt"], "age_range": [15, 17], "own": True},
    {"needs": ["health.mental", "economy.debt"], "age_range": [60, 69], "own": True},
    {"needs": ["health.mental", "economy.debt"], "age_range": None, "own": True},
    {"needs": ["housing", "economy.debt"], "age_range": [30, 30], "own": True},
    {"needs": ["housing", "health.mental"], "age_range": [30, 30], "own": False},
    {"needs": ["housing", "health.mental"], "age_range": [30, 30], "own": None},
    {"needs": [], "age_range": [30, 30], "own": True},
    # Excluding Af leaves only the kommun's needs: not complex through every entry point.
    {
        "needs": ["work_readiness.long_unemployment", "economy.debt"],
        "age_range": [30, 30],
        "own": True,
        "excluded": ["af"],
    },
]


def _case_json(facts: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"needs": facts["needs"], "referrer": {"party": "kommun"}}
    if facts["age_range"] is not None:
        data["age_range"] = facts["age_range"]
    if facts["own"] is not None:
        data["own_resources_tried"] = facts["own"]
    data["consent"] = {"excluded_parties": facts.get("excluded", [])}
    return data


@pytest.mark.parametrize("facts", FACTS)
def test_same_facts_same_verdict_through_every_entry_point(
    rule_set: RuleSet,
    facts: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    age = facts["age_range"]
    precheck = run_precheck(
        [mention(need, "present", need) for need in facts["needs"]],
        rule_set.taxonomy,
        age_range=None if age is None else (age[0], age[1]),
        own_resources_tried=facts["own"],
        excluded_parties=frozenset(facts.get("excluded", [])),
        limits=limits_of(rule_set),
    )
    case = read_case(rule_set, _case_json(facts))
    direct = check_target_group(rule_set, case)
    plan = draft_plan(rule_set, Recommender(rule_set).evaluate(case))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(_case_json(facts))))
    assert main(["recommend", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    verdict = precheck.target_group.in_target_group
    assert direct.in_target_group is verdict
    assert plan.target_group.in_target_group is verdict
    assert document["eligibility"]["in_target_group"] is verdict
    assert [c.met for c in precheck.target_group.criteria] == [c.met for c in direct.criteria]
    assert [c.reason for c in precheck.target_group.criteria] == [c.reason for c in direct.criteria]


def test_age_band_inside_the_group_is_met(rule_set: RuleSet) -> None:
    case = read_case(rule_set, {"age_range": [20, 24]})
    assert check_target_group(rule_set, case).criteria[0].met is True


def test_fast_verdict_agrees_with_the_full_check() -> None:
    rng = random.Random(15)
    limits = Limits()
    for _ in range(2000):
        low = rng.randint(10, 70)
        age = None if rng.random() < 0.2 else (low, low + rng.choice([0, 0, 1, 4, 9]))
        parties = frozenset(rng.sample(["af", "fk", "region", "kommun"], rng.randint(0, 4)))
        tried = rng.choice([True, False, None])
        full = target_group.check_target_group(
            age_range=age, parties=parties, own_resources_tried=tried, limits=limits
        )
        assert target_group.verdict(age, len(parties), tried, limits) is full.in_target_group
