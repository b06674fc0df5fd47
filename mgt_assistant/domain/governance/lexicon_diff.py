"""Lexicon changes: terms per need, ignored words, abbreviations, context cues and scope words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from mgt_assistant.domain.governance.changes import Change
from mgt_assistant.domain.needs.lexicon import IGNORED, Keys, Lexicon
from mgt_assistant.domain.rules.model import RuleSet

STATUS_SV: Final[Mapping[str | None, str]] = {
    None: "ord",
    "historical": "ord för tidigare behov",
    "uncertain": "ord för osäkert behov",
    "negated": "ord för nekat behov",
}
SCOPE_SV: Final[Mapping[str, str]] = {
    "breakers": "ord som bryter sammanhanget",
    "list_words": "uppräkningsord",
    "self_words": "ord om personen själv",
    "joins": "bindeord",
    "prepositions": "prepositioner",
    "possessives": "possessiva ord",
}

_Term = tuple[str, str | None, str]


def _terms(lexicon: Lexicon) -> set[_Term]:
    # One term written with a hyphen compiles to several entries; the written text is the term.
    return {(entry.need_id, entry.status, entry.text) for entry in lexicon.entries}


def _cues(lexicon: Lexicon) -> set[tuple[str, str, str]]:
    return {
        (cue.kind, cue.direction, " ".join("|".join(sorted(word)) for word in cue.words))
        for cues in lexicon.cues.values()
        for cue in cues
    }


def _expansion(keys: Keys) -> str:
    return " ".join(word[0] for word in keys)


def _term_changes(old: Lexicon, new: Lexicon, rule_set: RuleSet) -> Iterator[Change]:
    before, after = _terms(old), _terms(new)

    def owner(need: str) -> str:
        if need == IGNORED:
            return "ignoreras"
        return f"{rule_set.taxonomy.label(need)} ({need})"

    for kind, found in (("added", after - before), ("removed", before - after)):
        for need, status, text in sorted(found, key=lambda t: (t[0], t[1] or "", t[2])):
            what = "ord" if need == IGNORED else STATUS_SV.get(status, str(status))
            verb = "nytt" if kind == "added" else "borttaget"
            line = f"{owner(need)}: {verb} {what} ”{text}”"
            yield Change(
                "added" if kind == "added" else "removed",
                f"lexicon/{need or 'ignore'}",
                None if kind == "added" else text,
                text if kind == "added" else None,
                line,
            )


def _set_changes(
    where: str, label: str, old: Iterable[str], new: Iterable[str]
) -> Iterator[Change]:
    before, after = set(old), set(new)
    for word in sorted(after - before):
        yield Change("added", where, None, word, f"{label}: nytt ”{word}”")
    for word in sorted(before - after):
        yield Change("removed", where, word, None, f"{label}: ”{word}” borttaget")


def lexicon_changes(old_set: RuleSet, new_set: RuleSet) -> Iterator[Change]:
    """Yield what changed in the needs lexicon, in words."""
    old, new = old_set.lexicon, new_set.lexicon
    if old.version != new.version:
        yield Change(
            "changed",
            "lexicon/version",
            old.version,
            new.version,
            f"lexikonets version {old.version} → {new.version}",
        )
    yield from _term_changes(old, new, new_set)
    for short in sorted(new.abbreviations.keys() - old.abbreviations.keys()):
        meaning = _expansion(new.abbreviations[short])
        yield Change(
            "added",
            f"lexicon/abbreviations/{short}",
            None,
            meaning,
            f"ny förkortning {short} = {meaning}",
        )
    for short in sorted(old.abbreviations.keys() - new.abbreviations.keys()):
        meaning = _expansion(old.abbreviations[short])
        yield Change(
            "removed",
            f"lexicon/abbreviations/{short}",
            meaning,
            None,
            f"förkortningen {short} borttagen",
        )
    for short in sorted(old.abbreviations.keys() & new.abbreviations.keys()):
        before, after = _expansion(old.abbreviations[short]), _expansion(new.abbreviations[short])
        if before != after:
            yield Change(
                "changed",
                f"lexicon/abbreviations/{short}",
                before,
                after,
                f"förkortningen {short}: {before} → {after}",
            )
    yield from _set_changes(
        "lexicon/ambiguous", "flertydig förkortning", old.ambiguous, new.ambiguous
    )
    old_cues = {" ".join(c) for c in _cues(old)}
    new_cues = {" ".join(c) for c in _cues(new)}
    yield from _set_changes("lexicon/cues", "signalord (typ riktning ord)", old_cues, new_cues)
    for name, label in SCOPE_SV.items():
        old_words: frozenset[str] = getattr(old, name)
        new_words: frozenset[str] = getattr(new, name)
        yield from _set_changes(f"lexicon/scope/{name}", label, old_words, new_words)
