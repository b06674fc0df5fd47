"""The lexicon file: errors name file and line, in Swedish."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgt_assistant.domain.needs import extract_needs, load_lexicon
from mgt_assistant.domain.yaml_strict import RuleFileError
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A copy of rules/ that a test may break."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def _edit(rules: Path, old: str, new: str) -> None:
    path = rules / "lexicon.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(rules: Path, fragment: str) -> int:
    lines = (rules / "lexicon.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def _error(rules: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as error:
        load_lexicon(rules)
    assert error.value.file == "lexicon.yaml"
    return error.value


def test_unknown_need_id(rules: Path) -> None:
    _edit(rules, "  legal.criminal:", "  legal.unknown:")
    error = _error(rules)
    assert error.line == _line_of(rules, "legal.unknown:")
    assert error.message == "okänt behov 'legal.unknown'"


def test_duplicate_key(rules: Path) -> None:
    _edit(rules, "  housing.support:", "  housing.support:\n    terms: [x]\n  housing.support:")
    error = _error(rules)
    assert "förekommer två gånger" in error.message
    assert error.line == _line_of(rules, "housing.support:") + 2


def test_same_term_twice_under_one_need(rules: Path) -> None:
    _edit(rules, "    terms: [omotiverad,", "    terms: [omotiverad, Omotiverad,")
    error = _error(rules)
    assert error.line == _line_of(rules, "terms: [omotiverad, Omotiverad")
    assert "'Omotiverad' står två gånger under daily_structure.motivation" in error.message


def test_same_term_under_two_needs_is_allowed(rules: Path) -> None:
    lexicon = load_lexicon(rules)
    needs = {e.need_id for e in lexicon.entries if e.text == "hyresskuld"}
    assert needs == {"economy.debt", "housing.eviction_risk"}


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ('"sk*"', "för kort"),
        ('"sms-lån|snabblån"', "bindestreck"),
        ('"hem%lös"', "ogiltigt ord"),
    ],
)
def test_badly_written_terms(rules: Path, term: str, message: str) -> None:
    _edit(rules, "    terms: [omotiverad,", f"    terms: [{term}, omotiverad,")
    error = _error(rules)
    assert message in error.message
    assert error.line == _line_of(rules, f"terms: [{term}")


def test_unknown_cue_kind(rules: Path) -> None:
    _edit(rules, "  uncertainty:\n", "  doubt:\n    before: [kanske]\n  uncertainty:\n")
    error = _error(rules)
    assert "okänd nyckel 'doubt'" in error.message
    assert error.line == _line_of(rules, "  doubt:")


def test_unresolved_must_be_one_of_the_meanings(rules: Path) -> None:
    _edit(rules, "    unresolved: försörjningsstöd", "    unresolved: fotboll")
    error = _error(rules)
    assert "'unresolved' måste vara en av" in error.message
    assert error.line == _line_of(rules, "unresolved: fotboll")


def test_the_steering_group_can_add_a_term_without_code(rules: Path) -> None:
    _edit(rules, "    terms: [omotiverad,", "    terms: [omotiverad, soffliggare,")
    lexicon = load_lexicon(rules)
    assert [m.id for m in extract_needs("Han är en soffliggare.", lexicon)] == [
        "daily_structure.motivation"
    ]


def test_every_sub_need_has_terms() -> None:
    lexicon = load_lexicon(DEFAULT_RULES_DIR)
    covered = {entry.need_id for entry in lexicon.entries}
    sub_needs = {s.id for d in lexicon.taxonomy.domains for s in d.sub_needs}
    assert sub_needs - covered == set()


def test_unknown_alert_id(rules: Path) -> None:
    _edit(rules, "    suicide_risk:\n", "    despair:\n      label: x\n    suicide_risk:\n")
    error = _error(rules)
    assert "okänt alert-id 'despair'" in error.message
    assert error.line == _line_of(rules, "    despair:")


def test_a_signal_needs_a_label(rules: Path) -> None:
    _edit(rules, "      label: Boendestöd\n", "")
    error = _error(rules)
    assert error.message == "'boendestod' behöver en 'label'"


def test_a_signal_names_a_known_need(rules: Path) -> None:
    _edit(rules, "      need: health.trauma\n", "      need: health.unknown\n")
    error = _error(rules)
    assert error.message == "okänt behov 'health.unknown'"
    assert error.line == _line_of(rules, "need: health.unknown")


def test_a_resource_names_a_known_need(rules: Path) -> None:
    _edit(rules, "  bostad: housing.homeless\n", "  bostad: housing.nowhere\n")
    error = _error(rules)
    assert error.message == "okänt behov 'housing.nowhere'"
    assert error.line == _line_of(rules, "bostad: housing.nowhere")


def test_every_phrase_is_indexed_by_its_first_two_words() -> None:
    # A phrase with a word part or a number among its first two words ("bara # kr kvar")
    # cannot be looked up by its words and is tried at every word of every text: the
    # shipped lexicon has none, so reading time does not grow with such terms.
    lexicon = load_lexicon(DEFAULT_RULES_DIR)
    assert [entry.text for entry in lexicon.loose_phrases] == []
