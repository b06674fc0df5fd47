"""Lexicon entries compiled into word patterns that a token can be tested against.

The notation the steering group writes in ``rules/lexicon.yaml``:

- words separated by spaces form a phrase: ``bor på soffan hos kompisar``;
- ``a|b`` inside a word gives alternatives: ``sover i bilen|bil|trapphuset``;
- ``*missbruk`` matches a compound ending in that word ("alkoholmissbruket");
- ``inkasso*`` matches any word starting with it ("inkassokrav");
- a hyphen matches both spellings: ``sms-lån`` finds "sms-lån", "sms lån" and "smslån";
- dots are ignored: ``f.d.`` is the words "f d";
- ``#`` is a number in digits or words: ``arbetslös sedan # år``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mgt_assistant.domain.needs.text import WORD, Token, fold, word_keys

# A compound's first part must be this long, so that "oskuld" is not a "skuld".
MIN_COMPOUND_HEAD = 3
# ``#`` in a term stands for a number, in digits or words ("sedan # år").
NUMBER = "#"
NUMBER_WORDS = frozenset(
    {"en", "ett", "två", "tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio", "tio"}
    | {"elva", "tolv", "flera", "manga", "nagra", "par", "hundra", "tusen", "tjugo"}
    | {"trettio", "fyrtio", "femtio", "hundratals", "massor", "tiotals", "otaliga"}
)


def _by_fields(obj: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """Pickle a frozen slots dataclass by its fields, in order.

    The compiled rule-set cache holds thousands of these; the generic state of a frozen
    slots dataclass loads several times slower than a call with the fields.
    """
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


class PatternError(ValueError):
    """A term or cue written in a way the notation does not allow (Swedish message)."""


@dataclass(frozen=True, slots=True)
class WordPattern:
    """What one position of a phrase accepts: exact words (by form or stem) or word parts."""

    keys: frozenset[str]
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    numbers: bool = False

    __reduce__ = _by_fields

    def matches(self, token: Token) -> bool:
        """Tell whether the token fits this position."""
        if token.norm in self.keys or token.stem in self.keys:
            return True
        if self.numbers and token.norm.isdigit():
            return True
        if token.norm.startswith(self.prefixes):  # any of them; never for an empty tuple
            return True
        return bool(self.suffixes) and any(
            len(word) - len(suffix) >= MIN_COMPOUND_HEAD and word.endswith(suffix)
            for suffix in self.suffixes
            for word in (token.norm, token.stem)
        )

    @property
    def exact_only(self) -> bool:
        """Tell whether the pattern has no word-part alternatives."""
        return not self.prefixes and not self.suffixes and not self.numbers


# Compared and hashed by identity: entries are looked up in hot loops.
@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """A term of the lexicon: the need it signals and the words that signal it."""

    need_id: str
    words: tuple[WordPattern, ...]
    text: str
    line: int
    # A fixed status ("nykter sedan" is historical by itself), or None for "read the context".
    status: str | None = None
    # Holds its own negation word ("har ingen bostad"): a negation outside does not undo it.
    immune: bool = False
    # Written as several words: after a comma or "och" it starts a new clause of its own.
    clause: bool = False
    # A signal's kind ("alert", "in_place", "diagnosis", "income"); empty for a need.
    kind: str = ""
    # The need a signal also shows ("självmordstankar" is psychic ill-health too).
    also: str = ""

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Cue:
    """A context word or phrase: its kind, which way it reaches, and its words."""

    kind: str
    direction: str
    words: tuple[frozenset[str], ...]

    __reduce__ = _by_fields


def _check_word(word: str, text: str) -> None:
    if not WORD.fullmatch(word):
        raise PatternError(f"ogiltigt ord '{word}' i '{text}'")


def _alternative(alternative: str, text: str) -> tuple[set[str], list[str], list[str]]:
    keys: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    if alternative == NUMBER:
        keys.update(NUMBER_WORDS)
    elif alternative.startswith("*"):
        _check_word(alternative[1:], text)
        folded, stem = word_keys(alternative[1:])
        suffixes.extend(dict.fromkeys((folded, stem)))
    elif alternative.endswith("*"):
        _check_word(alternative[:-1], text)
        if len(alternative) < 5:
            raise PatternError(f"'{alternative}' är för kort för att matcha ordbörjan")
        prefixes.append(fold(alternative[:-1]))
    else:
        _check_word(alternative, text)
        keys.update(word_keys(alternative))
    return keys, prefixes, suffixes


def word_pattern(word: str, text: str) -> WordPattern:
    """Compile one written word (with ``|`` alternatives and ``*``) into a pattern."""
    keys: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    for alternative in word.split("|"):
        more_keys, more_prefixes, more_suffixes = _alternative(alternative, text)
        keys |= more_keys
        prefixes += more_prefixes
        suffixes += more_suffixes
    numbers = NUMBER in word.split("|")
    return WordPattern(frozenset(keys), tuple(prefixes), tuple(suffixes), numbers)


def spellings(text: str) -> list[list[str]]:
    """Split a term into its words, once per hyphen spelling (split and joined)."""
    words = text.replace(".", " ").split()
    if not words:
        raise PatternError("tom term")
    variants: list[list[str]] = [[]]
    for word in words:
        if "-" not in word:
            variants = [[*variant, word] for variant in variants]
            continue
        if "|" in word or "*" in word:
            raise PatternError(f"bindestreck går inte att kombinera med | eller * i '{word}'")
        parts = [part for part in word.split("-") if part]
        variants = [v + parts for v in variants] + [[*v, "".join(parts)] for v in variants]
    return variants


def compile_entry(
    need_id: str,
    text: str,
    line: int,
    status: str | None,
    negation_words: frozenset[str],
    signal: tuple[str, str] = ("", ""),
) -> list[Entry]:
    """Compile one lexicon term into an entry per spelling."""
    entries = []
    for words in spellings(text):
        patterns = tuple(word_pattern(word, text) for word in words)
        folded = {fold(alternative) for word in words for alternative in word.split("|")}
        entries.append(
            Entry(
                need_id=need_id,
                words=patterns,
                text=text,
                line=line,
                status=status,
                immune=bool(folded & negation_words),
                clause=len(text.split()) > 1,
                kind=signal[0],
                also=signal[1],
            )
        )
    return entries


def compile_cue(kind: str, direction: str, text: str) -> Cue:
    """Compile a cue phrase; cue words are compared by folded form only, never by stem."""
    words = text.replace(".", " ").replace("-", " ").split()
    if not words:
        raise PatternError("tomt signalord")
    alternatives = []
    for word in words:
        options = word.split("|")
        for option in options:
            _check_word(option, text)
        alternatives.append(frozenset(fold(option) for option in options))
    return Cue(kind, direction, tuple(alternatives))
