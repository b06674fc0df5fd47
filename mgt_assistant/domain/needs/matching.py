"""Find where lexicon terms occur, cheapest way first.

Order: abbreviations are expanded in place ("KFM" → "kronofogden", keeping the
offsets of "KFM"); multi-word phrases claim their words, longest first; each
remaining word is looked up by folded form and stem, then as a compound part,
and only a still unmatched long word is searched for typos. The typo search
compares with words of the same first letter and nearly the same length, and
allows one edit (two from ten letters), so short words never fuzz into others.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mgt_assistant.domain.needs.clauses import clause_matches
from mgt_assistant.domain.needs.grammar import grammar_matches
from mgt_assistant.domain.needs.grammar_base import (
    LIVING_RULE,
    RESOURCE_RULE,
    UNKNOWING_RULE,
    is_rule,
)
from mgt_assistant.domain.needs.lexicon import Ambiguous, Keys, Lexicon
from mgt_assistant.domain.needs.patterns import MIN_COMPOUND_HEAD, Entry
from mgt_assistant.domain.needs.text import Token

MAX_PHRASE_GAP = 1
SPOKEN_ATT = "o"
CONTEXT_REACH = 8
WORD_CACHE_SIZE = 50_000
SCORE_WORD, SCORE_STEM, SCORE_PART = 1.0, 0.95, 0.85
SCORE_PHRASE, SCORE_GAP = 0.95, 0.05
SCORE_GRAMMAR = 0.9
SCORE_TYPO = {1: 0.8, 2: 0.7}
SCORE_ABBREVIATION, SCORE_UNSURE = 0.9, 0.5


@dataclass(slots=True)
class Match:
    """Where an entry occurs: first and last token, and how sure the match is."""

    first: int
    last: int
    entry: Entry
    score: float


def _resolve(ambiguous: Ambiguous, tokens: list[Token], at: int) -> tuple[Keys | None, bool]:
    sentence = tokens[at].sentence
    nearby = {
        key
        for token in tokens[max(at - CONTEXT_REACH, 0) : at + CONTEXT_REACH + 1]
        if token is not tokens[at] and token.sentence == sentence
        for key in (token.norm, token.stem)
    }
    hits = [len(meaning.context & nearby) for meaning in ambiguous.meanings]
    best = max(hits)
    if best > 0 and hits.count(best) == 1:
        return ambiguous.meanings[hits.index(best)].expansion, False
    return ambiguous.unresolved, True


def expand_abbreviations(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Replace abbreviations by their expansion; ambiguous ones are read from context."""
    out: list[Token] = []
    ambiguous_words, abbreviations = lexicon.ambiguous, lexicon.abbreviations
    for at, token in enumerate(tokens):
        unsure = False
        ambiguous = ambiguous_words.get(token.raw)
        if ambiguous is not None:
            keys, unsure = _resolve(ambiguous, tokens, at)
        else:
            keys = abbreviations.get(token.norm)
        # An ordinal's letter ("den 15:e") is no spoken "är".
        ordinal = keys is not None and len(token.norm) == 1 and token.soft and at > 0
        if keys is None or (ordinal and tokens[at - 1].norm.isdigit()):
            out.append(token)
            continue
        for k, (raw, norm, stem) in enumerate(keys):
            if token.norm == SPOKEN_ATT:
                stem = "att"  # spoken "o" is "och" or "att" ("ingenstans o sova"): both fit
            soft = token.soft and k == 0
            out.append(
                Token(token.start, token.end, raw, norm, stem, token.sentence, soft, True, unsure)
            )
    return out


def _phrase_end(tokens: list[Token], at: int, entry: Entry, lexicon: Lexicon) -> tuple[int, int]:
    """Return (last token, gaps) of the phrase starting at ``at``, or (-1, 0)."""
    last, gaps, sentence, size = at, 0, tokens[at].sentence, len(tokens)
    for pattern in entry.words[1:]:
        step = last + 1
        while True:
            if step >= size:
                return -1, 0
            token = tokens[step]
            if token.sentence != sentence or token.soft:
                return -1, 0
            if pattern.matches(token):
                break
            # One filler word may stand inside a phrase ("har ingen egen bostad"),
            # but never a negation or a word that ends a clause.
            if gaps >= MAX_PHRASE_GAP or token.norm in lexicon.negation_words:
                return -1, 0
            if token.norm in lexicon.breakers or token.norm in lexicon.joins:
                return -1, 0
            gaps, step = gaps + 1, step + 1
        last = step
    return last, gaps


