"""NegEx-style status for each match: cue words, the direction they reach, and their scope.

A cue reaches a match only inside one sentence, over a few words, and never past
a scope breaker ("men", "dock", "däremot"). A comma or a joining "och" ends the
scope too, unless what follows is a list of needs ("inga skulder, sms-lån eller
inkasso"). Someone else's problem is the exception: "Pappan dricker och är
arbetslös" keeps its subject over "och", but "hon"/"han"/"själv" end it.
Cue words inside a matched term do not count, which is how "har ingen bostad"
stays a need; such terms also ignore negation from outside ("inga skulder och
saknar inkomst").

When several cues reach one match, the strongest reading wins: someone else's,
then negated, then historical, then uncertain. "Fortfarande", "kvarstår" and
the like cancel a history cue.

Cues are indexed by the token they start and end at, so each match looks only
at the few positions its window covers: reading time grows linearly with the text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.matching import Match
from mgt_assistant.domain.needs.patterns import Cue
from mgt_assistant.domain.needs.readings import found_then, refers_back, said_as_i
from mgt_assistant.domain.needs.status_time import (
    EPISODES,
    dated,
    latest_time,
    long_ago,
    not_since,
)
from mgt_assistant.domain.needs.text import Token

# How many words may stand between a cue and the term it reaches.
WINDOW_BEFORE = {"negation": 6, "history": 6, "ongoing": 4, "uncertainty": 6, "other_person": 8}
WINDOW_AFTER = 4
PRECEDENCE = ("other_person", "negation", "history", "uncertainty")
STATUS_OF_KIND = {
    "other_person": "other_person",
    "negation": "negated",
    "history": "historical",
    "uncertainty": "uncertain",
}
KIND_OF_STATUS = {status: kind for kind, status in STATUS_OF_KIND.items()}


# The widest reach of any cue: nothing further away is looked at.
REACH_BEFORE = max(WINDOW_BEFORE.values()) + 1
# A cue after a need never reaches back over these: what follows is another clause.
SUBORDINATORS = frozenset({"sedan", "sen", "eftersom", "efter", "innan", "nar", "da", "om"})
# Nor does a cue before a need reach over these ("saknar inkomst sedan CSN upphörde").
CLAUSE_OPENERS = frozenset({"sedan", "sen", "eftersom", "innan", "nar"})
ARTICLES = frozenset({"en", "ett"})
# How far back a list of needs is followed to its clause start ("ingen bostad, skulder …").
LIST_REACH = 12


@dataclass(frozen=True, slots=True)
class FoundCue:
    """A cue where it occurs in the text."""

    cue: Cue
    first: int
    last: int


def _cue_at(tokens: list[Token], at: int, covered: list[bool], tried: list[Cue]) -> list[Cue]:
    """Return the longest of the tried cues starting at ``at`` (several if kinds share words)."""
    found: list[Cue] = []
    sentence = tokens[at].sentence
    for cue in tried:
        size = len(cue.words)
        if found and size < len(found[0].words):
            break
        if at + size > len(tokens):
            continue
        for k in range(at, at + size):
            token = tokens[k]
            if covered[k] or token.sentence != sentence or token.norm not in cue.words[k - at]:
                break
        else:
            found.append(cue)
    return found


def _not_subject(tokens: list[Token], first: int, last: int, lexicon: Lexicon) -> bool:
    """Tell whether another person stands after a preposition and is no subject of a clause.

    "bor med sin sambo och har skulder" is about the person; "bor med sin pappa som
    dricker" is about the father.
    """
    at = first - 1
    if at >= 0 and (tokens[at].norm in lexicon.possessives or tokens[at].norm in ARTICLES):
        at -= 1  # "bor med sin sambo", "bor hos en bekant"
    before = tokens[at].norm if at >= 0 else ""
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    return before in lexicon.prepositions and after != "som"


@dataclass(slots=True)
class CueIndex:
    """Found cues in text order, with the tokens they start and end at.

    Cues found left to right never overlap, so both lists of positions are sorted and a
    match finds the cues of its window by bisection.
    """

    found: list[FoundCue]
    firsts: list[int]
    lasts: list[int]

    def near(self, match: Match) -> list[FoundCue]:
        """Return the cues close enough to reach the match: ending before it, then after it."""
        found = self.found
        if not found:
            return []
        lasts, firsts, first, last = self.lasts, self.firsts, match.first, match.last
        before = slice(bisect_left(lasts, first - REACH_BEFORE), bisect_left(lasts, first))
        after = slice(bisect_left(firsts, last + 1), bisect_left(firsts, last + WINDOW_AFTER + 2))
        return found[before] + found[after]


def index_cues(found: list[FoundCue]) -> CueIndex:
    """Index found cues by position."""
    return CueIndex(found, [cue.first for cue in found], [cue.last for cue in found])


def find_cues(
    tokens: list[Token],
    covered: list[bool],
    lexicon: Lexicon,
    sentences: frozenset[int] | None = None,
) -> list[FoundCue]:
    """Find cue words left to right, longest first; words of a matched term are skipped.

    With ``sentences``, only those sentences are read: a cue never reaches past its
    own sentence, so the cues found there are the same as in a reading of the whole.
    """
    found: list[FoundCue] = []
    at, size, follow = 0, len(tokens), lexicon.cue_follow
    while at < size:
        token = tokens[at]
        by_next = follow.get(token.norm)  # most words start no cue: one look-up
        skipped = sentences is not None and token.sentence not in sentences
        if by_next is None or skipped or covered[at]:
            at += 1
            continue
        # Most cues fail on their second word: only those the next word fits are tried.
        following = tokens[at + 1].norm if at + 1 < size else ""
        tried = by_next.get(following) or by_next[""]
        cues = _cue_at(tokens, at, covered, tried) if tried else tried
        if not cues:
            at += 1
            continue
        last = at + len(cues[0].words) - 1
        found.extend(
            FoundCue(cue, at, last)
            for cue in cues
            if cue.kind != "pseudo"
            and not (cue.kind == "other_person" and _not_subject(tokens, at, last, lexicon))
        )
        at = last + 1
    return found


def _is_list(tokens: list[Token], positions: range, covered: list[bool], lexicon: Lexicon) -> bool:
    return all(covered[k] or tokens[k].norm in lexicon.list_words for k in positions)


def _clause_break(tokens: list[Token], positions: range, lexicon: Lexicon) -> int | None:
    """Return the first position in ``positions`` that starts a new clause, or None."""
    for k in positions:
        if tokens[k].soft or tokens[k - 1].norm in lexicon.joins:
            return k
    return None


def _reaches_forward(
    found: FoundCue, match: Match, tokens: list[Token], covered: list[bool], lexicon: Lexicon
) -> bool:
    kind, between = found.cue.kind, range(found.last + 1, match.first)
    if len(between) > WINDOW_BEFORE[kind]:
        return False
    if kind == "other_person":
        # "Hans pappa, som han bor hos, har …": the relative clause is not the person's;
        # "Mamman till klienten har en depression": the person after "till" is no subject.
        for k in _without_relative(tokens, between):
            norm = tokens[k].norm
            if norm in lexicon.breakers or norm in CLAUSE_OPENERS:
                return False
            acute = match.entry.need_id in ACUTE
            if norm in lexicon.self_words and not refers_back(tokens, k, found.first, acute=acute):
                return False
        return not said_as_i(tokens, match.first, match.last)
    condition = False
    for k in between:
        norm = tokens[k].norm
        if norm in lexicon.breakers or norm in CLAUSE_OPENERS:
            return False
        condition = condition or norm == "sa"
    if condition and _in_condition(tokens, found.first):
        return False  # "Om jag inte får bo kvar så tar jag livet av mig": the "så" clause
    start = _clause_break(tokens, range(found.last + 1, match.first + 1), lexicon)
    if start is None:
        return True
    return not match.entry.clause and _is_list(tokens, range(start, match.first), covered, lexicon)


# A condition's clause, ended by "så" before the main clause ("Om … inte …, så …").
CONDITIONS = frozenset({"om", "ifall"})


def _in_condition(tokens: list[Token], at: int) -> bool:
    """Tell whether ``at`` stands in a clause opened by "om"/"ifall" at its sentence's start."""
    sentence = tokens[at].sentence
    k = at
    while k > 0 and tokens[k - 1].sentence == sentence:
        k -= 1
    return tokens[k].norm in CONDITIONS


