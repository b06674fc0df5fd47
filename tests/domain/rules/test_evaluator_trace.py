"""The full trace stays whole when it is built lazily and from per-case and per-rule caches."""

from __future__ import annotations

import pickle
import random

from mgt_assistant.domain.rules import Recommender, RuleSet, read_case
from mgt_assistant.domain.rules.case import Case, NeedEntry, case_inputs
from mgt_assistant.domain.rules.evaluator import WhyNot


def _cases(rule_set: RuleSet, count: int) -> list[Case]:
    rng = random.Random(14)
    needs = rule_set.taxonomy.all_ids()
    sources = sorted(rule_set.outcomes.income_sources)
    return [
        Case(
            needs=tuple(
                NeedEntry(n, n.split(".")[0], rng.choice(["present", "uncertain"]), "")
                for n in rng.sample(needs, rng.randint(1, 5))
            ),
            age=rng.randint(14, 70) if rng.random() < 0.9 else None,
            income_source=rng.choice(sources) if rng.random() < 0.8 else None,
            excluded_parties=frozenset(rng.sample(["af", "fk", "kommun", "region"], 1))
            if rng.random() < 0.2
            else frozenset(),
        )
        for _ in range(count)
    ]


def test_why_not_is_built_when_read_and_reads_as_the_tuple_it_stands_for(
    recommender: Recommender,
) -> None:
    case = read_case(recommender.rule_set, {"needs": ["housing.homeless"], "age": 17})
    evaluation = recommender.evaluate(case)
    assert isinstance(evaluation.not_recommended, WhyNot)
    assert evaluation.not_recommended._items is None  # nothing built yet
    reasons = tuple(evaluation.not_recommended)
    assert reasons and evaluation.not_recommended._items == reasons
    assert evaluation.not_recommended == reasons == tuple(recommender.evaluate(case)[2])
    assert len(evaluation.not_recommended) == len(reasons)
    assert evaluation.not_recommended[0] == reasons[0]
    assert evaluation.not_recommended[-2:] == reasons[-2:]
    assert pickle.loads(pickle.dumps(evaluation)).not_recommended == reasons
    assert recommender.evaluate(case, explain=False).not_recommended == ()


def test_inputs_read_are_what_each_row_read_of_this_case(
    recommender: Recommender, rule_set: RuleSet
) -> None:
    # Rendered once per row shape and need set within a case; checked here against the
    # row's own cells for many cases, with reused caches, in random order.
    rows = {(t.id, r.id): (t, r) for t in rule_set.tables for r in t.rows}
    checked = 0
    for case in _cases(rule_set, 300):
        values = case_inputs(case, recommender.need_parties)
        for rec in recommender.evaluate(case).recommendations:
            table, row = rows[rec.table, rec.rule]
            expected = []
            for column, condition in zip(table.columns, row.conditions, strict=True):
                if condition.is_any:
                    continue
                value = values.get(column.id)
                if column.id == "need" and value:
                    value = value & condition.values or value
                if column.id == "in_target_group":
                    value = recommender._in_target_group(case)
                expected.append((column.id, recommender.describe(column.id, value)))
            assert rec.inputs == tuple(expected), (case, rec.rule)
            checked += 1
    assert checked > 1_000


def test_eligibility_outcomes_follow_the_case_when_kept_between_cases(
    recommender: Recommender,
) -> None:
    def reason(age: int, income: str | None) -> str:
        data = {"needs": ["housing.homeless"], "age": age, "income_source": income}
        evaluation = recommender.evaluate(read_case(recommender.rule_set, data))
        if any(r.intervention.id == "bostad-forst" for r in evaluation.recommendations):
            return "föreslås"
        return next(
            n.reason for n in evaluation.not_recommended if n.intervention.id == "bostad-forst"
        )

    for _round in range(2):
        assert reason(17, None) == "inte behörig: personen är 17 år, insatsen gäller från 18 år"
        assert reason(16, None) == "inte behörig: personen är 16 år, insatsen gäller från 18 år"
        assert reason(30, None) == "föreslås"


def test_the_evaluation_is_the_same_however_often_and_in_whatever_order(
    rule_set: RuleSet,
) -> None:
    cases = _cases(rule_set, 200)
    first = Recommender(rule_set)
    once = [first.evaluate(case) for case in cases]
    again = Recommender(rule_set)
    for case, expected in reversed(list(zip(cases, once, strict=True))):
        for _twice in range(2):
            got = again.evaluate(case)
            assert got.recommendations == expected.recommendations
            assert got.fired == expected.fired
            assert tuple(got.not_recommended) == tuple(expected.not_recommended)
