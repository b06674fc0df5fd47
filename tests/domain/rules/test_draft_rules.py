"""Draft plans an MGT team would accept (issue 9): cap, alternatives, alerts, facts in place."""

from __future__ import annotations

import random
from typing import Any

import pytest

from mgt_assistant.domain.rules import (
    DraftPlan,
    Recommender,
    RuleSet,
    draft_plan,
    read_case,
)

WORK_TRACK = {"ips", "supported-employment", "supported-education", "sius", "forstarkt-samarbete"}
FOUR_DOMAINS = {
    "health": ["health.mental", "health.physical", "health.substance_use", "health.sick_leave"],
    "housing": ["housing.homeless", "housing.insecure", "housing.eviction_risk", "housing.support"],
    "economy": ["economy.debt", "economy.no_income", "economy.budget"],
    "work_readiness": [
        "work_readiness.long_unemployment",
        "work_readiness.never_worked",
        "work_readiness.unclear_capacity",
        "work_readiness.work_training",
    ],
}


def plan_for(recommender: Recommender, data: dict[str, Any]) -> DraftPlan:
    case = read_case(recommender.rule_set, data)
    return draft_plan(recommender.rule_set, recommender.evaluate(case))


def _adult_in_all_four_domains(rng: random.Random, rule_set: RuleSet) -> dict[str, Any]:
    needs = [rng.choice(subs) for subs in FOUR_DOMAINS.values()]
    needs += rng.sample([n for subs in FOUR_DOMAINS.values() for n in subs], rng.randint(0, 4))
    return {
        "needs": sorted(set(needs)),
        "age": rng.randint(18, 64),
        "referrer": {"party": rng.choice(["af", "fk", "region", "kommun"])},
        "income_source": rng.choice(sorted(rule_set.outcomes.income_sources)),
        "own_resources_tried": True,
        "consent": {},
        "date": "2026-09-01",
    }


def test_adult_with_needs_in_all_four_domains_gets_a_plan_a_team_can_start(
    recommender: Recommender, rule_set: RuleSet
) -> None:
    rng = random.Random(9)
    for _ in range(300):
        data = _adult_in_all_four_domains(rng, rule_set)
        plan = plan_for(recommender, data)
        ids = {row.intervention for row in plan.rows}
        assert plan.target_group.in_target_group is True, data
        assert len(plan.rows) <= 7, data
        assert sum(1 for row in plan.rows if row.start_week <= 3) <= 3, data
        assert not {"kbt", "act-grupp"} <= ids, data
        assert len(ids & WORK_TRACK) <= 1, data
        assert plan.owner is not None and plan.owner.party == data["referrer"]["party"]
        work = [r for r in plan.rows if r.lane == "arbetsliv" and r.phase != "kartlaggning"]
        care = [r for r in plan.rows if r.lane == "vard" and r.phase != "kartlaggning"]
        if work and care:
            # Care runs in parallel with the work track, not after it.
            assert min(c.start_week for c in care) < max(w.start_week + w.weeks for w in work)


def test_nothing_proposed_is_dropped_silently(recommender: Recommender, rule_set: RuleSet) -> None:
    rng = random.Random(91)
    for _ in range(200):
        data = _adult_in_all_four_domains(rng, rule_set)
        case = read_case(rule_set, data)
        evaluation = recommender.evaluate(case)
        plan = draft_plan(rule_set, evaluation)
        accounted = (
            {row.intervention for row in plan.rows}
            | {item.intervention for item in plan.later}
            | {item.intervention for item in plan.dropped}
        )
        assert {r.intervention.id for r in evaluation.recommendations} <= accounted, data
    overflow = [item for item in plan.later if item.why.startswith("över taket")]
    assert all("högst" in item.why for item in overflow)


def test_outside_the_target_group_gets_no_work_track_rows_and_the_reason(
    recommender: Recommender,
) -> None:
    data = {
        "needs": ["health.severe_mental", "work_readiness.long_unemployment", "economy.debt"],
        "age": 66,
        "own_resources_tried": True,
        "referrer": {"party": "kommun"},
    }
    case = read_case(recommender.rule_set, data)
    evaluation = recommender.evaluate(case)
    plan = draft_plan(recommender.rule_set, evaluation)
    assert plan.target_group.in_target_group is False
    assert not {row.intervention for row in plan.rows} & WORK_TRACK
    reasons = {n.intervention.id: (n.kind, n.reason) for n in evaluation.not_recommended}
    for intervention in ("ips", "supported-employment"):
        kind, reason = reasons[intervention]
        assert kind == "target_group"
        assert reason.startswith("utanför målgruppen")


def test_suicidal_statement_puts_the_alert_first_and_holds_the_plan(
    recommender: Recommender,
) -> None:
    data = {
        "needs": ["health.mental", "economy.debt", "work_readiness.long_unemployment"],
        "alerts": [{"kind": "suicide_risk", "evidence": "vill inte leva längre"}],
        "age": 30,
        "referrer": {"party": "af"},
        "own_resources_tried": True,
    }
    plan = plan_for(recommender, data)
    assert [a.kind for a in plan.alerts] == ["suicide_risk"]
    assert plan.alerts[0].message.startswith("Hantera akut nu, inte via MGT")
    assert "112" in plan.alerts[0].route and plan.alerts[0].evidence == "vill inte leva längre"
    phases = {row.phase for row in plan.rows}
    assert phases == {"kartlaggning"}
    assert "budget-skuldradgivning" in {item.intervention for item in plan.later}
    handled = plan_for(recommender, {**data, "alerts_handled": ["suicide_risk"]})
    assert not handled.alerts and "insats" in {row.phase for row in handled.rows}


