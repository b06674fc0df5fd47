"""Find needs in caseworkers' Swedish: matches with evidence, then NegEx-style context.

Matching goes from cheap to costly: multi-word phrases, exact words, stems,
compound words, abbreviations, and last a typo-tolerant search limited to
unmatched long words. Each match then gets a status from cue words in its own
clause (scope ends at sentence punctuation and at "men", "dock" …): someone
else's problem, negated, historical, uncertain, or present. Cue words inside a
matched phrase do not count, which is how "har ingen bostad" stays a need.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from mgt_assistant.domain.needs.lexicon import TOKEN_PATTERN, Lexicon, fold, stem

PUNCTUATION = frozenset(".!?;:")
PRE_WINDOW = 5
POST_WINDOW = 4


class NeedStatus(StrEnum):
    """What the text says about a need."""

    PRESENT = "present"
    NEGATED = "negated"
    HISTORICAL = "historical"
    UNCERTAIN = "uncertain"
    OTHER_PERSON = "other_person"


# When one domain has several mentions, the one a caseworker must act on wins.
SUMMARY_ORDER = (
    NeedStatus.PRESENT,
    NeedStatus.UNCERTAIN,
    NeedStatus.HISTORICAL,
    NeedStatus.NEGATED,
    NeedStatus.OTHER_PERSON,
)


@dataclass(frozen=True)
class NeedMention:
    """A need read from the text, with the exact words it was read from."""

    domain: str
    id: str
    label: str
    status: NeedStatus
    evidence: str
    start: int
    end: int
    score: float

    def to_json(self) -> dict[str, Any]:
        """Return the mention in the CLI contract's key order."""
        return {
            "domain": self.domain,
            "id": self.id,
            "label": self.label,
            "status": self.status.value,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "score": self.score,
        }


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    raw: str
    folded: str
    stem: str


@dataclass
class _Match:
    first: int
    last: int
    need_id: str
    score: float
    forced: NeedStatus | None = None


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in TOKEN_PATTERN.finditer(text):
        raw = match.group()
        folded = raw if raw in PUNCTUATION else fold(raw)
        tokens.append(_Token(match.start(), match.end(), match.group(), folded, stem(folded)))
    return tokens


def _phrase_at(tokens: list[_Token], i: int, lexicon: Lexicon) -> _Match | None:
    for phrase in lexicon.phrases.get(tokens[i].stem, ()):
        end = i + len(phrase.words)
        if end <= len(tokens) and all(
            tokens[i + k].folded == word or tokens[i + k].stem == phrase.stems[k]
            for k, word in enumerate(phrase.words)
        ):
            return _Match(i, end - 1, phrase.need_id, 0.95)
    return None


def _compound(word: str, lexicon: Lexicon) -> str | None:
    # Swedish joins words: "alkoholmissbruk", "inkassoskulder", "missbruksproblem".
    for cut in range(len(word) - 4, 2, -1):
        if word[cut:] in lexicon.words:
            return lexicon.words[word[cut:]]
    for cut in range(len(word) - 3, 4, -1):
        head = word[:cut]
        if head in lexicon.words and len(head) >= 5:
            return lexicon.words[head]
    return None


def _hyphenated(token: _Token, lexicon: Lexicon) -> tuple[str, float] | None:
    # "NPF-diagnos", "LARO-patient": the abbreviation or word before the hyphen decides.
    for part in token.raw.split("-"):
        if part.isupper() and part in lexicon.abbreviations:
            return lexicon.abbreviations[part], 0.8
        if fold(part) in lexicon.words:
            return lexicon.words[fold(part)], 0.85
    return None


def _word_match(token: _Token, lexicon: Lexicon) -> tuple[str, float] | None:
    word = token.folded
    if word in lexicon.excluded or word.isdigit():
        return None
    if word in lexicon.words:
        return lexicon.words[word], 0.9
    if token.stem in lexicon.stems:
        return lexicon.stems[token.stem], 0.88
    if len(word) >= 7:
        found = _compound(word, lexicon) or _compound(token.stem, lexicon)
        if found is not None:
            return found, 0.85
    if "-" in token.raw:
        return _hyphenated(token, lexicon)
    return None


def _fuzzy(token: _Token, lexicon: Lexicon) -> tuple[str, float] | None:
    word = token.folded
    if len(word) < 5 or word in lexicon.no_fuzzy or word in lexicon.cue_words:
        return None
    vocabulary = lexicon.fuzzy_vocabulary.get(word[0])
    if not vocabulary:
        return None
    # Short words may differ by one edit, long ones by two; a swap counts as one.
    limit = 1 if len(word) <= 8 else 2
    best = process.extractOne(word, vocabulary, scorer=OSA.distance, score_cutoff=limit)
    if best is None:
        return None
    return lexicon.words[best[0]], round(0.82 - 0.07 * best[1], 2)


def _abbreviation(
    tokens: list[_Token], i: int, lexicon: Lexicon, bounds: tuple[int, int]
) -> _Match | None:
    raw = tokens[i].raw
    if not (raw.isupper() and 2 <= len(raw) <= 5):
        return None
    key = raw.upper()
    if key in lexicon.abbreviations:
        return _Match(i, i, lexicon.abbreviations[key], 0.8)
    ambiguous = lexicon.ambiguous.get(key)
    if ambiguous is None:
        return None
    sentence = {token.folded for token in tokens[bounds[0] : bounds[1]]}
    for need_id, words in ambiguous.context.items():
        if sentence & words:
            return _Match(i, i, need_id, 0.75)
    return _Match(i, i, ambiguous.default, 0.5, forced=NeedStatus.UNCERTAIN)