def _without_relative(tokens: list[Token], between: range) -> list[int]:
    """Leave out a relative clause set off by commas right after a person ("…, som …,")."""
    if not between or not tokens[between[0]].soft or tokens[between[0]].norm != "som":
        return list(between)
    close = next((k for k in between[1:] if tokens[k].soft), None)
    return list(between) if close is None else [k for k in between if k >= close]


def _list_item(match: Match, tokens: list[Token], covered: list[bool], lexicon: Lexicon) -> bool:
    """Tell whether only list words stand before the match in its clause."""
    k, stop = match.first, max(match.first - LIST_REACH, 0)
    while k > stop and not tokens[k].soft and tokens[k - 1].sentence == tokens[k].sentence:
        k -= 1
        if not (covered[k] or tokens[k].norm in lexicon.list_words):
            return False
    return True


def _reaches_back(
    found: FoundCue, match: Match, tokens: list[Token], covered: list[bool], lexicon: Lexicon
) -> bool:
    between = range(match.last + 1, found.first)
    if any(tokens[k].norm in SUBORDINATORS for k in between):
        return False  # "saknar inkomst sedan a-kassan upphörde"
    if found.cue.direction == "right_after":
        return not between and not tokens[found.first].soft
    if len(between) > WINDOW_AFTER or any(tokens[k].norm in lexicon.breakers for k in between):
        return False
    if found.cue.kind == "other_person" or not RELATIVE_DENIALS.isdisjoint(found.cue.words[0]):
        return True  # "frågade om suicidtankar, vilket hon förnekade", "…, utan diagnos"
    if _clause_break(tokens, range(match.last + 1, found.first + 1), lexicon) is None:
        return True
    return (
        not match.entry.clause
        and _is_list(tokens, between, covered, lexicon)
        and _list_item(match, tokens, covered, lexicon)
    )


