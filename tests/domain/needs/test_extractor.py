"""Reading needs from caseworkers' Swedish: evidence, status cues, typos and traps."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, NeedStatus, extract_needs, summarise


def _found(text: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [(m.evidence, m.id, m.status.value) for m in extract_needs(text, lexicon)]


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
        ("Har ingen bostad.", ("Har ingen bostad", "housing.homeless", "present")),
        ("Har inga pengar.", ("Har inga pengar", "economy.no_income", "present")),
        ("Saknar inkomst.", ("Saknar inkomst", "economy.no_income", "present")),
        (
            "Inget arbete sedan 2019.",
            ("Inget arbete", "work_readiness.long_unemployment", "present"),
        ),
    ],
)
def test_traps_where_the_negation_word_is_the_need(
    lexicon: Lexicon, text: str, expected: tuple[str, str, str]
) -> None:
    assert _found(text, lexicon) == [expected]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ej sjukskriven.", "negated"),
        ("Några skulder finns inte.", "negated"),
        ("Inga tecken på missbruk.", "negated"),
        ("Har tidigare haft skulder.", "historical"),
        ("Sjukskrivningen avslutades i fjol.", "historical"),
        ("Misstänkt ADHD.", "uncertain"),
        ("Utreds för autism.", "uncertain"),
        ("Pappan har skulder.", "other_person"),
        ("Bor hos mamman sedan i våras.", "present"),
    ],
)
def test_status_cues(lexicon: Lexicon, text: str, status: str) -> None:
    mentions = extract_needs(text, lexicon)
    assert mentions and mentions[0].status.value == status


def test_scope_ends_at_men_and_at_sentence_end(lexicon: Lexicon) -> None:
    assert [m.status.value for m in extract_needs("Inga skulder. Hemlös.", lexicon)] == [
        "negated",
        "present",
    ]
    assert [m.status.value for m in extract_needs("Inga skulder men hemlös.", lexicon)] == [
        "negated",
        "present",
    ]


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
    ],
)
def test_typos_and_missing_diacritics(lexicon: Lexicon, typo: str, need: str) -> None:
    assert [m.id for m in extract_needs(f"Klienten har {typo}.", lexicon)] == [need]


@pytest.mark.parametrize("word", ["skulle", "kanske", "sedan", "arbete", "skuldfri"])
def test_common_words_do_not_fuzz_into_needs(lexicon: Lexicon, word: str) -> None:
    assert extract_needs(f"Han {word} komma i tid.", lexicon) == []


@pytest.mark.parametrize(
    ("text", "need", "status"),
    [
        ("Ärenden hos KFM.", "economy.debt", "present"),
        ("Har NPF-diagnos.", "health.npf", "present"),
        ("LARO-patient sedan 2020.", "health.substance_use", "present"),
        ("Läser SFI.", "work_readiness.language", "present"),
        ("Får FS från socialtjänsten.", "economy.no_income", "present"),
        ("Har FS.", "economy.no_income", "uncertain"),
    ],
)
def test_abbreviations_and_ambiguous_ones(
    lexicon: Lexicon, text: str, need: str, status: str
) -> None:
    mention = extract_needs(text, lexicon)[0]
    assert (mention.id, mention.status.value) == (need, status)


def test_lower_case_se_is_a_verb_not_supported_employment(lexicon: Lexicon) -> None:
    assert extract_needs("Se över planen nästa vecka.", lexicon) == []


def test_output_is_ordered_and_deterministic(lexicon: Lexicon) -> None:
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


def test_summary_prefers_what_must_be_acted_on(lexicon: Lexicon) -> None:
    mentions = extract_needs("Har tidigare haft skulder. Nu har han nya skulder hos KFM.", lexicon)
    assert summarise(mentions) == {"economy": NeedStatus.PRESENT}