def _sentence_bounds(tokens: list[_Token], i: int) -> tuple[int, int]:
    left = i
    while left > 0 and tokens[left - 1].folded not in PUNCTUATION:
        left -= 1
    right = i
    while right < len(tokens) and tokens[right].folded not in PUNCTUATION:
        right += 1
    return left, right


def _find_matches(tokens: list[_Token], lexicon: Lexicon) -> list[_Match]:
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        found = _phrase_at(tokens, i, lexicon) or _abbreviation(
            tokens, i, lexicon, _sentence_bounds(tokens, i)
        )
        if found is None:
            hit = _word_match(tokens[i], lexicon) or _fuzzy(tokens[i], lexicon)
            found = _Match(i, i, hit[0], hit[1]) if hit else None
        if found is not None:
            matches.append(found)
            i = found.last + 1
        else:
            i += 1
    return matches


def _occurs(
    tokens: list[_Token],
    patterns: dict[str, tuple[tuple[str, ...], ...]],
    start: int,
    stop: int,
    mask: set[int],
) -> int | None:
    """Return the index where one of the cue patterns starts within [start, stop), or None."""
    for i in range(max(start, 0), stop):
        for pattern in patterns.get(tokens[i].folded, ()):
            end = i + len(pattern)
            if end <= stop and all(
                i + k not in mask and tokens[i + k].folded == word for k, word in enumerate(pattern)
            ):
                return i
    return None


def _scope(tokens: list[_Token], match: _Match, lexicon: Lexicon) -> tuple[int, int]:
    left, right = _sentence_bounds(tokens, match.first)
    breakers = lexicon.cues["scope_breakers"]
    for i in range(match.first - 1, left - 1, -1):
        if (tokens[i].folded,) in breakers.get(tokens[i].folded, ()):
            left = i + 1
            break
    for i in range(match.last + 1, right):
        if (tokens[i].folded,) in breakers.get(tokens[i].folded, ()):
            right = i
            break
    return left, right


def _someone_else(
    tokens: list[_Token], match: _Match, left: int, mask: set[int], lexicon: Lexicon
) -> bool:
    at = _occurs(tokens, lexicon.cues["other_person"], left, match.first, mask)
    if at is None:
        return False
    # "bor hos mamman": after a preposition the other person is a place, not the subject.
    not_after = lexicon.cues["other_person_not_after"]
    return at == 0 or tokens[at - 1].folded not in not_after


def _status(tokens: list[_Token], match: _Match, mask: set[int], lexicon: Lexicon) -> NeedStatus:
    left, right = _scope(tokens, match, lexicon)
    cues = lexicon.cues
    before = max(left, match.first - PRE_WINDOW)
    after = min(right, match.last + 1 + POST_WINDOW)
    if _someone_else(tokens, match, left, mask, lexicon):
        return NeedStatus.OTHER_PERSON
    if (
        _occurs(tokens, cues["negation_before"], before, match.first, mask) is not None
        or _occurs(tokens, cues["negation_after"], match.last + 1, after, mask) is not None
    ):
        return NeedStatus.NEGATED
    history_from = max(left, match.first - PRE_WINDOW - 1)
    if (
        _occurs(tokens, cues["history"], history_from, match.first, mask) is not None
        or _occurs(tokens, cues["history_after"], match.last + 1, after, mask) is not None
    ):
        return NeedStatus.HISTORICAL
    if match.forced is not None:
        return match.forced
    uncertain = cues["uncertainty"]
    if (
        _occurs(tokens, uncertain, before, match.first, mask) is not None
        or _occurs(tokens, uncertain, match.last + 1, after, mask) is not None
        or (right < len(tokens) and tokens[right].folded == "?")
    ):
        return NeedStatus.UNCERTAIN
    return NeedStatus.PRESENT


def extract_needs(text: str, lexicon: Lexicon) -> list[NeedMention]:
    """Return the needs mentioned in ``text``, in order of position."""
    tokens = _tokens(text)
    matches = _find_matches(tokens, lexicon)
    mask = {i for match in matches for i in range(match.first, match.last + 1)}
    taxonomy = lexicon.taxonomy
    mentions = []
    for match in matches:
        start, end = tokens[match.first].start, tokens[match.last].end
        domain = taxonomy.domain(match.need_id)
        mentions.append(
            NeedMention(
                domain=domain.id if domain is not None else match.need_id,
                id=match.need_id,
                label=taxonomy.label(match.need_id),
                status=_status(tokens, match, mask, lexicon),
                evidence=text[start:end],
                start=start,
                end=end,
                score=round(match.score, 2),
            )
        )
    return mentions


def summarise(mentions: list[NeedMention]) -> dict[str, NeedStatus]:
    """Give one status per domain: present wins, then uncertain, historical, negated, other."""
    rank = {status: index for index, status in enumerate(SUMMARY_ORDER)}
    summary: dict[str, NeedStatus] = {}
    for mention in mentions:
        known = summary.get(mention.domain)
        if known is None or rank[mention.status] < rank[known]:
            summary[mention.domain] = mention.status
    return summary
