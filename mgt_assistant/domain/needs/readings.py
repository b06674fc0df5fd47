"""Status readings: whom a pronoun points to, what a time does not end, what is only planned.

- **a pronoun after another person**: a word for the person ("hon", "han", "själv",
  "jag") after someone else ends that someone's reach: "Sambon säger att hon dricker" is
  about the person the notes are about. Two exceptions: the person after "till" is no
  subject ("Mamman till klienten har en depression"), and a writer who says "min man",
  "min son", "mitt ex" speaks as "jag", so a "han", "hon" or "hen" that follows is the other
  person ("Min man pratar om att han vill dö", "Min fru säger att hon vill dö"); but a
  term that itself says "jag" or "mig" is the writer's ("Efter att min man dog ville jag
  inte leva").
- **a lasting condition**: a time after a neuropsychiatric condition or an intellectual
  disability dates the diagnosis, not an end ("fick diagnosen ADHD som 12-åring").
- **planned**: a planning word just before or after ("ska", "ansökt", "väntar på") makes
  a service or need only planned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.matching import Match
from mgt_assistant.domain.needs.patterns import Cue
from mgt_assistant.domain.needs.text import Token

MY = frozenset({"min", "mitt", "mina"})
THIRD_PERSON = frozenset({"han", "hon", "hen"})


def refers_back(tokens: list[Token], at: int, cue_first: int, *, acute: bool = False) -> bool:
    """Tell whether the person word at ``at`` still means the other person at ``cue_first``.

    Not for acute risk (``acute``): "Min son säger att han vill dö" may be a parent speaking
    of the person the meeting is about, and a risk is never read away on a pronoun.
    """
    if at > 0 and tokens[at - 1].norm == "till":
        return True  # "Mamman till klienten": no subject
    if acute or tokens[at].norm not in THIRD_PERSON:
        return False
    owner = tokens[cue_first].norm in MY
    return owner or (cue_first > 0 and tokens[cue_first - 1].norm in MY)


FIRST_PERSON = frozenset({"jag", "ja", "mig", "mej"})


def said_as_i(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether a matched term says "jag" or "mig" itself ("ville jag inte leva")."""
    return any(tokens[k].norm in FIRST_PERSON for k in range(first, last + 1))


class Located(Protocol):
    """A cue where it was found (``context.FoundCue``)."""

    @property
    def cue(self) -> Cue: ...

    @property
    def first(self) -> int: ...


LASTING = frozenset({"health.npf", "health.intellectual_disability"})


def found_then(match: Match, reaching: Sequence[Located]) -> bool:
    """Tell whether a lasting condition is dated only by past cues after it."""
    if match.entry.need_id not in LASTING:
        return False
    return all(f.first > match.last for f in reaching if f.cue.kind == "history")


PLANNED_REACH = 5


def planned(tokens: list[Token], first: int, lexicon: Lexicon) -> bool:
    """Tell whether a planning word ("ska", "ansökt", "väntar på") stands just before."""
    sentence = tokens[first].sentence
    for k in range(first - 1, max(first - PLANNED_REACH, 0) - 1, -1):
        token = tokens[k]
        if token.sentence != sentence or token.norm in lexicon.breakers:
            return False
        if token.norm in lexicon.planned:
            return True
        if token.soft:
            return False
    for k in range(first + 1, min(first + PLANNED_REACH, len(tokens))):
        token = tokens[k]
        if token.sentence != sentence or token.soft or token.norm in lexicon.breakers:
            return False
        if token.norm in PLANNED_AFTER:
            return True  # "god man är ansökt"
    return False


# Planning words that follow the service ("god man är ansökt", "boendestöd planeras").
PLANNED_AFTER = frozenset({"ansokt", "ansoks", "sokt", "planeras", "planerat", "planerad"})
PLANNED_AFTER |= frozenset({"diskuteras", "diskuterats", "aktualiserats", "aktualiseras"})
PLANNED_AFTER |= frozenset({"nasta", "kommande"})  # "plats på daglig verksamhet från nästa månad"