# Denials after a comma that still refer back ("…, vilket hon förnekade", "…, utan diagnos").
RELATIVE_DENIALS = frozenset({"vilket", "utan"})


def _reaches(
    found: FoundCue, match: Match, tokens: list[Token], covered: list[bool], lexicon: Lexicon
) -> bool:
    if tokens[found.first].sentence != tokens[match.first].sentence:
        return False
    direction = found.cue.direction
    if found.last < match.first and direction in ("before", "both"):
        return _reaches_forward(found, match, tokens, covered, lexicon)
    if found.first > match.last and direction != "before":
        return _reaches_back(found, match, tokens, covered, lexicon)
    return False


def no_longer(tokens: list[Token], last: int) -> bool:
    """Tell whether "längre" closes the clause right after a need or service: it has ended."""
    sentence = tokens[last].sentence
    for k in range(last + 1, min(last + 4, len(tokens))):
        if tokens[k].sentence != sentence or tokens[k].soft:
            return False
        if tokens[k].norm == "langre":
            return True
    return False


PRETERITES = frozenset({"var", "hade"})
# Alerts that a bare past tense does not date: only a stated time does ("för två år sedan").
ACUTE = frozenset({"suicide_risk", "self_harm"})
TENSE_WORDS = frozenset({"har", "haft", "hade", "var"})
# "har suicidala tankar i perioder" is a recurrence that goes on, no past.
RECURRING = frozenset({(frozenset({"i"}), frozenset({"perioder"}))})


