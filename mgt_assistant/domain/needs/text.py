"""Words of a message with their offsets, folded forms, stems and clause boundaries.

Everything is compared in folded form — case-folded, å/ä → a, ö → o, é → e — so
that "hemlos", "Hemlös" and "HEMLÖS" are one word, and also by Snowball stem of
the folded form, so that inflected forms need no listing. Offsets always point
into the original text, so evidence is the text exactly as the caseworker wrote it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a"})
WORD = re.compile(r"[^\W_]+")
# The same words as a capturing split: gap, word, gap, word, …, gap (faster than finditer).
_WORDS_AND_GAPS = re.compile(r"([^\W_]+)")
# Dotted abbreviations whose dot does not end a sentence ("ev. ADHD", "f.d. missbrukare").
DOTTED = frozenset(
    {"ev", "fd", "ex", "bl", "ca", "dvs", "pga", "inkl", "kl", "nr", "st", "resp", "jfr", "obs"}
    | {"ang", "enl", "mm", "osv", "mfl", "tex", "ff", "vg"}
)
_HARD = frozenset("!?;\n")
_SOFT = frozenset(',:()[]–—/"”“')

# Snowball's stemmer objects keep state between calls, so each thread gets its own.
_local = threading.local()


def fold(text: str) -> str:
    """Fold text for comparison: case-folded, without Swedish diacritics."""
    return text.casefold().translate(_FOLD)


def _stemmer() -> Any:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        # Imported at the first word read, not when a compiled lexicon is loaded; the
        # package imports all its thirty languages.
        from snowballstemmer.swedish_stemmer import SwedishStemmer

        stemmer = SwedishStemmer()
        _local.stemmer = stemmer
    return stemmer


# A spoken intensifier prefix adds degree, not meaning; the word is read without it.
INTENSIFIER = "jatte"
MIN_REST = 3


@lru_cache(maxsize=100_000)
def word_keys(raw: str) -> tuple[str, str]:
    """Return (folded form, stem of the folded form) of one word; cached, it is pure Python."""
    folded = fold(raw)
    if folded.startswith(INTENSIFIER) and len(folded) - len(INTENSIFIER) >= MIN_REST:
        folded = folded[len(INTENSIFIER) :]  # "jätteont" is "ont", "jättelåg" is "låg"
    stem: str = _stemmer().stemWord(folded)
    return folded, stem


@dataclass(slots=True)
class Token:
    """One word: where it stands, its forms, and the boundaries before it."""

    start: int
    end: int
    raw: str
    norm: str
    stem: str
    sentence: int
    # A comma, colon, dash or parenthesis stands between this word and the one before.
    soft: bool = False
    # Made from an abbreviation's expansion: several tokens share the abbreviation's offsets.
    expanded: bool = False
    # Made from an ambiguous abbreviation that the context did not settle.
    unsure: bool = False


def _gap_kind(gap: str, previous: str) -> int:
    """Classify the text between two words: 0 nothing, 1 clause break, 2 sentence end."""
    if not gap or gap == " ":
        return 0
    if any(char in _HARD for char in gap):
        return 2
    if previous.isdigit() and gap in (".", ","):
        return 0  # "2.5", "1,5"
    if "." in gap:
        dotted = gap.lstrip().startswith(".") and (previous in DOTTED or len(previous) == 1)
        return 1 if dotted and gap.strip() != "." else (0 if dotted else 2)
    if any(char in _SOFT for char in gap) or " - " in gap:
        return 1
    return 0


def tokenize(text: str) -> tuple[list[Token], frozenset[int]]:
    """Split text into tokens; also return the sentences that end with a question mark."""
    tokens: list[Token] = []
    questions: set[int] = set()
    parts = _WORDS_AND_GAPS.split(text)
    sentence, end, previous = 0, 0, ""
    for index in range(1, len(parts), 2):
        gap, raw = parts[index - 1], parts[index]
        start = end + len(gap)
        end = start + len(raw)
        # Most gaps are one space: no call needed.
        kind = 0 if gap == " " or index == 1 else _gap_kind(gap, previous)
        if kind == 2:
            if "?" in gap:
                questions.add(sentence)
            sentence += 1
        norm, stem = word_keys(raw)
        tokens.append(Token(start, end, raw, norm, stem, sentence, kind == 1))
        previous = norm
    if "?" in parts[-1]:
        questions.add(sentence)
    return tokens, frozenset(questions)
