"""The needs lexicon from ``rules/lexicon.yaml``, compiled into lookup indexes once.

Every word is compared in folded form (lower case, å/ä → a, ö → o, é → e, no
hyphens or dots), so that "hemlos", "Hemlös" and "hem-lös" are the same word,
and also by its Snowball stem, so that inflected forms need no listing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy, load_taxonomy
from mgt_assistant.domain.yaml_strict import LocatedDict, LocatedList, RuleFileError, load_file

LEXICON_FILE = "lexicon.yaml"
CUE_KINDS = (
    "negation_before",
    "negation_after",
    "history",
    "history_after",
    "uncertainty",
    "other_person",
    "scope_breakers",
    "other_person_not_after",
)

_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "-": "", ".": ""}
)
# Common written abbreviations are one token, so their dots do not end a sentence.
TOKEN_PATTERN = re.compile(
    r"(?i:f\.d\.|t\.ex\.|bl\.a\.|m\.m\.|p\.g\.a\.|d\.v\.s\.|ev\.)|[^\W_]+(?:[-'][^\W_]+)*|[.!?;:]"
)
_stemmer = snowballstemmer.stemmer("swedish")


def fold(text: str) -> str:
    """Fold a word for comparison: lower case, no diacritics, no hyphens or dots."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=65_536)
def stem(folded: str) -> str:
    """Return the Snowball stem of a folded word (cached: the stemmer is pure Python)."""
    result: str = _stemmer.stemWord(folded)
    return result


def phrase_tokens(text: str) -> tuple[str, ...]:
    """Split a lexicon entry into folded tokens, the way message text is split."""
    return tuple(fold(match.group()) for match in TOKEN_PATTERN.finditer(text))