def _tense_only(reaching: list[FoundCue]) -> bool:
    """Tell whether the only past cues are a tense ("har haft", "hade") or a recurrence."""
    past = [f.cue for f in reaching if f.cue.kind == "history"]
    return bool(past) and all(
        all(w <= TENSE_WORDS for w in cue.words) or cue.words in RECURRING for cue in past
    )


# How often, not whether still: a frequency leaves a stated past as it is ("Förut skar jag
# mig nästan varje dag"), though it makes a bare perfect ongoing ("har haft ångest varje dag").
HABITS = frozenset({"varje", "flera", "jamt", "hela"})


def _past_habit(reaching: list[FoundCue]) -> bool:
    """Tell whether a stated past (not a tense) meets only a frequency."""
    ongoing = [f.cue for f in reaching if f.cue.kind == "ongoing"]
    return (
        not _tense_only(reaching)
        and any(f.cue.kind == "history" for f in reaching)
        and all(cue.words[0] <= HABITS for cue in ongoing)
    )


def _past_span(reaching: list[FoundCue]) -> bool:
    """Tell whether a past tense meets only a duration ("var arbetslös i flera år")."""
    past = any(f.cue.kind == "history" and f.cue.words[0] <= PRETERITES for f in reaching)
    ongoing = [f.cue for f in reaching if f.cue.kind == "ongoing"]
    return past and all(cue.words[0] <= frozenset({"i", "hela"}) for cue in ongoing)


def status_of(
    match: Match,
    tokens: list[Token],
    cues: CueIndex,
    context: tuple[list[bool], frozenset[int]],
    lexicon: Lexicon,
) -> str:
    """Return the status of one match from the cues that reach it."""
    covered, questions = context
    near = cues.near(match)  # most matches have no cue near: no comprehension then
    reaching = [f for f in near if _reaches(f, match, tokens, covered, lexicon)] if near else []
    kinds = {f.cue.kind for f in reaching} if reaching else set()
    if (match.entry.need_id in ACUTE and _tense_only(reaching)) or found_then(match, reaching):
        kinds.discard("history")  # "har haft tankar …": maybe still; "ADHD som 12-åring": lasts
    if "ongoing" in kinds and not _past_span(reaching) and not _past_habit(reaching):
        kinds.discard("history")
    if match.entry.need_id in EPISODES:  # an episode has a last time and can be long ago
        latest = latest_time(tokens, match.last)
        if latest == "ongoing":
            kinds.discard("history")  # "i perioder, senast förra veckan"
        elif latest == "history" or (not match.entry.immune and long_ago(tokens, match.last)):
            kinds.add("history")  # "senast för sex år sedan", "men det är länge sen nu"
    if match.entry.immune:
        kinds.discard("negation")
    if match.entry.need_id in EPISODES and "ongoing" not in kinds and dated(tokens, match):
        kinds.add("history")  # "gjorde ett suicidförsök 2018", "utbrändhet 2021"
    # "är inte sjukskriven längre", "har inte haft ångest på länge" (a term that is itself
    # an absence keeps its own reading: "har inte varit nykter på månader" is the need).
    if "negation" in kinds and (
        no_longer(tokens, match.last)
        or (match.entry.status is None and not_since(tokens, match.last))
    ):
        kinds.discard("negation")
        kinds.add("history")
    if match.entry.status is not None:
        own = KIND_OF_STATUS[match.entry.status]
        if own == "negation" and "negation" in kinds:
            kinds.discard("negation")  # "inte nykter": a denied absence is the need
        else:
            kinds.add(own)
    if tokens[match.first].unsure or tokens[match.first].sentence in questions:
        kinds.add("uncertainty")
    for kind in PRECEDENCE:
        if kind in kinds:
            return STATUS_OF_KIND[kind]
    return "present"
