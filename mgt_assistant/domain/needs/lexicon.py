"""The needs lexicon from ``rules/lexicon.yaml``, checked strictly and compiled into indexes once.

Every fault is a ``RuleFileError`` naming ``lexicon.yaml:line`` in Swedish, so the
steering group can edit the file without reading code. The notation for terms is
described in ``patterns``; the file's own comments describe each section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgt_assistant.domain.needs.patterns import (
    Cue,
    Entry,
    PatternError,
    compile_cue,
    compile_entry,
)
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy, load_taxonomy
from mgt_assistant.domain.needs.text import fold, word_keys
from mgt_assistant.domain.yaml_strict import LocatedDict, LocatedList, RuleFileError, load_file

LEXICON_FILE = "lexicon.yaml"
TOP_KEYS = (
    *("version", "needs", "signals", "abbreviations", "ambiguous"),
    *("ignore", "no_fuzzy", "cues", "scope", "resources"),
)
# Status lists under a need: the key, and the status its terms carry by themselves.
STATUS_KEYS = {"terms": None, "historical": "historical", "uncertain": "uncertain"}
STATUS_KEYS |= {"negated": "negated"}
CUE_KINDS = ("negation", "history", "ongoing", "uncertainty", "other_person", "pseudo")
CUE_DIRECTIONS = ("before", "after", "right_after", "both")
SCOPE_KEYS = (
    *("breakers", "joins", "list_words", "self", "prepositions", "possessives"),
    *("planned", "children"),
)
# Signal kinds and the ids other code relies on; in_place and income ids are checked
# against rules/interventions.yaml and rules/outcomes.yaml by the tests.
SIGNAL_KINDS = ("alert", "in_place", "diagnosis", "income")
ALERT_IDS = (
    *("suicide_risk", "self_harm", "acute_homelessness", "violence", "child_at_risk"),
    "minor",
)
DIAGNOSIS_IDS = (
    *("adhd", "autism", "npf", "intellectual_disability", "depression", "anxiety"),
    *("ptsd", "bipolar", "psychosis", "substance_dependence", "gambling_disorder"),
)
SIGNAL_ID = re.compile(r"[a-z][a-z_-]*[a-z]")
# The need id of ``ignore`` entries: they claim their words and give no need.
IGNORED = ""
MIN_FUZZY_LENGTH = 5

Keys = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Meaning:
    """One reading of an ambiguous abbreviation and the words that point to it."""

    expansion: Keys
    context: frozenset[str]


@dataclass(frozen=True)
class Ambiguous:
    """An abbreviation with several readings; ``unresolved`` is read when context is silent."""

    meanings: tuple[Meaning, ...]
    unresolved: Keys | None


@dataclass
class Lexicon:
    """The compiled lexicon: look-up indexes built once by ``load_lexicon``."""

    version: str
    taxonomy: NeedTaxonomy
    entries: list[Entry] = field(default_factory=list)
    # One-word entries by folded form and stem; phrases by the keys of their first two words.
    words: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: dict[str, list[Entry]] = field(default_factory=dict)
    suffixes: dict[str, list[Entry]] = field(default_factory=dict)
    phrases: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    # First words of the indexed phrases, so that most words are passed over at once.
    phrase_firsts: set[str] = field(default_factory=set)
    # Phrases whose first or second word is a word part; tried at every position.
    loose_phrases: list[Entry] = field(default_factory=list)
    # Need id → (domain id, Swedish label), so that no mention searches the taxonomy.
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Typo search space: (first letter, length) → folded words, and word → entries.
    fuzzy: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    fuzzy_entries: dict[str, list[Entry]] = field(default_factory=dict)
    abbreviations: dict[str, Keys] = field(default_factory=dict)
    ambiguous: dict[str, Ambiguous] = field(default_factory=dict)
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    breakers: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()
    self_words: frozenset[str] = frozenset()
    joins: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    # Words that make a service or income planned, not in place ("ska börja", "ansökt om").
    planned: frozenset[str] = frozenset()
    # Words for children: an age next to them is a child's, not the person's.
    children: frozenset[str] = frozenset()
    # Resource word (folded) → the need its absence is, for lists after a missing resource.
    resources: dict[str, str] = field(default_factory=dict)
    # (kind, id) → Swedish label of a signal.
    signal_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    negation_words: frozenset[str] = frozenset()
    # Words never treated as typos of a lexicon word.
    no_fuzzy: frozenset[str] = frozenset()
    min_fuzzy_length: int = MIN_FUZZY_LENGTH
    prefix_lengths: tuple[int, ...] = ()
    suffix_lengths: tuple[int, ...] = ()
    # Look-ups of single words already made, by folded form (bounded; a plain dict is
    # safe to share between threads, and caseworkers reuse their words a lot).
    word_cache: dict[str, tuple[list[Entry], float]] = field(default_factory=dict)

    def index(self, entry: Entry) -> None:
        """Add a compiled entry to the look-up indexes."""
        self.entries.append(entry)
        first = entry.words[0]
        if len(entry.words) > 1:
            second = entry.words[1]
            if first.exact_only and second.exact_only:
                for pair in {(one, two) for one in first.keys for two in second.keys}:
                    self.phrases.setdefault(pair, []).append(entry)
                self.phrase_firsts |= first.keys
            else:
                self.loose_phrases.append(entry)
            return
        for key in first.keys:
            self.words.setdefault(key, []).append(entry)
        for prefix in first.prefixes:
            self.prefixes.setdefault(prefix, []).append(entry)
        for suffix in first.suffixes:
            self.suffixes.setdefault(suffix, []).append(entry)


def _list(data: LocatedDict, key: str, file: str) -> list[tuple[str, int]]:
    value: Any = data.get(key)
    if value is None:
        return []
    if not isinstance(value, LocatedList):
        raise RuleFileError(file, data.line_of(key), f"'{key}' måste vara en lista")
    items = []
    for item, line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            raise RuleFileError(file, line, f"'{key}' får bara innehålla text")
        items.append((str(item), line))
    return items


def _mapping(data: LocatedDict, key: str, file: str, allowed: tuple[str, ...] = ()) -> LocatedDict:
    value: Any = data.get(key)
    if value is None:
        return LocatedDict()
    if not isinstance(value, LocatedDict):
        raise RuleFileError(file, data.line_of(key), f"'{key}' måste vara en mappning")
    for name in value if allowed else ():
        if name not in allowed:
            raise RuleFileError(
                file, value.line_of(name), f"okänd nyckel '{name}' (kända: {', '.join(allowed)})"
            )
    return value


def _expansion(text: str) -> Keys:
    return tuple((word, *word_keys(word)) for word in text.replace("-", " ").split())


def _needs(lexicon: Lexicon, data: LocatedDict, file: str, negation: frozenset[str]) -> None:
    needs = _mapping(data, "needs", file)
    if not needs:
        raise RuleFileError(file, data.line_of("needs"), "'needs' saknas eller är tom")
    for need_id, spec in needs.items():
        if not lexicon.taxonomy.is_known(need_id):
            raise RuleFileError(file, needs.line_of(need_id), f"okänt behov '{need_id}'")
        spec = _mapping(needs, need_id, file, tuple(STATUS_KEYS))
        seen: dict[str, int] = {}
        for key, status in STATUS_KEYS.items():
            for text, line in _list(spec, key, file):
                folded = " ".join(fold(text).split())
                if folded in seen:
                    raise RuleFileError(
                        file, line, f"'{text}' står två gånger under {need_id} (rad {seen[folded]})"
                    )
                seen[folded] = line
                try:
                    compiled = compile_entry(need_id, text, line, status, negation)
                except PatternError as error:
                    raise RuleFileError(file, line, str(error)) from None
                for entry in compiled:
                    lexicon.index(entry)


def _signal_terms(
    lexicon: Lexicon, spec: LocatedDict, file: str, signal: tuple[str, str], sid: str
) -> None:
    seen: dict[str, int] = {}
    for key, status in STATUS_KEYS.items():
        for text, line in _list(spec, key, file):
            folded = " ".join(fold(text).split())
            if folded in seen:
                raise RuleFileError(
                    file, line, f"'{text}' står två gånger under {sid} (rad {seen[folded]})"
                )
            seen[folded] = line
            try:
                compiled = compile_entry(sid, text, line, status, lexicon.negation_words, signal)
            except PatternError as error:
                raise RuleFileError(file, line, str(error)) from None
            for entry in compiled:
                lexicon.index(entry)


def _signals(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    signals = _mapping(data, "signals", file, SIGNAL_KINDS)
    fixed = {"alert": ALERT_IDS, "diagnosis": DIAGNOSIS_IDS}
    for kind in signals:
        ids = _mapping(signals, kind, file)
        for sid in ids:
            known = fixed.get(kind)
            if (known is not None and sid not in known) or not SIGNAL_ID.fullmatch(str(sid)):
                allowed = f" (kända: {', '.join(known)})" if known else ""
                raise RuleFileError(file, ids.line_of(sid), f"okänt {kind}-id '{sid}'{allowed}")
            spec = _mapping(ids, sid, file, ("label", "need", *STATUS_KEYS))
            label = spec.get("label")
            if not isinstance(label, str) or not label.strip():
                raise RuleFileError(file, spec.line, f"'{sid}' behöver en 'label'")
            also = spec.get("need") or ""
            if also and not lexicon.taxonomy.is_known(str(also)):
                raise RuleFileError(file, spec.line_of("need"), f"okänt behov '{also}'")
            lexicon.signal_labels[(str(kind), str(sid))] = label
            _signal_terms(lexicon, spec, file, (str(kind), str(also)), str(sid))


def _resources(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    resources = _mapping(data, "resources", file)
    for word, need_id in resources.items():
        if not isinstance(need_id, str) or not lexicon.taxonomy.is_known(need_id):
            raise RuleFileError(file, resources.line_of(word), f"okänt behov '{need_id}'")
        lexicon.resources[fold(str(word))] = need_id


def _ignored(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    for text, line in _list(data, "ignore", file):
        try:
            compiled = compile_entry(IGNORED, text, line, None, frozenset())
        except PatternError as error:
            raise RuleFileError(file, line, str(error)) from None
        for entry in compiled:
            lexicon.index(entry)


def _abbreviations(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    plain = _mapping(data, "abbreviations", file)
    for short, expansion in plain.items():
        if not isinstance(expansion, str) or not expansion.strip():
            raise RuleFileError(file, plain.line_of(short), f"'{short}' måste ha en utskrift")
        lexicon.abbreviations[fold(short)] = _expansion(expansion)
    ambiguous = _mapping(data, "ambiguous", file)
    for short in ambiguous:
        spec = _mapping(ambiguous, short, file, ("meanings", "unresolved"))
        meanings = spec.get("meanings")
        if not isinstance(meanings, LocatedList) or len(meanings) < 2:
            raise RuleFileError(file, spec.line_of("meanings"), f"'{short}' behöver två betydelser")
        readings = []
        for meaning in meanings:
            if not isinstance(meaning, LocatedDict) or not isinstance(
                meaning.get("expansion"), str
            ):
                raise RuleFileError(file, meanings.line, "varje betydelse behöver 'expansion'")
            context = {
                key for text, _ in _list(meaning, "context", file) for key in word_keys(text)
            }
            readings.append(Meaning(_expansion(meaning["expansion"]), frozenset(context)))
        unresolved = spec.get("unresolved")
        expansions = [str(m["expansion"]) for m in meanings]
        if unresolved is not None and unresolved not in expansions:
            raise RuleFileError(
                file, spec.line_of("unresolved"), f"'unresolved' måste vara en av {expansions}"
            )
        fallback = _expansion(unresolved) if isinstance(unresolved, str) else None
        lexicon.ambiguous[str(short)] = Ambiguous(tuple(readings), fallback)


def _cues(lexicon: Lexicon, data: LocatedDict, file: str) -> None:
    cues = _mapping(data, "cues", file, CUE_KINDS)
    for kind in cues:
        directions = _mapping(cues, kind, file, CUE_DIRECTIONS)
        for direction in directions:
            for text, line in _list(directions, direction, file):
                try:
                    cue = compile_cue(kind, direction, text)
                except PatternError as error:
                    raise RuleFileError(file, line, str(error)) from None
                for first in cue.words[0]:
                    lexicon.cues.setdefault(first, []).append(cue)
    for found in lexicon.cues.values():
        found.sort(key=lambda cue: -len(cue.words))


def negation_words(data: LocatedDict, file: str) -> frozenset[str]:
    """Return the one-word negation cues: a term holding one of them is immune to negation."""
    negation = _mapping(_mapping(data, "cues", file), "negation", file)
    return frozenset(
        fold(option)
        for direction in ("before", "right_after", "both")
        for text, _ in _list(negation, direction, file)
        if len(text.split()) == 1
        for option in text.split("|")
    )


def _fuzzy_space(lexicon: Lexicon, extra: list[tuple[str, int]]) -> None:
    known = {fold(text) for text, _ in extra} | set(lexicon.cues)
    known |= lexicon.breakers | lexicon.list_words | lexicon.self_words | lexicon.joins
    for entry in lexicon.entries:
        for pattern in entry.words:
            known |= pattern.keys
            if len(entry.words) == 1:
                for word in pattern.keys:
                    if len(word) >= MIN_FUZZY_LENGTH and not entry.status and entry.need_id:
                        lexicon.fuzzy_entries.setdefault(word, []).append(entry)
    for word in lexicon.fuzzy_entries:
        lexicon.fuzzy.setdefault((word[0], len(word)), []).append(word)
    lexicon.no_fuzzy = frozenset(known)


def parse_lexicon(data: Any, taxonomy: NeedTaxonomy, file: str = LEXICON_FILE) -> Lexicon:
    """Check and compile parsed lexicon data; raise RuleFileError with file:line on a fault."""
    if not isinstance(data, LocatedDict):
        raise RuleFileError(file, 1, "lexikonet måste vara en mappning")
    for key in data:
        if key not in TOP_KEYS:
            raise RuleFileError(file, data.line_of(key), f"okänd nyckel '{key}'")
    lexicon = Lexicon(version=str(data.get("version", "")), taxonomy=taxonomy)
    _cues(lexicon, data, file)
    scope = _mapping(data, "scope", file, SCOPE_KEYS)
    lexicon.breakers = frozenset(fold(text) for text, _ in _list(scope, "breakers", file))
    lexicon.list_words = frozenset(fold(text) for text, _ in _list(scope, "list_words", file))
    lexicon.self_words = frozenset(fold(text) for text, _ in _list(scope, "self", file))
    lexicon.joins = frozenset(fold(text) for text, _ in _list(scope, "joins", file))
    lexicon.prepositions = frozenset(fold(t) for t, _ in _list(scope, "prepositions", file))
    lexicon.possessives = frozenset(fold(t) for t, _ in _list(scope, "possessives", file))
    lexicon.negation_words = negation_words(data, file)
    lexicon.planned = frozenset(fold(t) for t, _ in _list(scope, "planned", file))
    lexicon.children = frozenset(fold(t) for t, _ in _list(scope, "children", file))
    _needs(lexicon, data, file, lexicon.negation_words)
    _signals(lexicon, data, file)
    _resources(lexicon, data, file)
    _ignored(lexicon, data, file)
    _abbreviations(lexicon, data, file)
    _fuzzy_space(lexicon, _list(data, "no_fuzzy", file))
    lexicon.labels = {
        need_id: (need_id.split(".", 1)[0], taxonomy.label(need_id))
        for need_id in taxonomy.all_ids()
    }
    lexicon.prefix_lengths = tuple(sorted({len(prefix) for prefix in lexicon.prefixes}))
    lexicon.suffix_lengths = tuple(sorted({len(suffix) for suffix in lexicon.suffixes}))
    return lexicon


def load_lexicon(rules_dir: Path) -> Lexicon:
    """Load and compile ``lexicon.yaml`` (and the taxonomy it names) from a rules folder."""
    taxonomy = load_taxonomy(rules_dir)
    return parse_lexicon(load_file(rules_dir / LEXICON_FILE, LEXICON_FILE), taxonomy)