@dataclass(frozen=True)
class Phrase:
    """A multi-word entry with its words folded and stemmed."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    need_id: str


@dataclass(frozen=True)
class Ambiguous:
    """An abbreviation with several meanings, resolved by words in the same sentence."""

    default: str
    context: Mapping[str, frozenset[str]]


@dataclass
class Lexicon:
    """Compiled indexes over the lexicon; build with ``load_lexicon``."""

    version: str
    taxonomy: NeedTaxonomy
    words: dict[str, str] = field(default_factory=dict)
    stems: dict[str, str] = field(default_factory=dict)
    # First word's stem → (words, their stems, need id), longest first.
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)
    fuzzy_vocabulary: dict[str, list[str]] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, Ambiguous] = field(default_factory=dict)
    no_fuzzy: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    # Cue kind → first word → the cue patterns starting with it, longest first.
    cues: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    cue_words: frozenset[str] = frozenset()


def _strings(data: LocatedDict, key: str, file: str) -> list[tuple[str, int]]:
    value: Any = data.get(key)
    if value is None:
        return []
    if not isinstance(value, LocatedList):
        raise RuleFileError(file, data.line_of(key), f"'{key}' måste vara en lista")
    items: list[tuple[str, int]] = []
    for item, line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            raise RuleFileError(file, line, f"'{key}' får bara innehålla text")
        items.append((item, line))
    return items


def _add_entries(
    lexicon: Lexicon, need_id: str, entry: LocatedDict, file: str, owners: dict[str, str]
) -> None:
    for kind in ("terms", "phrases"):
        for text, line in _strings(entry, kind, file):
            tokens = phrase_tokens(text)
            key = " ".join(tokens)
            if owners.get(key, need_id) != need_id:
                raise RuleFileError(file, line, f"'{text}' står redan under {owners[key]}")
            owners[key] = need_id
            if len(tokens) == 1:
                word = tokens[0]
                lexicon.words.setdefault(word, need_id)
                lexicon.stems.setdefault(stem(word), need_id)
                if len(word) >= 5:
                    lexicon.fuzzy_vocabulary.setdefault(word[0], []).append(word)
            elif tokens:
                stems = tuple(stem(token) for token in tokens)
                lexicon.phrases.setdefault(stems[0], []).append(Phrase(tokens, stems, need_id))
    for entries in lexicon.phrases.values():
        entries.sort(key=lambda phrase: -len(phrase.words))


def _need_entries(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    needs = data.get("needs")
    if not isinstance(needs, LocatedDict):
        raise RuleFileError(file, data.line_of("needs"), "'needs' måste vara en mappning")
    owners: dict[str, str] = {}
    for need_id, entry in needs.items():
        if not lexicon.taxonomy.is_known(need_id):
            raise RuleFileError(file, needs.line_of(need_id), f"okänt behov '{need_id}'")
        if not isinstance(entry, LocatedDict):
            raise RuleFileError(file, needs.line_of(need_id), "varje behov måste vara en mappning")
        _add_entries(lexicon, need_id, entry, file, owners)


def _abbreviations(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    plain = data.get("abbreviations") or LocatedDict()
    for short, need_id in plain.items():
        if not lexicon.taxonomy.is_known(str(need_id)):
            raise RuleFileError(file, plain.line_of(short), f"okänt behov '{need_id}'")
        lexicon.abbreviations[short.upper()] = str(need_id)
    ambiguous = data.get("ambiguous") or LocatedDict()
    for short, spec in ambiguous.items():
        default = spec.get("default") if isinstance(spec, LocatedDict) else None
        if not isinstance(default, str) or not lexicon.taxonomy.is_known(default):
            raise RuleFileError(file, ambiguous.line_of(short), f"'{short}' saknar känt 'default'")
        context: dict[str, frozenset[str]] = {}
        for need_id, words in (spec.get("context") or LocatedDict()).items():
            if not lexicon.taxonomy.is_known(need_id):
                raise RuleFileError(file, spec.line_of("context"), f"okänt behov '{need_id}'")
            context[need_id] = frozenset(fold(str(word)) for word in words)
        lexicon.ambiguous[short.upper()] = Ambiguous(default, context)


def _cues(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    cues = data.get("cues")
    if not isinstance(cues, LocatedDict):
        raise RuleFileError(file, data.line_of("cues"), "'cues' måste vara en mappning")
    for kind in cues:
        if kind not in CUE_KINDS:
            raise RuleFileError(file, cues.line_of(kind), f"okänd sorts signalord '{kind}'")
    words: set[str] = set()
    for kind in CUE_KINDS:
        patterns = [phrase_tokens(text) for text, _ in _strings(cues, kind, file)]
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for pattern in sorted(patterns, key=len, reverse=True):
            if pattern:
                by_first.setdefault(pattern[0], []).append(pattern)
        lexicon.cues[kind] = {first: tuple(found) for first, found in by_first.items()}
        if kind != "other_person_not_after":
            words.update(pattern[0] for pattern in patterns if pattern)
    lexicon.cue_words = frozenset(words)


def parse_lexicon(data: Any, taxonomy: NeedTaxonomy, file: str = LEXICON_FILE) -> Lexicon:
    """Compile parsed lexicon data; raise RuleFileError with file:line on faults."""
    if not isinstance(data, LocatedDict):
        raise RuleFileError(file, 1, "lexikonet måste vara en mappning")
    lexicon = Lexicon(version=str(data.get("version", "")), taxonomy=taxonomy)
    _need_entries(lexicon, data, file)
    _abbreviations(lexicon, data, file)
    lexicon.no_fuzzy = frozenset(fold(word) for word, _ in _strings(data, "no_fuzzy", file))
    lexicon.excluded = frozenset(fold(word) for word, _ in _strings(data, "not_needs", file))
    _cues(lexicon, data, file)
    return lexicon


def load_lexicon(rules_dir: Path) -> Lexicon:
    """Load and compile the lexicon (and the taxonomy it refers to) from a rules folder."""
    taxonomy = load_taxonomy(rules_dir)
    data = load_file(rules_dir / LEXICON_FILE, LEXICON_FILE)
    return parse_lexicon(data, taxonomy)
