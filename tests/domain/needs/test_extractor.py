"""Reading needs from caseworkers' Swedish: evidence, status cues, typos and traps."""

from __future__ import annotations

import re

import pytest

from mgt_assistant.domain.needs import Lexicon, NeedStatus, extract_needs, summarise


def _found(text: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [(m.evidence, m.id, m.status.value) for m in extract_needs(text, lexicon)]


def _statuses(text: str, lexicon: Lexicon) -> dict[str, str]:
    return {k: v.value for k, v in summarise(extract_needs(text, lexicon)).items()}


def test_issue_example_negation_phrase_and_typos(lexicon: Lexicon) -> None:
    text = "Har inga skulder men bor på soffan hos kompisar och är sjukskirven för depresion"
    mentions = extract_needs(text, lexicon)
    assert summarise(mentions) == {
        "economy": NeedStatus.NEGATED,
        "housing": NeedStatus.PRESENT,
        "health": NeedStatus.PRESENT,
    }
    homeless = next(m for m in mentions if m.id == "housing.homeless")
    assert (homeless.evidence, homeless.start, homeless.end) == (
        "bor på soffan hos kompisar",
        21,
        47,
    )
    assert all(text[m.start : m.end] == m.evidence for m in mentions)


def test_issue_example_other_person_and_history_give_no_present_need(lexicon: Lexicon) -> None:
    text = "Mamman har ett alkoholmissbruk. Själv har han tidigare haft ångest men mår bra nu."
    assert _found(text, lexicon) == [
        ("alkoholmissbruk", "health.substance_use", "other_person"),
        ("ångest", "health.mental", "historical"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Har ingen bostad.", ("ingen bostad", "housing.homeless", "present")),
        ("Har ingen egen bostad.", ("ingen egen bostad", "housing.homeless", "present")),
        ("Har inga pengar.", ("inga pengar", "economy.no_income", "present")),
        ("Saknar inkomst.", ("Saknar inkomst", "economy.no_income", "present")),
        (
            "Inget arbete sedan 2019.",
            ("Inget arbete sedan 2019", "work_readiness.long_unemployment", "present"),
        ),
        ("Talar inte svenska.", ("Talar inte svenska", "work_readiness.language", "present")),
        ("Risk för vräkning.", ("Risk för vräkning", "housing.eviction_risk", "present")),
    ],
)
def test_traps_where_the_negation_word_is_the_need(
    lexicon: Lexicon, text: str, expected: tuple[str, str, str]
) -> None:
    assert _found(text, lexicon) == [expected]


def test_a_trap_ignores_negation_from_outside(lexicon: Lexicon) -> None:
    assert _found("Inga skulder och saknar inkomst.", lexicon) == [
        ("skulder", "economy.debt", "negated"),
        ("saknar inkomst", "economy.no_income", "present"),
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ej sjukskriven.", "negated"),
        ("Några skulder finns inte.", "negated"),
        ("Inga tecken på missbruk.", "negated"),
        ("Missbruk: nej.", "negated"),
        ("Han dricker inte.", "negated"),
        ("Depression ej aktuellt.", "negated"),
        ("Har tidigare haft skulder.", "historical"),
        ("F.d. missbrukare.", "historical"),
        ("Sjukskrivningen avslutades i fjol.", "historical"),
        ("Nykter sedan 2021.", "historical"),
        ("Dricker inte längre.", "historical"),
        ("Misstänkt ADHD.", "uncertain"),
        ("Ev. depression.", "uncertain"),
        ("Utreds för autism.", "uncertain"),
        ("Oklart om det finns skulder.", "uncertain"),
        ("Skulder?", "uncertain"),
        ("Pappan har skulder.", "other_person"),
        ("I familjen finns missbruk.", "other_person"),
        ("Alkoholmissbruk hos pappan.", "other_person"),
        ("Bor hos mamman sedan i våras och vill flytta hemifrån.", "present"),
        ("Har skulder till pappan.", "present"),
        ("Tidigare missbruk, dricker fortfarande.", "present"),
    ],
)
def test_status_cues(lexicon: Lexicon, text: str, status: str) -> None:
    mentions = extract_needs(text, lexicon)
    assert mentions and mentions[-1].status.value == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inga skulder. Hemlös.", {"economy": "negated", "housing": "present"}),
        ("Inga skulder men hemlös.", {"economy": "negated", "housing": "present"}),
        ("Har inga skulder, bor i andrahand.", {"economy": "negated", "housing": "present"}),
        ("Har inga skulder och bor i andrahand.", {"economy": "negated", "housing": "present"}),
        ("Har inte skulder, sms-lån eller inkasso.", {"economy": "negated"}),
        (
            "Pappan dricker och är arbetslös.",
            {"health": "other_person", "work_readiness": "other_person"},
        ),
        ("Sambon säger att hon dricker.", {"health": "present"}),
        ("Bor med sin sambo och har skulder.", {"economy": "present"}),
        ("Bor med sin pappa som dricker.", {"health": "other_person"}),
    ],
)
def test_scope_of_cues(lexicon: Lexicon, text: str, expected: dict[str, str]) -> None:
    assert _statuses(text, lexicon) == expected


