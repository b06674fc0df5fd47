"""The lexicon file: errors name file and line, in Swedish."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgt_assistant.domain.needs import load_lexicon
from mgt_assistant.domain.yaml_strict import RuleFileError
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture
def rules(tmp_path: Path) -> Path:
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


def test_unknown_need_id(rules: Path) -> None:
    _edit(rules, "  legal.criminal:", "  legal.unknown:")
    with pytest.raises(RuleFileError) as error:
        load_lexicon(rules)
    assert error.value.file == "lexicon.yaml"
    assert error.value.line == _line_of(rules, "legal.unknown:")
    assert error.value.message == "okänt behov 'legal.unknown'"


def test_duplicate_key(rules: Path) -> None:
    _edit(rules, 'version: "1.0"', 'version: "1.0"\nversion: "2.0"')
    with pytest.raises(RuleFileError, match="förekommer två gånger") as error:
        load_lexicon(rules)
    assert error.value.line == _line_of(rules, 'version: "2.0"')


def test_same_word_under_two_needs(rules: Path) -> None:
    _edit(rules, "    terms: [dygnsrytm]", "    terms: [dygnsrytm, skulder]")
    with pytest.raises(RuleFileError, match=r"'skulder' står redan under economy\.debt"):
        load_lexicon(rules)


def test_unknown_cue_kind(rules: Path) -> None:
    _edit(rules, "  uncertainty:", "  doubt: [kanske]\n  uncertainty:")
    with pytest.raises(RuleFileError, match="okänd sorts signalord 'doubt'"):
        load_lexicon(rules)


def test_every_sub_need_has_words(rules: Path) -> None:
    lexicon = load_lexicon(rules)
    covered = set(lexicon.words.values()) | {
        phrase.need_id for phrases in lexicon.phrases.values() for phrase in phrases
    }
    missing = [
        sub.id
        for domain in lexicon.taxonomy.domains
        for sub in domain.sub_needs
        if sub.id not in covered
    ]
    assert missing == []
