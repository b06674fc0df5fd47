"""The needs lexicon from ``rules/lexicon.yaml``, checked strictly and compiled into indexes once.

Every fault is a ``RuleFileError`` naming ``lexicon.yaml:line`` in Swedish, so the
steering group can edit the file without reading code. The notation for terms is
described in ``patterns``; the file's own comments describe each section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgt_assistant.domain.needs.patterns import (
    Cue,
    Entry,
    PatternError,
    compile_cue,
    compile_entry,
)
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy, load_taxonomy
from mgt_assistant.domain.needs.text import fold, word_keys
from mgt_assistant.domain.yaml_located import RuleFileError

if TYPE_CHECKING:
    # The typed models (pydantic) and the YAML reader load only when a file is read,
    # so code that uses a compiled lexicon (a cached rule set) does not pay for them.
    from mgt_assistant.domain.needs.lexicon_schema import (
        CuesSpec,
        DirectionsSpec,
        LexiconFile,
        ScopeSpec,
        SignalSpec,
        SignalsSpec,
        TermsSpec,
    )
    from mgt_assistant.domain.yaml_models import RuleModel

LEXICON_FILE = "lexicon.yaml"
CUE_KINDS = ("negation", "history", "ongoing", "uncertainty", "other_person", "pseudo")
CUE_DIRECTIONS = ("before", "after", "right_after", "both")
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
    *("exhaustion", "schizophrenia"),
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
    # One-word entries by folded form and stem.
    words: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: dict[str, list[Entry]] = field(default_factory=dict)
    suffixes: dict[str, list[Entry]] = field(default_factory=dict)
    # Phrases by a key of their first word, then a key of their second: most words start
    # no phrase and are passed over after one look-up. The entries are kept as the keys of
    # a dictionary (in file order), so that candidates are merged without a loop.
    phrases: dict[str, dict[str, dict[Entry, None]]] = field(default_factory=dict)
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
    # The same cues by first word, then by the word after it: those whose second word it
    # is and the one-word cues, longest first; under "" the one-word cues only.
    cue_follow: dict[str, dict[str, list[Cue]]] = field(default_factory=dict)
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
    # Common words never looked up alone ("varken" is the stem of "värk").
    no_stem: frozenset[str] = frozenset()
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
                for one in first.keys:
                    by_second = self.phrases.setdefault(one, {})
                    for two in second.keys:
                        by_second.setdefault(two, {})[entry] = None
            else:
                self.loose_phrases.append(entry)
            return
        for key in first.keys:
            self.words.setdefault(key, []).append(entry)
        for prefix in first.prefixes:
            self.prefixes.setdefault(prefix, []).append(entry)
        for suffix in first.suffixes:
            self.suffixes.setdefault(suffix, []).append(entry)


def _expansion(text: str) -> Keys:
    return tuple((word, *word_keys(word)) for word in text.replace("-", " ").split())


def _index_terms(
    lexicon: Lexicon,
    spec: TermsSpec,
    owner: str,
    file: str,
    signal: tuple[str, str] = ("", ""),
) -> None:
    seen: dict[str, int] = {}
    for status, text, line in spec.by_status():
        folded = " ".join(fold(text).split())
        if folded in seen:
            raise RuleFileError(
                file, line, f"'{text}' står två gånger under {owner} (rad {seen[folded]})"
            )
        seen[folded] = line
        try:
            compiled = compile_entry(owner, text, line, status, lexicon.negation_words, signal)
        except PatternError as error:
            raise RuleFileError(file, line, str(error)) from None
        for entry in compiled:
            lexicon.index(entry)


def _needs(lexicon: Lexicon, spec: LexiconFile, file: str) -> None:
    if not spec.needs:
        raise RuleFileError(file, spec.line_of("needs"), "'needs' saknas eller är tom")
    for need_id, terms in spec.needs.items():
        if not lexicon.taxonomy.is_known(need_id):
            raise RuleFileError(file, spec.key_line("needs", need_id), f"okänt behov '{need_id}'")
        _index_terms(lexicon, terms, need_id, file)


def _in_file_order(spec: RuleModel, names: tuple[str, ...]) -> list[str]:
    """Return the given keys in the order they stand in the file (absent keys dropped)."""
    present = [name for name in names if name in spec.model_fields_set]
    return sorted(present, key=spec.line_of)


def _signals(lexicon: Lexicon, spec: SignalsSpec | None, file: str) -> None:
    fixed = {"alert": ALERT_IDS, "diagnosis": DIAGNOSIS_IDS}
    for kind in _in_file_order(spec, SIGNAL_KINDS) if spec is not None else []:
        ids: dict[str, SignalSpec] = getattr(spec, kind)
        for sid, signal in ids.items():
            known = fixed.get(kind)
            if (known is not None and sid not in known) or not SIGNAL_ID.fullmatch(sid):
                allowed = f" (kända: {', '.join(known)})" if known else ""
                line = spec.key_line(kind, sid) if spec is not None else 1
                raise RuleFileError(file, line, f"okänt {kind}-id '{sid}'{allowed}")
            if signal.label is None:
                raise RuleFileError(file, signal.line, f"'{sid}' behöver en 'label'")
            also = signal.need or ""
            if also and not lexicon.taxonomy.is_known(also):
                raise RuleFileError(file, signal.line_of("need"), f"okänt behov '{also}'")
            lexicon.signal_labels[(kind, sid)] = signal.label
            _index_terms(lexicon, signal, sid, file, (kind, also))


def _resources(lexicon: Lexicon, spec: LexiconFile, file: str) -> None:
    for word, need_id in spec.resources.items():
        if not lexicon.taxonomy.is_known(need_id):
            line = spec.key_line("resources", word)
            raise RuleFileError(file, line, f"okänt behov '{need_id}'")
        lexicon.resources[fold(word)] = need_id


def _ignored(lexicon: Lexicon, spec: LexiconFile, file: str) -> None:
    for index, text in enumerate(spec.ignore):
        line = spec.item_line("ignore", index)
        try:
            compiled = compile_entry(IGNORED, text, line, None, frozenset())
        except PatternError as error:
            raise RuleFileError(file, line, str(error)) from None
        for entry in compiled:
            lexicon.index(entry)


def _abbreviations(lexicon: Lexicon, spec: LexiconFile, file: str) -> None:
    for short, expansion in spec.abbreviations.items():
        lexicon.abbreviations[fold(short)] = _expansion(expansion)
    for short, ambiguous in spec.ambiguous.items():
        if len(ambiguous.meanings) < 2:
            line = ambiguous.line_of("meanings")
            raise RuleFileError(file, line, f"'{short}' behöver två betydelser")
        readings = [
            Meaning(
                _expansion(meaning.expansion),
                frozenset(key for text in meaning.context for key in word_keys(text)),
            )
            for meaning in ambiguous.meanings
        ]
        unresolved = ambiguous.unresolved
        expansions = [meaning.expansion for meaning in ambiguous.meanings]
        if unresolved is not None and unresolved not in expansions:
            raise RuleFileError(
                file, ambiguous.line_of("unresolved"), f"'unresolved' måste vara en av {expansions}"
            )
        fallback = _expansion(unresolved) if unresolved is not None else None
        lexicon.ambiguous[short] = Ambiguous(tuple(readings), fallback)


def _cues(lexicon: Lexicon, spec: CuesSpec | None, file: str) -> None:
    for kind in _in_file_order(spec, CUE_KINDS) if spec is not None else []:
        directions: DirectionsSpec = getattr(spec, kind)
        for direction in _in_file_order(directions, CUE_DIRECTIONS):
            for index, text in enumerate(getattr(directions, direction)):
                try:
                    cue = compile_cue(kind, direction, text)
                except PatternError as error:
                    line = directions.item_line(direction, index)
                    raise RuleFileError(file, line, str(error)) from None
                for first in cue.words[0]:
                    lexicon.cues.setdefault(first, []).append(cue)
    for found in lexicon.cues.values():
        found.sort(key=lambda cue: -len(cue.words))
    for first, found in lexicon.cues.items():
        follow = {"": [cue for cue in found if len(cue.words) == 1]}
        for second in {word for cue in found if len(cue.words) > 1 for word in cue.words[1]}:
            follow[second] = [cue for cue in found if len(cue.words) == 1 or second in cue.words[1]]
        lexicon.cue_follow[first] = follow


def negation_words(cues: CuesSpec | None) -> frozenset[str]:
    """Return the one-word negation cues: a term holding one of them is immune to negation."""
    negation = cues.negation if cues is not None else None
    if negation is None:
        return frozenset()
    return frozenset(
        fold(option)
        for text in (*negation.before, *negation.right_after, *negation.both)
        if len(text.split()) == 1
        for option in text.split("|")
    )


def _fuzzy_space(lexicon: Lexicon, extra: list[str]) -> None:
    known = {fold(text) for text in extra} | set(lexicon.cues)
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


def _scope(lexicon: Lexicon, scope: ScopeSpec) -> None:
    def words(texts: list[str]) -> frozenset[str]:
        return frozenset(fold(text) for text in texts)

    lexicon.breakers, lexicon.joins = words(scope.breakers), words(scope.joins)
    lexicon.list_words, lexicon.self_words = words(scope.list_words), words(scope.self_words)
    lexicon.prepositions, lexicon.possessives = words(scope.prepositions), words(scope.possessives)
    lexicon.planned, lexicon.children = words(scope.planned), words(scope.children)


def parse_lexicon(data: Any, taxonomy: NeedTaxonomy, file: str = LEXICON_FILE) -> Lexicon:
    """Check and compile parsed lexicon data; raise RuleFileError with file:line on a fault."""
    from mgt_assistant.domain.needs.lexicon_schema import LexiconFile
    from mgt_assistant.domain.yaml_models import validate

    spec, errors = validate(LexiconFile, data, file)
    if spec is None:
        raise errors[0]
    return lexicon_from_spec(spec, taxonomy, file)


def lexicon_from_spec(spec: LexiconFile, taxonomy: NeedTaxonomy, file: str) -> Lexicon:
    """Compile a valid lexicon model; raise RuleFileError on unknown ids or bad terms."""
    from mgt_assistant.domain.needs.lexicon_schema import ScopeSpec

    lexicon = Lexicon(version=spec.version or "", taxonomy=taxonomy)
    _cues(lexicon, spec.cues, file)
    _scope(lexicon, spec.scope or ScopeSpec())
    lexicon.negation_words = negation_words(spec.cues)
    _needs(lexicon, spec, file)
    _signals(lexicon, spec.signals, file)
    _resources(lexicon, spec, file)
    _ignored(lexicon, spec, file)
    _abbreviations(lexicon, spec, file)
    _fuzzy_space(lexicon, spec.no_fuzzy)
    lexicon.no_stem = frozenset(fold(word) for word in spec.no_stem)
    lexicon.labels = {
        need_id: (need_id.split(".", 1)[0], taxonomy.label(need_id))
        for need_id in taxonomy.all_ids()
    }
    lexicon.prefix_lengths = tuple(sorted({len(prefix) for prefix in lexicon.prefixes}))
    lexicon.suffix_lengths = tuple(sorted({len(suffix) for suffix in lexicon.suffixes}))
    return lexicon


def load_lexicon(rules_dir: Path) -> Lexicon:
    """Load and compile ``lexicon.yaml`` (and the taxonomy it names) from a rules folder."""
    from mgt_assistant.domain.yaml_strict import load_file

    taxonomy = load_taxonomy(rules_dir)
    return parse_lexicon(load_file(rules_dir / LEXICON_FILE, LEXICON_FILE), taxonomy)
