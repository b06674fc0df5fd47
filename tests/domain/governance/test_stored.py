"""Stored case facts: anonymised JSON Lines, read strictly with Swedish messages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mgt_assistant.domain.governance import (
    StoredCase,
    StoredCaseError,
    case_facts,
    load_stored_cases,
    read_stored_cases,
    synthetic_cases,
)
from mgt_assistant.domain.rules import RuleSet, read_case

FULL_CASE = {
    "needs": [{"id": "housing.homeless", "evidence": "bor hos Kalle", "severity": 2}, "health"],
    "age": 34,
    "referrer": {"party": "kommun", "unit": "socialtjanst", "case_officer": "Anna Andersson"},
    "income_source": "ekonomiskt_bistand",
    "consent": {"given": True, "excluded_parties": ["af"]},
    "own_resources_tried": True,
    "text": "Kalle bor på soffan hos en kompis.",
}


def test_case_facts_round_trip_without_names(baseline: RuleSet) -> None:
    case = read_case(baseline, FULL_CASE)
    facts = case_facts(case)
    assert "text" not in facts and "case_officer" not in facts["referrer"]
    assert all("evidence" not in need for need in facts["needs"])
    again = read_case(baseline, facts)
    assert again.needs == tuple(replace(need, evidence="") for need in case.needs)
    assert (again.age, again.income_source, again.consent_given) == (34, "ekonomiskt_bistand", True)
    assert again.excluded_parties == frozenset({"af"})
    assert again.referrer is not None and again.referrer.case_officer is None
    assert again.referrer.unit == "socialtjanst" and again.own_resources_tried is True
    # Facts made from stored cases are accepted by the strict reader.
    assert read_stored_cases([json.dumps({"id": "x", "facts": facts})])[0].facts == facts


def test_reads_json_lines_and_skips_blank_lines() -> None:
    cases = read_stored_cases(['{"id": "a", "facts": {"age": 30}}', "", '{"id": 7, "facts": {}}'])
    assert cases == [StoredCase("a", {"age": 30}), StoredCase("7", {})]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "ärenden:1: ogiltig JSON"),
        ("[1, 2]", "ärenden:1: varje rad måste vara ett JSON-objekt"),
        ('{"id": "a"}', "ärenden:1: 'facts' saknas"),
        ('{"facts": {}}', "ärenden:1: 'id' saknas"),
        ('{"id": "a", "facts": {}, "namn": "x"}', "ärenden:1: okänt fält 'namn'"),
        ('{"id": "a", "facts": {"text": "Kalle"}}', "fältet 'text' (fritext) får inte sparas"),
        (
            '{"id": "a", "facts": {"referrer": {"party": "af", "case_officer": "Bo"}}}',
            "fältet 'case_officer' (handläggarens namn) får inte sparas",
        ),
        (
            '{"id": "a", "facts": {"needs": [{"id": "health", "evidence": "Bo mår dåligt"}]}}',
            "fältet 'evidence' (ord ur anteckningarna) får inte sparas",
        ),
    ],
)
def test_bad_lines_are_refused_in_swedish(line: str, message: str) -> None:
    with pytest.raises(StoredCaseError) as error:
        read_stored_cases([line])
    assert message in str(error.value)


def test_duplicate_ids_name_both_lines() -> None:
    with pytest.raises(StoredCaseError, match="ärenden:2: id 'a' finns redan på rad 1"):
        read_stored_cases(['{"id": "a", "facts": {}}', '{"id": "a", "facts": {}}'])


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fall.jsonl"
    path.write_text('{"id": "a", "facts": {}}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(StoredCaseError, match=r"fall\.jsonl:2: 'facts' saknas"):
        load_stored_cases(path)
    with pytest.raises(StoredCaseError, match="kan inte läsa"):
        load_stored_cases(tmp_path / "saknas.jsonl")


def test_synthetic_cases_are_deterministic_and_readable(baseline: RuleSet) -> None:
    first, again = synthetic_cases(baseline, 200, seed=3), synthetic_cases(baseline, 200, seed=3)
    assert first == again and first != synthetic_cases(baseline, 200, seed=4)
    for stored in first:
        read_case(baseline, dict(stored.facts))


NEW_FACTS_CASE = {
    "needs": ["health.mental", "housing.homeless"],
    "age_range": [20, 24],
    "consent": {"given": True, "excluded_units": ["region.psykiatri"]},
    "services_in_place": [{"id": "kbt", "evidence": "går redan i KBT hos Eva"}],
    "alerts": [{"kind": "acute_homelessness", "evidence": "sov ute i natt"}, "violence"],
    "alerts_handled": ["violence"],
    "diagnoses": [
        {"id": "adhd", "status": "known", "evidence": "fick diagnosen 2019"},
        {"id": "autism", "status": "suspected"},
    ],
    "goal": "Kalle vill jobba som kock",
    "date": "2026-01-12",
}


def test_case_facts_keep_what_the_drafter_reads_without_the_words(baseline: RuleSet) -> None:
    case = read_case(baseline, NEW_FACTS_CASE)
    facts = case_facts(case)
    assert facts == {
        "needs": [
            {"id": "health.mental", "status": "present"},
            {"id": "housing.homeless", "status": "present"},
        ],
        "age_range": [20, 24],
        "consent": {"given": True, "excluded_parties": [], "excluded_units": ["region.psykiatri"]},
        "services_in_place": ["kbt"],
        "diagnoses": [{"id": "adhd", "status": "known"}, {"id": "autism", "status": "suspected"}],
        "alerts": ["acute_homelessness", "violence"],
        "alerts_handled": ["violence"],
        "date": "2026-01-12",
    }
    again = read_case(baseline, facts)
    assert (again.age_range, again.excluded_units, again.as_of) == (
        case.age_range,
        case.excluded_units,
        case.as_of,
    )
    assert again.in_place_ids == case.in_place_ids
    assert [a.id for a in again.open_alerts] == [a.id for a in case.open_alerts]
    assert (again.known_diagnosis_ids, again.suspected_diagnoses[0].id) == (
        frozenset({"adhd"}),
        "autism",
    )
    assert read_stored_cases([json.dumps({"id": "x", "facts": facts})])[0].facts == facts


def test_the_goal_in_the_persons_words_is_refused() -> None:
    with pytest.raises(StoredCaseError, match="fältet 'goal'"):
        read_stored_cases(['{"id": "a", "facts": {"goal": "Kalle vill bli kock"}}'])
