"""Read needs from caseworkers' Swedish: ``extract_needs`` and ``summarise``.

The steps live in their own modules: ``text`` splits and folds words, ``matching``
finds lexicon terms (phrases, words, compounds, abbreviations, typos) and
``context`` gives each match its status from NegEx-style cues. This module
turns matches into ``NeedMention`` values with evidence from the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mgt_assistant.domain.needs.context import find_cues, index_cues, status_of
from mgt_assistant.domain.needs.lexicon import IGNORED, Lexicon
from mgt_assistant.domain.needs.matching import Match, expand_abbreviations, find_matches
from mgt_assistant.domain.needs.text import Token, tokenize


class NeedStatus(StrEnum):
    """What the text says about a need."""

    PRESENT = "present"
    NEGATED = "negated"
    HISTORICAL = "historical"
    UNCERTAIN = "uncertain"
    OTHER_PERSON = "other_person"


# One status per domain: what the team must act on first. A need stated now wins;
# an unclear one must be asked about; a past one warns of relapse; a denied one
# shows the question was asked; someone else's problem says least about the person.
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
class Scan:
    """One pass over a text: its tokens, the term matches and the status of each."""

    text: str
    tokens: list[Token]
    matches: list[Match]
    statuses: list[NeedStatus]


def scan(text: str, lexicon: Lexicon) -> Scan:
    """Tokenize, match needs and signals, and give every match its status."""
    words, questions = tokenize(text)
    tokens = expand_abbreviations(words, lexicon)
    matches, covered = find_matches(tokens, lexicon)
    cues = index_cues(find_cues(tokens, covered, lexicon))
    statuses = [
        NeedStatus(status_of(match, tokens, cues, (covered, questions), lexicon))
        for match in matches
    ]
    return Scan(text, tokens, matches, statuses)


def needs_from(found: Scan, lexicon: Lexicon) -> list[NeedMention]:
    """Turn the matches of a scan into need mentions, ordered by position, then by id."""
    best: dict[tuple[int, int, str], NeedMention] = {}
    for match, status in zip(found.matches, found.statuses, strict=True):
        need_id = match.entry.also if match.entry.kind else match.entry.need_id
        if need_id == IGNORED:
            continue
        start, end = found.tokens[match.first].start, found.tokens[match.last].end
        domain, label = lexicon.labels[need_id]
        mention = NeedMention(
            domain=domain,
            id=need_id,
            label=label,
            status=status,
            evidence=found.text[start:end],
            start=start,
            end=end,
            score=round(match.score, 2),
        )
        key = (start, end, need_id)
        if key not in best or mention.score > best[key].score:
            best[key] = mention
    return [best[key] for key in sorted(best)]


def extract_needs(text: str, lexicon: Lexicon) -> list[NeedMention]:
    """Return the needs mentioned in ``text``, ordered by position, then by id."""
    return needs_from(scan(text, lexicon), lexicon)


def summarise(mentions: Iterable[NeedMention], *, by: str = "domain") -> dict[str, NeedStatus]:
    """Give one status per domain (or per need id with ``by="id"``), the most pressing first.

    Present wins over uncertain, which wins over historical, then negated, then
    someone else's: "tidigare skulder … nya skulder hos KFM" is a present need.
    """
    rank = {status: index for index, status in enumerate(SUMMARY_ORDER)}
    summary: dict[str, NeedStatus] = {}
    for mention in mentions:
        key = mention.id if by == "id" else mention.domain
        known = summary.get(key)
        if known is None or rank[mention.status] < rank[known]:
            summary[key] = mention.status
    return summary
