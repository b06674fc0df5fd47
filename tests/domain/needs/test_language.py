"""Reading beyond word lists: missing resources, arrears, ability, goals, living with others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mgt_assistant.domain.needs import Lexicon, extract_needs, read_text
from mgt_assistant.domain.needs.evaluation import load_set
from mgt_assistant.domain.needs.lexicon import ALERT_IDS, DIAGNOSIS_IDS
from mgt_assistant.domain.needs.signals import KINDS

BLIND_SET = Path(__file__).parents[2] / "data" / "needs_blind.yaml"
STATUSES = {"present", "negated", "historical", "uncertain", "other_person"}


def _found(text: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    mentions = extract_needs(text, lexicon)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.evidence
    return [(m.evidence, m.id, m.status.value) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Har inte någon bostad.", [("inte någon bostad", "housing.homeless", "present")]),
        ("Saknar egen adress.", [("Saknar egen adress", "housing.homeless", "present")]),
        ("Har ingen egen adress.", [("ingen egen adress", "housing.homeless", "present")]),
        ("Saknar inkomst.", [("Saknar inkomst", "economy.no_income", "present")]),
        ("Har inga pengar.", [("inga pengar", "economy.no_income", "present")]),
        ("Har inga skulder.", [("skulder", "economy.debt", "negated")]),
        ("Har ingen depression.", [("depression", "health.mental", "negated")]),
    ],
)
def test_a_missing_resource_is_a_need_a_missing_problem_is_not(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(text, lexicon) == expected


def test_resources_listed_after_a_missing_one(lexicon: Lexicon) -> None:
    assert _found("Saknar bostad, jobb och inkomst.", lexicon) == [
        ("Saknar bostad", "housing.homeless", "present"),
        ("jobb", "work_readiness.long_unemployment", "present"),
        ("inkomst", "economy.no_income", "present"),
    ]
    assert _found("Har bostad och inkomst.", lexicon) == []


@pytest.mark.parametrize(
    "text",
    ["Hyran är inte betald sedan maj.", "Har inte betalat hyran på två månader."],
)
def test_unpaid_rent_is_economy_and_housing(lexicon: Lexicon, text: str) -> None:
    ids = {need_id for _, need_id, status in _found(text, lexicon) if status == "present"}
    assert {"housing.eviction_risk", "economy.debt"} <= ids


@pytest.mark.parametrize(
    ("text", "need", "evidence"),
    [
        ("Svårt med räkningar och post.", "economy.budget", "Svårt med räkningar"),
        (
            "Orkar bara två timmar om dagen.",
            "work_readiness.unclear_capacity",
            "Orkar bara två timmar om dagen",
        ),
        ("Kan inte återgå till sitt yrke.", "work_readiness.unclear_capacity", "Kan inte återgå"),
        ("Har varit hemma från jobbet i månader.", "work_readiness.absence", "hemma från jobbet"),
        ("Har gått kurser men avbrutit alla.", "work_readiness.absence", "avbrutit alla"),
        ("Vill omskola sig.", "work_readiness.work_goal", "Vill omskola sig"),
        ("Vill pröva ett riktigt jobb.", "work_readiness.work_goal", "Vill pröva ett riktigt jobb"),
        ("Vänder på dygnet.", "daily_structure.routines", "Vänder på dygnet"),
    ],
)
def test_paraphrases_of_needs(lexicon: Lexicon, text: str, need: str, evidence: str) -> None:
    assert (evidence, need, "present") in _found(text, lexicon)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bor hos föräldrarna.", []),
        ("Bor hos sin sambo sedan två år.", []),
        (
            "Bor hos föräldrarna men får inte bo kvar.",
            [("får inte bo kvar", "housing.insecure", "present")],
        ),
        (
            "Bor hos mamma och vill flytta hemifrån.",
            [("vill flytta hemifrån", "housing.insecure", "present")],
        ),
        ("Inskriven på Arbetsförmedlingen.", []),
        ("Inskriven på AF sedan en vecka.", []),
        (
            "Inskriven på AF sedan fyra år.",
            [("Inskriven på AF sedan fyra år", "work_readiness.long_unemployment", "present")],
        ),
    ],
)
def test_living_with_others_and_af_registration_alone_are_no_needs(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(text, lexicon) == expected


@pytest.mark.parametrize(
    "name",
    [
        "needs_blind.yaml",
        "needs_blind2.yaml",
        "needs_blind3.yaml",
        "needs_blind4.yaml",
        "needs_blind5.yaml",
        "needs_blind6.yaml",
        "needs_blind7.yaml",
        "needs_blind8.yaml",
    ],
)
def test_blind_set_format(name: str) -> None:
    items: list[dict[str, Any]] = load_set(BLIND_SET.parent / name)
    assert len(items) >= 120
    assert {item["voice"] for item in items} == {"referrer", "self", "team"}
    _labels_are_well_formed(items)
    alerts = [s[1] for item in items for s in item["signals"] if s[0] == "alert"]
    assert set(alerts) == set(ALERT_IDS)


@pytest.mark.parametrize("number", range(1, 16))
def test_training_set_format(number: int) -> None:
    """The second opinion's training sets: labelled as the blind sets, each by one author."""
    items: list[dict[str, Any]] = load_set(BLIND_SET.parent / f"needs_train{number}.yaml")
    assert len(items) >= 150
    assert {item["voice"] for item in items} <= {"referrer", "self", "team"}
    _labels_are_well_formed(items)


def _labels_are_well_formed(items: list[dict[str, Any]]) -> None:
    for item in items:
        text = item["text"]
        assert set(item) == {"text", "expect", "evidence", "signals", "voice"}
        assert set(item["expect"].values()) <= STATUSES
        for evidence in item["evidence"].values():
            assert evidence in text
        for kind, sid, status, evidence in item["signals"]:
            assert kind in KINDS and status in STATUSES and evidence in text
            if kind == "alert":
                assert sid in ALERT_IDS
            if kind == "diagnosis":
                assert sid in DIAGNOSIS_IDS


def test_spans_are_exact_in_shuffled_and_broken_text(lexicon: Lexicon) -> None:
    # Seeded, so a failure is reproducible: words of the development sets cut,
    # shuffled and glued with odd punctuation, line breaks and case.
    import random

    data = BLIND_SET.parent
    words = [
        word
        for name in ("needs_eval.yaml", "needs_dev.yaml")
        for item in load_set(data / name)
        for word in str(item["text"]).split()
    ]
    rng = random.Random(10)
    glue = [" ", "  ", ", ", ". ", "\n", " – ", "?", "! ", " (", ") ", "-", ":"]
    for _ in range(300):
        picked = rng.sample(words, rng.randint(1, 40))
        text = "".join(rng.choice([w, w.upper(), w.lower()]) + rng.choice(glue) for w in picked)
        reading = read_text(text, lexicon)
        spans = [(m.start, m.end, m.evidence) for m in reading.needs]
        spans += [(s.start, s.end, s.evidence) for s in reading.signals]
        for start, end, evidence in spans:
            assert text[start:end] == evidence
            assert evidence.strip() == evidence and evidence
        starts = [s.start for s in reading.signals]
        assert starts == sorted(starts)
