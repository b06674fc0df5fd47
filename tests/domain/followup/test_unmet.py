"""The register of unmet needs: the record, proposals from the recommender, the counts."""

from __future__ import annotations

from datetime import date

import pytest

from mgt_assistant.domain.followup.records import FollowUpError, Quarter
from mgt_assistant.domain.followup.unmet import (
    MAX_TEXT,
    UnmetNeed,
    UnmetNeedCount,
    propose_unmet_needs,
    read_unmet_need,
    unmet_register,
)
from mgt_assistant.domain.rules import Recommender, RuleSet, read_case

TODAY = date(2026, 11, 23)


def test_a_valid_unmet_need_is_cleaned(rule_set: RuleSet) -> None:
    typed = UnmetNeed(
        need="housing.support",
        party="kommun",
        kind="for_lang_vantan",
        text="  Boendestöd:   kö på  fyra månader ",
        recorded_on=date(2026, 5, 4),
    )
    need = read_unmet_need(rule_set.taxonomy, typed, today=TODAY)
    assert need.text == "Boendestöd: kö på fyra månader"
    assert need.quarter == Quarter(2026, 2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("need", "health.lycka", "Välj ett behov"),
        ("party", "polisen", "Välj en part"),
        ("kind", "otur", "Välj vad som saknades"),
        ("text", "   ", "Beskriv kort"),
        ("text", "x" * (MAX_TEXT + 1), f"högst {MAX_TEXT} tecken"),
        ("text", "Gäller 19121212-1212 som väntar", "personnummer"),
        ("recorded_on", date(2027, 1, 1), "framtiden"),
    ],
)
def test_bad_unmet_needs_are_refused(
    rule_set: RuleSet, field: str, value: object, message: str
) -> None:
    fields: dict[str, object] = {
        "need": "social",
        "party": "kommun",
        "kind": "ingen_insats",
        "text": "Ingen träffpunkt på landsbygden",
        "recorded_on": date(2026, 5, 4),
    }
    fields[field] = value
    with pytest.raises(FollowUpError, match=message):
        read_unmet_need(rule_set.taxonomy, UnmetNeed(**fields), today=TODAY)  # type: ignore[arg-type]


def test_a_ten_digit_phone_number_is_not_a_personnummer(rule_set: RuleSet) -> None:
    typed = UnmetNeed(
        "social", "kommun", "ingen_insats", "Ring träffpunkten 0701234567", date(2026, 5, 4)
    )
    need = read_unmet_need(rule_set.taxonomy, typed, today=TODAY)
    assert need.text.endswith("0701234567")


def test_proposals_come_from_needs_without_a_recommendation(rule_set: RuleSet) -> None:
    recommender = Recommender(rule_set)
    # No table row proposes anything for "Socialt nätverk" alone at 30.
    case = read_case(rule_set, {"needs": ["social"], "age": 30})
    (proposal,) = propose_unmet_needs(rule_set.taxonomy, recommender.evaluate(case))
    assert (proposal.need, proposal.parties, proposal.kind) == (
        "social",
        ("kommun",),
        "ingen_insats",
    )
    assert proposal.text == "Socialt nätverk – inget förslag på insats i regelverket"
    # Boendestöd is from 18: at 17 the rule blocks it and says why.
    case = read_case(rule_set, {"needs": ["housing.support"], "age": 17})
    (proposal,) = propose_unmet_needs(rule_set.taxonomy, recommender.evaluate(case))
    assert proposal.kind == "regel_blockerade"
    assert "personen är 17 år, insatsen gäller från 18 år" in proposal.text
    # A need with a recommended intervention is not proposed.
    case = read_case(rule_set, {"needs": ["health.mental"], "age": 30})
    assert propose_unmet_needs(rule_set.taxonomy, recommender.evaluate(case)) == []


def test_register_counts_are_suppressed_together() -> None:
    q1, q2 = Quarter(2026, 1), Quarter(2026, 2)
    counts = [
        UnmetNeedCount("health.mental", "region", "ingen_insats", q1, 3),
        UnmetNeedCount("health.mental", "region", "for_lang_vantan", q2, 6),
        UnmetNeedCount("housing.support", "kommun", "regel_blockerade", q1, 7),
        UnmetNeedCount("social", "kommun", "ingen_insats", q2, 2),
    ]
    labels = {
        "health.mental": "Psykisk ohälsa",
        "housing.support": "Boendestöd",
        "social": "Socialt",
    }
    texts = [("social", "Ingen träffpunkt"), ("health.mental", "Kö till psykiatrin")]
    register = unmet_register(counts, texts, labels)
    by_need = {label: [f.text for f in row] for label, row in register.by_need_and_party.lines()}
    # Rows by label; parties in law order (region before kommun); 9 + 9 = 18 in all.
    assert list(by_need) == ["Boendestöd", "Psykisk ohälsa", "Socialt", "Totalt"]
    assert by_need["Psykisk ohälsa"] == ["9", "0", "9"]
    assert by_need["Socialt"] == ["0", "< 5", "< 5"]
    # Kommun's 9 = 7 + 2: the 7 hides, and then Boendestöd's row total with it.
    assert by_need["Boendestöd"] == ["0", "x", "x"]
    assert by_need["Totalt"] == ["9", "9", "18"]
    by_quarter = {
        label: [f.text for f in row] for label, row in register.by_quarter_and_kind.lines()
    }
    assert by_quarter["2026 kv. 1"] == ["< 5", "0", "x", "10"]
    assert by_quarter["2026 kv. 2"] == ["< 5", "x", "0", "8"]
    # Väntan's 6 is all in Q2, so its total hides; the total row then needs a second
    # hidden cell and takes the smallest, the 5 (greedy: more than the minimum may go).
    assert by_quarter["Totalt"] == ["x", "x", "x", "18"]
    assert register.texts == {
        "social": ("Ingen träffpunkt",),
        "health.mental": ("Kö till psykiatrin",),
    }


def test_register_refuses_unknown_parties() -> None:
    bad = [UnmetNeedCount("social", "polisen", "ingen_insats", Quarter(2026, 1), 5)]
    with pytest.raises(FollowUpError, match="Okänd part"):
        unmet_register(bad, [], {})
