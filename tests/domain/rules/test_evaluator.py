"""The evaluator: why each intervention is proposed, and the first reason why not."""

from __future__ import annotations

from typing import Any

from mgt_assistant.domain.rules import Evaluation, Recommender, RuleSet, draft_plan, read_case


def evaluate(recommender: Recommender, data: dict[str, Any]) -> Evaluation:
    return recommender.evaluate(read_case(recommender.rule_set, data))


def proposed(evaluation: Evaluation) -> dict[str, str]:
    return {r.intervention.id: r.rule for r in evaluation.recommendations}


def why_not(evaluation: Evaluation, intervention: str) -> tuple[str, str]:
    found = next(n for n in evaluation.not_recommended if n.intervention.id == intervention)
    return found.kind, found.reason


def test_recommendation_names_the_row_and_the_inputs_it_read(recommender: Recommender) -> None:
    evaluation = evaluate(
        recommender, {"needs": ["economy.debt"], "age": 34, "income_source": "ekonomiskt_bistand"}
    )
    rec = next(r for r in evaluation.recommendations if r.rule == "EKO-01")
    assert rec.intervention.id == "budget-skuldradgivning" and rec.table == "ekonomi"
    assert rec.why.startswith("Skulder eller svårt att få pengarna att räcka")
    assert rec.inputs == (("need", "Skulder (Kronofogden, inkasso, sms-lån)"),)


def test_every_catalogue_intervention_is_either_proposed_or_explained(
    recommender: Recommender, rule_set: RuleSet
) -> None:
    evaluation = evaluate(recommender, {"needs": ["health.mental"], "age": 40})
    ids = [r.intervention.id for r in evaluation.recommendations]
    ids += [n.intervention.id for n in evaluation.not_recommended]
    assert sorted(ids) == sorted(rule_set.interventions)
    assert all(n.reason for n in evaluation.not_recommended)


def test_why_not_need_not_present(recommender: Recommender) -> None:
    evaluation = evaluate(recommender, {"needs": ["housing.homeless"], "age": 40})
    assert why_not(evaluation, "ips") == (
        "need",
        "behovet finns inte i ärendet (Allvarlig psykisk sjukdom (psykos, schizofreni, "
        "bipolär sjukdom))",
    )


def test_why_not_too_young(recommender: Recommender) -> None:
    evaluation = evaluate(recommender, {"needs": ["housing.homeless"], "age": 17})
    assert why_not(evaluation, "bostad-forst") == (
        "eligibility",
        "inte behörig: personen är 17 år, insatsen gäller från 18 år",
    )


def test_why_not_income_source(recommender: Recommender) -> None:
    evaluation = evaluate(recommender, {"needs": ["health.sick_leave"], "income_source": "lon"})
    kind, reason = why_not(evaluation, "fk-avstamningsmote")
    assert kind == "eligibility"
    assert reason.startswith("inte behörig: försörjningen är Lön, insatsen kräver")


def test_why_not_party_excluded_by_consent(recommender: Recommender) -> None:
    evaluation = evaluate(
        recommender,
        {"needs": ["health.severe_mental"], "age": 30, "consent": {"excluded_parties": ["region"]}},
    )
    assert "psykiatri-oppenvard" not in proposed(evaluation)
    assert why_not(evaluation, "psykiatri-oppenvard") == (
        "consent",
        "personen har undantagit Regionen (hälso- och sjukvård) i sitt samtycke",
    )
    assert all(r.intervention.party != "region" for r in evaluation.recommendations)


def test_main_work_track_alternatives_are_explained(recommender: Recommender) -> None:
    needs = ["health.severe_mental", "work_readiness.long_unemployment"]
    evaluation = evaluate(recommender, {"needs": needs, "age": 30})
    assert proposed(evaluation)["ips"] == "ARB-01"
    plan = draft_plan(recommender.rule_set, evaluation)
    dropped = {d.intervention: d.reason for d in plan.dropped}
    assert dropped["supported-employment"].startswith("alternativ till ips (")
    assert "ips" in {row.intervention for row in plan.rows}


def test_why_not_first_row_wins(recommender: Recommender) -> None:
    evaluation = evaluate(
        recommender, {"needs": ["daily_structure.motivation", "work_readiness.long_unemployment"]}
    )
    assert proposed(evaluation)["redo"] == "FST-02"
    assert why_not(evaluation, "mac")[1].endswith("regel FST-02 gällde före FST-03")


def test_why_not_no_row_names_the_failing_cell(recommender: Recommender) -> None:
    evaluation = evaluate(recommender, {"needs": ["work_readiness.language"]})
    assert why_not(evaluation, "sfi") == (
        "no_row",
        "ingen regel gällde: INS-06 kräver ålder >= 16; ärendet: ålder okänd",
    )


def test_unknown_age_is_said_not_guessed(recommender: Recommender) -> None:
    evaluation = evaluate(recommender, {"needs": ["housing.homeless"]})
    rec = next(r for r in evaluation.recommendations if r.intervention.id == "bostad-forst")
    assert rec.notes == ("ålder okänd – insatsen gäller från 18 år",)
    assert rec.why.endswith("Obs: ålder okänd – insatsen gäller från 18 år.")


def test_negated_historical_and_others_needs_do_not_count(recommender: Recommender) -> None:
    evaluation = evaluate(
        recommender,
        {
            "needs": [
                {"id": "economy.debt", "status": "negated", "evidence": "inga skulder"},
                {
                    "id": "health.substance_use",
                    "status": "other_person",
                    "evidence": "mamman dricker",
                },
                {"id": "health.mental", "status": "historical", "evidence": "tidigare ångest"},
            ]
        },
    )
    assert set(proposed(evaluation)) == {"mgt-kartlaggning"}


def test_uncertain_need_counts_but_asks_for_confirmation(recommender: Recommender) -> None:
    evaluation = evaluate(
        recommender,
        {"needs": [{"id": "health.npf", "status": "uncertain", "evidence": "misstänkt ADHD"}]},
    )
    rec = next(r for r in evaluation.recommendations if r.intervention.id == "npf-utredning")
    assert "behovet är osäkert (Neuropsykiatrisk funktionsnedsättning (ADHD, autism))" in rec.why


def test_a_domain_need_matches_rows_for_the_domain_not_for_its_sub_needs(
    recommender: Recommender,
) -> None:
    evaluation = evaluate(recommender, {"needs": ["health"]})
    assert "primarvard-bedomning" in proposed(evaluation)
    assert "kbt" not in proposed(evaluation)


def test_evaluation_is_deterministic(recommender: Recommender) -> None:
    data = {"needs": ["housing", "health.mental", "economy.debt"], "age": 30}
    assert evaluate(recommender, data) == evaluate(recommender, data)
