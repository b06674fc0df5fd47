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
from mgt_assistant.domain.needs.cover import Cover
from mgt_assistant.domain.needs.lexicon import IGNORED, Lexicon
from mgt_assistant.domain.needs.matching import Match, expand_abbreviations, find_matches
from mgt_assistant.domain.needs.offers import SERVICE_NEEDS, offered
from mgt_assistant.domain.needs.readings import planned
from mgt_assistant.domain.needs.short_time import LONG_UNEMPLOYMENT, short_unemployment
from mgt_assistant.domain.needs.spans import extend_right, suspicion_start
from mgt_assistant.domain.needs.status_time import conditional_sentences
from mgt_assistant.domain.needs.text import Token, tokenize


class NeedStatus(StrEnum):
    """What the text says about a need."""

    PRESENT = "present"
    NEGATED = "negated"
    HISTORICAL = "historical"
    UNCERTAIN = "uncertain"
    OTHER_PERSON = "other_person"


# What the text says a need is now (a question included); strings compare equal too.
STATED = frozenset({NeedStatus.PRESENT, NeedStatus.UNCERTAIN})

# A status by its value: a dictionary look-up, where calling the enum runs Python code.
STATUS_BY_VALUE: dict[str, NeedStatus] = {status.value: status for status in NeedStatus}

# How each status reads in Swedish, everywhere a person sees one (pages, CLI, print).
NEED_STATUS_LABELS: dict[str, str] = {
    "present": "finns",
    "negated": "finns inte",
    "historical": "tidigare, inte nu",
    "uncertain": "osäkert",
    "other_person": "gäller någon annan",
}


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
    """Tokenize, match needs and signals, and give every match its status.

    Cue words inside a term do not count as cues; needs and signals each look
    past their own terms only, so "lever på sambons lön" is a need of the person
    and, read as an income, someone else's.
    """
    words, questions = tokenize(text)
    tokens = expand_abbreviations(words, lexicon)
    matches, need_words, signal_words = find_matches(tokens, lexicon)
    need_cues = index_cues(find_cues(tokens, need_words, lexicon))
    signal_cues = need_cues
    sentences = frozenset(tokens[m.first].sentence for m in matches if m.entry.kind)
    if sentences:
        signal_cues = index_cues(find_cues(tokens, signal_words, lexicon, sentences))
    statuses = []
    # Questions and sentences opened by "om" are supposed, not stated: uncertain.
    supposed = questions | conditional_sentences(tokens)
    for match in matches:
        covered, cues = (signal_words, signal_cues) if match.entry.kind else (need_words, need_cues)
        status = status_of(match, tokens, cues, (covered, supposed), lexicon)
        statuses.append(STATUS_BY_VALUE[status])
    return Scan(text, tokens, matches, statuses)


# Evidence starts at the need, not at the verb before it: "inga pengar", not "Har inga pengar".
AUXILIARIES = frozenset({"har", "hade", "ar", "var", "att"})
# Evidence ends before a trailing "sedan" of a term ("bostadslös sedan januari").
TRAILING = frozenset({"sedan", "sen", "nar", "genom"})  # "skadar sig genom att …"


def evidence_end(tokens: list[Token], match: Match) -> int:
    """Return the last token of a match's evidence, before a trailing "sedan"."""
    last = match.last
    if last > match.first and tokens[last].norm in TRAILING:
        return last - 1
    return last


# Words of degree before a need belong to it ("svår ångest", "stora skulder").
MODIFIERS = frozenset(
    {"svar", "svara", "kraftig", "kraftiga", "stora", "stor", "omfattande", "hoga", "hog"}
    | {"djup", "grav", "allvarlig", "allvarliga", "kronisk", "kroniska", "langvarig"}
    | {"langvariga", "tungt", "tung", "massiva", "massiv", "betydande", "uttalad", "uttalade"}
    | {"lindrig", "lindriga", "latt", "matt", "mattlig", "mattliga", "medelsvar", "medelsvara"}
    | {"aterkommande", "recidiverande", "upprepade"}
)
INTENSIFIERS = frozenset({"mycket", "valdigt", "ganska", "sa", "jattestora", "extremt"})


def evidence_start(tokens: list[Token], match: Match) -> int:
    """Return the first token of a match's evidence: past a leading verb, over modifiers."""
    first = _start(tokens, match)
    sentence = tokens[first].sentence
    while first > 0 and not tokens[first].soft and tokens[first - 1].sentence == sentence:
        before = tokens[first - 1]
        degree = before.norm in INTENSIFIERS and tokens[first].norm in MODIFIERS
        if not degree and before.norm not in MODIFIERS:
            break
        first -= 1
    return first


def _start(tokens: list[Token], match: Match) -> int:
    """Return the first token of a match's evidence, past a leading auxiliary verb.

    "har heller inga pengar" is the term "har inga pengar" with a filler word: the
    evidence starts where the term's second word is found.
    """
    first = match.first
    if match.last == first or tokens[first].norm not in AUXILIARIES or tokens[first].expanded:
        return first
    if len(match.entry.words) < 2:
        return first + 1  # a grammar match ("är två månader efter med hyran")
    second = match.entry.words[1]
    for k in range(first + 1, match.last + 1):
        if second.matches(tokens[k]):
            return k
    return first + 1


def holds_negation(tokens: list[Token], match: Match) -> bool:
    """Tell whether a match's own words hold a negation ("vill inte leva")."""
    if match.first == match.last:
        return tokens[match.first].norm in NEGATION_WORDS  # most matches are one word
    return any(tokens[k].norm in NEGATION_WORDS for k in range(match.first, match.last + 1))


