"""Case facts beyond needs: signals from the reader, units by name, consent per unit."""

from __future__ import annotations

from typing import Any

import pytest

from mgt_assistant.domain.rules import (
    Case,
    CaseError,
    RuleSet,
    facts_from_signals,
    read_case,
    resolve_any_unit,
    with_signals,
)
from tests.mentions import signal


def test_only_present_signals_count_and_uncertain_diagnosis_is_suspected() -> None:
    facts = facts_from_signals(
        [
            signal("alert", "suicide_risk", "present", "vill inte leva"),
            signal("alert", "violence", "negated", "inget våld"),
            signal("in_place", "god-man", "present", "har god man"),
            signal("in_place", "psykiatri-oppenvard", "historical", "gick tidigare"),
            signal("diagnosis", "adhd", "present", "har ADHD"),
            signal("diagnosis", "autism", "uncertain", "misstänkt autism"),
            signal("diagnosis", "depression", "other_person", "mamman är deprimerad"),
            signal("income", "aktivitetsersattning", "present", "har aktivitetsersättning"),
        ]
    )
    assert [(f.id, f.evidence) for f in facts.alerts] == [("suicide_risk", "vill inte leva")]
    assert [f.id for f in facts.services_in_place] == ["god-man"]
    assert [f.id for f in facts.known_diagnoses] == ["adhd"]
    assert [f.id for f in facts.suspected_diagnoses] == ["autism"]
    assert facts.income_source is not None and facts.income_source.id == "aktivitetsersattning"


def test_with_signals_keeps_what_was_given_explicitly() -> None:
    case = with_signals(
        Case(income_source="lon"),
        [
            signal("income", "ekonomiskt_bistand", "present", "har försörjningsstöd"),
            signal("diagnosis", "adhd", "uncertain", "utreds för ADHD"),
            signal("diagnosis", "adhd", "present", "har ADHD"),
        ],
    )
    assert case.income_source == "lon"
    assert case.known_diagnosis_ids == {"adhd"} and not case.suspected_diagnoses
    filled = with_signals(Case(), [signal("income", "csn", "present", "studerar med CSN")])
    assert (filled.income_source, filled.income_evidence) == ("csn", "studerar med CSN")


@pytest.mark.parametrize(
    "written",
    ["socialtjanst", "socialtjänst", "Socialtjänsten", "SOCIALTJANST", "Ekonomiskt bistånd"],
)
def test_referrer_unit_by_id_or_swedish_name(rule_set: RuleSet, written: str) -> None:
    case = read_case(rule_set, {"referrer": {"party": "kommun", "unit": written}})
    assert case.referrer is not None and case.referrer.unit == "socialtjanst"


def test_unknown_unit_names_the_known_ones(rule_set: RuleSet) -> None:
    with pytest.raises(CaseError, match="okänd enhet 'bageriet' hos Kommunen \\(kända: "):
        read_case(rule_set, {"referrer": {"party": "kommun", "unit": "bageriet"}})


def test_excluded_units_by_party_and_name(rule_set: RuleSet) -> None:
    case = read_case(rule_set, {"consent": {"excluded_units": ["region.psykiatri", "region.BUP"]}})
    assert case.excluded_units == {("region", "psykiatri"), ("region", "bup")}
    assert resolve_any_unit(rule_set.partners, "vårdcentralen") is not None
    with pytest.raises(CaseError, match=r"consent\.excluded_units"):
        read_case(rule_set, {"consent": {"excluded_units": ["region.tandvård"]}})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"services_in_place": ["daglig verksamhet"]}, "okänt id 'daglig verksamhet'"),
        ({"alerts": ["panik"]}, "okänt id 'panik' i 'alerts'"),
        ({"diagnoses": [{"id": "adhd", "status": "kanske"}]}, "okänd status 'kanske'"),
        ({"age_range": [30, 20]}, "'age_range' måste vara"),
        ({"date": "igår"}, "'date' måste vara ett datum"),
        ({"consent": {"excluded": []}}, "okänt fält 'consent.excluded'"),
    ],
)
def test_bad_facts_get_a_swedish_message(
    rule_set: RuleSet, data: dict[str, Any], message: str
) -> None:
    with pytest.raises(CaseError, match=message):
        read_case(rule_set, data)


def test_the_rules_accept_every_diagnosis_the_reader_can_give() -> None:
    from mgt_assistant.domain.needs.lexicon import DIAGNOSIS_IDS
    from mgt_assistant.domain.rules.facts import DIAGNOSES

    assert DIAGNOSES == DIAGNOSIS_IDS