def _phrases(tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    """Find the lexicon's phrases: candidates by their first two words, then each walked.

    Candidates follow the text and the words' keys (form, then stem), never the string
    hashing (PYTHONHASHSEED): their order decides ties. Entries hash by identity.
    """
    matches = []
    phrases, loose = lexicon.phrases, lexicon.loose_phrases
    for at in range(len(tokens) - 1):
        token = tokens[at]
        by_form = phrases.get(token.norm)
        by_stem = phrases.get(token.stem) if token.stem != token.norm else None
        starts: tuple[dict[str, dict[Entry, None]], ...] = ()
        if by_form is not None:
            starts = (by_form,) if by_stem is None else (by_form, by_stem)
        elif by_stem is not None:
            starts = (by_stem,)
        elif not loose:
            continue  # most words start no phrase
        hits = []  # the second word follows at once or after one gap
        for then in tokens[at + 1 : at + 2 + MAX_PHRASE_GAP]:
            norm, stem = then.norm, then.stem
            for by_second in starts:
                found = by_second.get(norm)
                if found:
                    hits.append(found)
                found = by_second.get(stem) if stem != norm else None
                if found:
                    hits.append(found)
        if loose:
            hits.append(dict.fromkeys(e for e in loose if e.words[0].matches(token)))
        candidates: dict[Entry, None] = {}
        for hit in hits:
            candidates.update(hit)
        third: tuple[str, ...] | None = None
        for entry in candidates:
            words = entry.words
            if len(words) > 2:
                # A third word stands two or three words on: a phrase whose third word is
                # none of these cannot match and is passed over without a walk.
                third = _keys_after(tokens, at + 1) if third is None else third
                if words[2].keys.isdisjoint(third) and words[2].exact_only:
                    continue
            last, gaps = _phrase_end(tokens, at, entry, lexicon)
            if last >= 0:
                matches.append(Match(at, last, entry, SCORE_PHRASE - SCORE_GAP * gaps))
    return matches


def _keys_after(tokens: list[Token], at: int) -> tuple[str, ...]:
    """Return the forms and stems of the two words after ``at`` (fewer at the end)."""
    if at + 2 >= len(tokens):
        return (tokens[at + 1].norm, tokens[at + 1].stem) if at + 1 < len(tokens) else ()
    return (tokens[at + 1].norm, tokens[at + 1].stem, tokens[at + 2].norm, tokens[at + 2].stem)


def _parts(token: Token, lexicon: Lexicon) -> list[Entry]:
    word, stem = token.norm, token.stem
    found: list[Entry] = []
    for length in lexicon.prefix_lengths:
        if len(word) >= length:
            found += lexicon.prefixes.get(word[:length], [])
    for length in lexicon.suffix_lengths:
        for form in (word, stem):
            if len(form) - length >= MIN_COMPOUND_HEAD:
                found += lexicon.suffixes.get(form[-length:], [])
    return found


@cache
def _fuzzy() -> tuple[Any, Any]:
    """Return rapidfuzz's extractOne and OSA distance, imported at the first fuzzy look-up."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return process.extractOne, OSA.distance


def _typo(word: str, lexicon: Lexicon) -> tuple[str, int] | None:
    extract_one, distance = _fuzzy()
    limit = 1 if len(word) < 10 else 2
    best: tuple[str, int] | None = None
    for length in range(len(word) - limit, len(word) + limit + 1):
        choices = lexicon.fuzzy.get((word[0], length))
        if not choices:
            continue
        hit = extract_one(word, choices, scorer=distance, score_cutoff=limit)
        if hit is not None and (best is None or hit[1] < best[1]):
            best = (hit[0], int(hit[1]))
    return best


def _single(token: Token, lexicon: Lexicon) -> tuple[list[Entry], float]:
    cached = lexicon.word_cache.get(token.norm)
    if cached is None:
        entries, score = _look_up(token, lexicon)
        cached = _read_alike(entries), score
        if len(lexicon.word_cache) >= WORD_CACHE_SIZE:
            lexicon.word_cache.clear()
        lexicon.word_cache[token.norm] = cached
    return cached


def _read_alike(entries: list[Entry]) -> list[Entry]:
    """Keep the first of the one-word entries that read a word alike.

    A word finds a term's inflections by stem ("missbruk", "missbrukar"): they differ only
    in text and line, and would give the same reading again.
    """
    first: dict[tuple[object, ...], Entry] = {}
    for entry in entries:
        reading = (entry.need_id, entry.kind, entry.also, entry.status, entry.immune, entry.clause)
        first.setdefault(reading, entry)
    return list(first.values())


def _look_up(token: Token, lexicon: Lexicon) -> tuple[list[Entry], float]:
    """Look a word up by form, then stem, then as a word part; each layer on its own.

    A need and a signal may know the same word in different forms ("arbetsträning"
    as a need, "arbetsträningen" as a service), so a hit for one layer does not stop
    the search for the other.
    """
    if token.norm in lexicon.no_stem:
        return [], 0.0  # a common word that is only another word's stem
    exact = lexicon.words.get(token.norm, [])
    found = list(exact)
    found += [e for e in lexicon.words.get(token.stem, []) if e not in exact]
    layers = {bool(entry.kind) for entry in found}
    if len(layers) < 2:
        found += [e for e in _parts(token, lexicon) if bool(e.kind) not in layers]
    if not any(entry.kind for entry in found):
        found += _signal_modifier(token.norm, lexicon)
    if found:
        score = SCORE_WORD if exact else SCORE_STEM if layers else SCORE_PART
        return found, score
    word = token.norm
    if len(word) < lexicon.min_fuzzy_length or word in lexicon.no_fuzzy or not word.isalpha():
        return [], 0.0
    typo = _typo(word, lexicon)
    if typo is None:
        return [], 0.0
    return lexicon.fuzzy_entries[typo[0]], SCORE_TYPO[typo[1]]


# Generic heads of compounds whose first part names a service or a diagnosis
# ("frivårdskontakt", "depressionsdiagnos", "psykiatrimottagningen", "ipsinsatsen").
# A diagnosis is named before "diagnos" only; a service before the other heads.
SIGNAL_HEADS = (
    *(("diagnosen", "diagnosis"), ("diagnos", "diagnosis")),
    *(("kontakten", "in_place"), ("kontakt", "in_place"), ("mottagningen", "in_place")),
    *(("mottagning", "in_place"), ("gruppen", "in_place"), ("grupp", "in_place")),
    *(("insatsen", "in_place"), ("insats", "in_place"), ("coachen", "in_place")),
    *(("coach", "in_place"), ("beslutet", "in_place"), ("beslut", "in_place")),
)
MIN_MODIFIER = 3


def _signal_modifier(word: str, lexicon: Lexicon) -> list[Entry]:
    """Return the signals a compound's first part names, before a generic head."""
    for head, kind in SIGNAL_HEADS:
        if not word.endswith(head) or len(word) - len(head) < MIN_MODIFIER:
            continue
        modifier = word[: -len(head)]
        for form in (modifier, modifier[:-1] if modifier.endswith("s") else ""):
            entries = [e for e in lexicon.words.get(form, []) if e.kind == kind]
            if entries:
                return entries  # "frivårds|kontakt": linking s dropped
    return []


def _claim(matches: list[Match], covered: list[bool]) -> list[Match]:
    """Keep the longest phrases; others that overlap them are dropped, same-span ones kept.

    A shorter phrase of another need wholly inside a longer one stays: "har inte
    betalat hyran" is an eviction risk, and "inte betalat hyran" inside it a debt.
    """
    kept: list[Match] = []
    spans: set[tuple[int, int]] = set()
    owners: dict[int, set[str]] = {}
    for match in sorted(matches, key=lambda m: (m.first - m.last, m.first)):
        span, need = (match.first, match.last), match.entry.need_id
        positions = range(match.first, match.last + 1)
        words = covered[match.first : match.last + 1]
        if span not in spans and True in words:
            if False in words or any(need in owners.get(k, ()) for k in positions):
                continue
        elif span not in spans:
            spans.add(span)
            for k in positions:
                covered[k] = True
        for k in positions:
            owners.setdefault(k, set()).add(need)
        kept.append(match)
    return kept


def _inside_missing(matches: list[Match], size: int) -> list[Match]:
    """Drop terms inside a missing resource or an unknown goal.

    "ingen a-kassa" is no unemployment by itself, and "ingen aning vad jag vill jobba med"
    is no work goal.
    """
    # reach[k]: the furthest end of such a match covering position k (-1 if none).
    reach: list[int] = []
    for m in matches:
        if is_rule(m.entry, RESOURCE_RULE) or is_rule(m.entry, UNKNOWING_RULE):
            if not reach:
                reach = [-1] * size
            for k in range(m.first, m.last + 1):
                reach[k] = max(reach[k], m.last)
    if not reach:
        return matches
    return [m for m in matches if m.entry.immune or not m.entry.words or reach[m.first] < m.last]


def find_matches(
    tokens: list[Token], lexicon: Lexicon
) -> tuple[list[Match], list[bool], list[bool]]:
    """Return every term occurrence and which tokens belong to a need, and to a signal.

    Needs and signals claim words separately: "utsatt för våld i nära relation" is
    a trauma need and, over the same words, a violence alert.
    """
    needs = [False] * len(tokens)
    signals = [False] * len(tokens)
    phrases = _phrases(tokens, lexicon)
    composed = grammar_matches(tokens) + clause_matches(tokens)
    phrases += [Match(a, b, e, SCORE_GRAMMAR) for a, b, e in composed]
    matches = _inside_missing(_claim([m for m in phrases if not m.entry.kind], needs), len(tokens))
    # Words inside a grammar match only ("vill ha praktik") may still be needs of their
    # own; words of a lexicon phrase may not.
    inner: dict[int, str] = {}
    lexical = [False] * len(tokens)
    for match in matches:
        grammar = not match.entry.words
        for k in range(match.first, match.last + 1):
            if grammar:
                inner.setdefault(k, match.entry.need_id)
            else:
                lexical[k] = True
    # Ignored phrases ("beroende på") take their words from both.
    matches += [
        m
        for m in _claim([m for m in phrases if m.entry.kind or not m.entry.need_id], signals)
        if m.entry.kind
    ]
    word_cache = lexicon.word_cache
    for at, token in enumerate(tokens):
        taken = needs[at] and (lexical[at] or at not in inner)
        if (taken and signals[at]) or token.norm.isdigit():
            continue
        entries, score = word_cache.get(token.norm) or _single(token, lexicon)  # known: no call
        if not entries:
            continue  # most words are no term
        claimed_need = claimed_signal = False
        for entry in entries:
            if not entry.need_id and not needs[at]:
                claimed_signal = True  # an ignored word claims both
            if entry.kind:
                if not signals[at]:
                    matches.append(Match(at, at, entry, score))
                    claimed_signal = True
            elif not taken and entry.need_id and entry.need_id != inner.get(at):
                matches.append(Match(at, at, entry, score))
                claimed_need = True
        needs[at] = needs[at] or claimed_need
        signals[at] = signals[at] or claimed_signal
    # The words of a grammar match are no cues for signals either ("klarar inte att vara
    # på arbetsträningen" is no negated service), except a missing resource's ("saknar
    # lön"); the person one lives with stays a cue ("bor med sin mamma som dricker").
    for match in matches:
        if match.entry.words or match.entry.kind:
            continue
        if is_rule(match.entry, LIVING_RULE):
            needs[match.last] = lexical[match.last]
        elif not is_rule(match.entry, RESOURCE_RULE):
            for at in range(match.first, match.last + 1):
                signals[at] = True
    for match in matches:
        first = tokens[match.first]
        if first.expanded:
            match.score = SCORE_UNSURE if first.unsure else min(match.score, SCORE_ABBREVIATION)
    return matches, needs, signals