def test_seventeen_year_old_gets_the_minor_alert_from_age_alone(recommender: Recommender) -> None:
    plan = plan_for(recommender, {"needs": ["health.mental", "work_readiness"], "age": 17})
    assert [a.kind for a in plan.alerts] == ["minor"]
    assert "BUP" in plan.alerts[0].route and plan.alerts[0].evidence == "ålder 17 år"
    assert not plan_for(recommender, {"needs": ["health.mental"], "age": 18}).alerts
    band = plan_for(recommender, {"needs": ["health.mental"], "age_range": [16, 17]})
    assert [a.kind for a in band.alerts] == ["minor"]


@pytest.mark.parametrize(("month", "winter"), [("2027-01-10", True), ("2026-07-10", False)])
def test_homelessness_is_worse_in_winter_by_the_date_given(
    recommender: Recommender, month: str, winter: bool
) -> None:
    plan = plan_for(
        recommender,
        {"needs": ["housing.homeless"], "alerts": ["acute_homelessness"], "date": month, "age": 40},
    )
    assert ("Vinter" in plan.alerts[0].message) is winter
    assert "akutboende" in {row.intervention for row in plan.rows}


def test_service_in_place_is_shown_with_its_party_and_never_proposed(
    recommender: Recommender,
) -> None:
    data = {
        "needs": ["health.intellectual_disability", "work_readiness.unclear_capacity"],
        "services_in_place": [{"id": "daglig-verksamhet", "evidence": "har daglig verksamhet"}],
        "age": 30,
    }
    evaluation = recommender.evaluate(read_case(recommender.rule_set, data))
    plan = draft_plan(recommender.rule_set, evaluation)
    assert [(i.intervention, i.party, i.evidence) for i in plan.in_place] == [
        ("daglig-verksamhet", "kommun", "har daglig verksamhet")
    ]
    assert "daglig-verksamhet" not in {row.intervention for row in plan.rows}
    reasons = {n.intervention.id: (n.kind, n.reason) for n in evaluation.not_recommended}
    assert reasons["daglig-verksamhet"] == ("in_place", "pågår redan")


def test_never_two_psychological_treatments_and_the_other_is_named(
    recommender: Recommender,
) -> None:
    plan = plan_for(recommender, {"needs": [{"id": "health.mental", "severity": 3}], "age": 30})
    ids = {row.intervention for row in plan.rows} | {i.intervention for i in plan.later}
    assert "kbt" in ids and not ids & {"act-grupp", "mindfulness-grupp"}
    reasons = {d.intervention: d.reason for d in plan.dropped}
    assert reasons["act-grupp"].startswith("alternativ till kbt")
    assert reasons["mindfulness-grupp"].startswith("alternativ till kbt")


def test_ips_goes_straight_to_job_search(recommender: Recommender) -> None:
    data = {
        "needs": ["health.severe_mental", "work_readiness.long_unemployment"],
        "age": 30,
        "own_resources_tried": True,
    }
    plan = plan_for(recommender, data)
    rows = {row.intervention: row for row in plan.rows}
    assert "ips" in rows and "mac" not in rows and "supported-employment" not in rows
    assert rows["ips"].start_week <= 4
    assert {d.intervention: d.reason for d in plan.dropped}["mac"].startswith("IPS går direkt")


def test_refusing_psychiatry_keeps_primary_care(recommender: Recommender) -> None:
    plan = plan_for(
        recommender,
        {
            "needs": ["health.severe_mental", "health.mental"],
            "age": 30,
            "consent": {"excluded_units": ["region.psykiatri"]},
        },
    )
    units = {(row.party, row.unit) for row in plan.rows}
    assert ("region", "primarvard") in units and ("region", "psykiatri") not in units


def test_known_diagnosis_gives_no_new_assessment_but_suspected_does(
    recommender: Recommender,
) -> None:
    base = {"needs": ["health.npf"], "age": 25}
    known = recommender.evaluate(
        read_case(recommender.rule_set, {**base, "diagnoses": [{"id": "autism"}]})
    )
    reasons = {n.intervention.id: n.reason for n in known.not_recommended}
    assert reasons["npf-utredning"] == "inte aktuell: diagnosen är redan känd – ingen ny utredning"
    suspected = recommender.evaluate(
        read_case(
            recommender.rule_set, {**base, "diagnoses": [{"id": "autism", "status": "suspected"}]}
        )
    )
    assert "npf-utredning" in {r.intervention.id for r in suspected.recommendations}


def test_activity_compensation_is_not_sick_leave(recommender: Recommender) -> None:
    evaluation = recommender.evaluate(
        read_case(
            recommender.rule_set,
            {"needs": ["health.sick_leave"], "income_source": "aktivitetsersattning", "age": 25},
        )
    )
    assert "rehabkoordinator" not in {r.intervention.id for r in evaluation.recommendations}