@pytest.mark.parametrize(
    ("typo", "need"),
    [
        ("skuler", "economy.debt"),
        ("kronofogen", "economy.debt"),
        ("sjukskirven", "health.sick_leave"),
        ("depresion", "health.mental"),
        ("hemlos", "housing.homeless"),
        ("inkasoskulder", "economy.debt"),
        ("angest", "health.mental"),
        ("HEMLÖS", "housing.homeless"),
        ("smslån", "economy.debt"),
        ("sms lån", "economy.debt"),
    ],
)
def test_typos_diacritics_case_and_hyphens(lexicon: Lexicon, typo: str, need: str) -> None:
    assert [m.id for m in extract_needs(f"Klienten har {typo}.", lexicon)] == [need]


@pytest.mark.parametrize(
    "word", ["skulle", "kanske", "sedan", "arbete", "utmaning", "drycker", "praktisk", "oskuld"]
)
def test_common_words_do_not_fuzz_into_needs(lexicon: Lexicon, word: str) -> None:
    assert extract_needs(f"Han {word} komma i tid.", lexicon) == []


def test_short_words_are_never_fuzzy_matched(lexicon: Lexicon) -> None:
    # "skud" is one edit from "skuld", but four letters are too few to guess from.
    assert extract_needs("Han har skud.", lexicon) == []


def test_words_that_contain_a_need_word_but_mean_something_else(lexicon: Lexicon) -> None:
    assert extract_needs("Beroende på hur det går, alkoholfri fest.", lexicon) == []


@pytest.mark.parametrize(
    ("text", "need", "status"),
    [
        ("Ärenden hos KFM.", "economy.debt", "present"),
        ("Har NPF-diagnos.", "health.npf", "present"),
        # A treatment or course named alone implies its need (round 4): to be confirmed.
        ("LARO-patient sedan 2020.", "health.substance_use", "uncertain"),
        ("Läser SFI.", "work_readiness.language", "uncertain"),
        # An income source alone implies its need without saying it: uncertain.
        ("Uppbär EB.", "economy.no_income", "uncertain"),
        ("Får FS från socialtjänsten.", "economy.no_income", "uncertain"),
        ("Har FS.", "economy.no_income", "uncertain"),
        ("Har SE på heltid från Försäkringskassan.", "health.sick_leave", "uncertain"),
        # A service the person has meets the need for it: to be confirmed.
        ("Har SE-coach via Af.", "work_readiness.work_training", "uncertain"),
        ("Har AE från FK.", "health.sick_leave", "uncertain"),
    ],
)
def test_abbreviations_and_ambiguous_ones(
    lexicon: Lexicon, text: str, need: str, status: str
) -> None:
    mention = extract_needs(text, lexicon)[0]
    assert (mention.id, mention.status.value) == (need, status)
    # The evidence shows the abbreviation as written, never its expansion.
    assert re.search(r"\b[A-Z]{2,}", mention.evidence) and mention.evidence in text


def test_ambiguous_abbreviation_with_a_reading_that_is_no_need(lexicon: Lexicon) -> None:
    assert extract_needs("Aktuell för FS med Af och Fk.", lexicon) == []
    assert [m.id for m in extract_needs("Praktik via AE i kommunen.", lexicon)] == [
        "work_readiness.work_training"
    ]


def test_lower_case_se_is_a_verb_not_supported_employment(lexicon: Lexicon) -> None:
    assert extract_needs("Se över planen nästa vecka.", lexicon) == []


def test_a_compound_belongs_to_two_needs(lexicon: Lexicon) -> None:
    assert {m.id for m in extract_needs("Har hyresskulder.", lexicon)} == {
        "economy.debt",
        "housing.eviction_risk",
    }


def test_output_is_ordered_deterministic_and_in_contract_order(lexicon: Lexicon) -> None:
    text = "Hemlös, skulder hos KFM och ångest. Arbetslös sedan länge."
    first = [m.to_json() for m in extract_needs(text, lexicon)]
    assert first == [m.to_json() for m in extract_needs(text, lexicon)]
    assert [m["start"] for m in first] == sorted(m["start"] for m in first)
    assert list(first[0]) == [
        "domain",
        "id",
        "label",
        "status",
        "evidence",
        "start",
        "end",
        "score",
    ]
    assert all(0 <= m["score"] <= 1 and round(m["score"], 2) == m["score"] for m in first)


def test_offsets_point_into_the_original_text(lexicon: Lexicon) -> None:
    text = "Ev. DEPRESSION\r\noch skulder hos KFM – hemlös!"
    for mention in extract_needs(text, lexicon):
        assert text[mention.start : mention.end] == mention.evidence


def test_empty_text_gives_no_needs(lexicon: Lexicon) -> None:
    assert extract_needs("", lexicon) == []
    assert extract_needs("…", lexicon) == []


def test_summary_prefers_what_must_be_acted_on(lexicon: Lexicon) -> None:
    mentions = extract_needs("Har tidigare haft skulder. Nu har han nya skulder hos KFM.", lexicon)
    assert summarise(mentions) == {"economy": NeedStatus.PRESENT}
    mixed = extract_needs("Mamman dricker. Själv inget missbruk.", lexicon)
    assert summarise(mixed) == {"health": NeedStatus.NEGATED}
    assert summarise(mixed, by="id") == {"health.substance_use": NeedStatus.NEGATED}