NEGATION_WORDS = frozenset({"inte", "ej", "ingen", "inget", "inga", "aldrig", "int"})
LIST_GLUE = frozenset({"och", "eller", "samt"})
# A resource listed after a missing one needs an article at most ("saknar bostad och ett jobb").
ARTICLES = frozenset({"en", "ett", "nagon", "nagot", "nan", "nat", "egen", "eget", "fast"})


def listed_resources(found: Scan, lexicon: Lexicon) -> list[tuple[str, int, Match, NeedStatus]]:
    """Find resources listed after a term of a missing resource: (need, token, term, status)."""
    listed: list[tuple[str, int, Match, NeedStatus]] = []
    tokens = found.tokens
    for match, status in zip(found.matches, found.statuses, strict=True):
        if not match.entry.immune or match.entry.kind:
            continue
        at = match.last + 1
        while at + 1 < len(tokens) and tokens[at].sentence == tokens[match.last].sentence:
            glue = tokens[at].norm in LIST_GLUE
            if not glue and not tokens[at].soft:
                break
            word = at + 1 if glue else at
            if word < len(tokens) and tokens[word].norm in ARTICLES:
                word += 1
            if word >= len(tokens):
                break
            need = lexicon.resources.get(tokens[word].norm) or lexicon.resources.get(
                tokens[word].stem
            )
            if need is None:
                break
            listed.append((need, word, match, status))
            at = word + 1
    return listed


# Needs that are a need *for a service*: the service in place meets them, so naming it
# ("har boendestöd", "har arbetsträning") leaves the need to be confirmed. A condition
# stays present while treated ("LARO-patient", "läser SFI", "går hos psykiatrin").
def services_in_place(found: Scan, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Return the token spans of services the person has now (not planned, not past)."""
    return [
        (match.first, match.last)
        for match, status in zip(found.matches, found.statuses, strict=True)
        if match.entry.kind == "in_place"
        and status == NeedStatus.PRESENT
        and not planned(found.tokens, match.first, lexicon)
    ]


def needs_from(found: Scan, lexicon: Lexicon) -> list[NeedMention]:
    """Turn the matches of a scan into need mentions, ordered by position, then by id."""
    best: dict[tuple[int, int, str], NeedMention] = {}
    # Needs read as needs come first; a need shown by a signal only adds what they lack.
    ordered = sorted(
        zip(found.matches, found.statuses, strict=True), key=lambda pair: bool(pair[0].entry.kind)
    )
    named = services_in_place(found, lexicon)
    served = Cover(named)
    ignored = Cover((m.first, m.last) for m in found.matches if m.entry.need_id == IGNORED)
    services = Cover(
        named + [(m.first, m.last) for m in found.matches if m.entry.kind == "in_place"]
    )
    for match, status in ordered:
        need_id = match.entry.also if match.entry.kind else match.entry.need_id
        if need_id == IGNORED or (ignored and ignored.holds_strictly(match.first, match.last)):
            continue  # "hyrt ut sin lägenhet i andra hand" takes "i andra hand" out of play
        if status == NeedStatus.PRESENT and served and served.holds(match.first, match.last):
            # "har boendestöd", "går på LARO": a need read only from the name of a service the
            # person has is implied, not described; the team confirms it (round 4: every
            # service, not only boendestöd and arbetsträning).
            status = NeedStatus.UNCERTAIN
        service = status == NeedStatus.PRESENT and (
            need_id in SERVICE_NEEDS or (services and services.holds(match.first, match.last))
        )
        if service and offered(found.tokens, match.first):
            status = NeedStatus.UNCERTAIN  # "Kommunen kan erbjuda arbetsträning": an offer
        short = need_id == LONG_UNEMPLOYMENT and status == NeedStatus.PRESENT
        if short and short_unemployment(found.tokens, match.first, match.last):
            status = NeedStatus.UNCERTAIN  # "arbetssökande i två månader": not long-term yet
        first = evidence_start(found.tokens, match)
        if status == NeedStatus.UNCERTAIN:
            first = suspicion_start(found.tokens, first)
        last = evidence_end(found.tokens, match)
        last = extend_right(found.tokens, last, need_id, holds_negation(found.tokens, match))
        start, end = found.tokens[first].start, found.tokens[last].end
        score = round(match.score, 2)
        key = (start, end, need_id)
        known = best.get(key)
        if known is not None and (score <= known.score or match.entry.kind):
            continue  # the same words read as the same need: only a surer reading replaces it
        if match.entry.kind and status == NeedStatus.UNCERTAIN and _told(best, need_id, start, end):
            continue  # an uncertain alert's need where the words already tell the need
        domain, label = lexicon.labels[need_id]
        evidence = found.text[start:end]  # fields by position: keywords cost a third more
        best[key] = NeedMention(domain, need_id, label, status, evidence, start, end, score)
    for need_id, at, match, status in listed_resources(found, lexicon):
        token = found.tokens[at]
        domain, label = lexicon.labels[need_id]
        key = (token.start, token.end, need_id)
        best.setdefault(
            key,
            NeedMention(
                domain,
                need_id,
                label,
                status,
                token.raw,
                token.start,
                token.end,
                round(match.score, 2),
            ),
        )
    return [best[key] for key in sorted(best)]


def _told(
    best: dict[tuple[int, int, str], NeedMention], need_id: str, start: int, end: int
) -> bool:
    """Tell whether a present or uncertain mention of ``need_id`` lies within start:end."""
    return any(
        key[2] == need_id and key[0] < end and key[1] > start and mention.status in STATED
        for key, mention in best.items()
    )


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
