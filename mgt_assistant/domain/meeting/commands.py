"""Chat commands in plain Swedish: 'lägg till KBT', 'ändra enhet för KBT till psykiatri'.

A message is a command only when it starts like one; everything else is
conversation. Names are matched fuzzily (see ``vocabulary``); a command whose
name cannot be resolved comes back as ``Unresolved`` so the assistant can say so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Literal

from mgt_assistant.domain.meeting.model import PHASE_LABELS, ROW_STATUSES
from mgt_assistant.domain.meeting.vocabulary import Vocabulary, plain_words

Field = Literal[
    "unit", "party", "contact_person", "contact_phone", "start_week", "weeks", "status", "phase"
]


@dataclass(frozen=True)
class Undo:
    """Undo the last change."""


@dataclass(frozen=True)
class Propose:
    """Propose interventions and draft the plan from the needs picture."""


@dataclass(frozen=True)
class Why:
    """Explain why an intervention is proposed (or in the plan)."""

    intervention: str


@dataclass(frozen=True)
class WhyNot:
    """Explain why an intervention is not proposed."""

    intervention: str


@dataclass(frozen=True)
class AddIntervention:
    """Put an intervention from the catalogue into the plan."""

    intervention: str


@dataclass(frozen=True)
class RemoveIntervention:
    """Take an intervention out of the plan."""

    intervention: str


@dataclass(frozen=True)
class SetField:
    """Change one field of a plan row; ``value`` is already resolved (unit = 'party/unit')."""

    intervention: str
    field: Field
    value: str | int | None


@dataclass(frozen=True)
class AddNeed:
    """Add a need to the picture by hand."""

    need: str


@dataclass(frozen=True)
class NeedNotRelevant:
    """Mark a need (or a whole domain) as not relevant."""

    need: str


@dataclass(frozen=True)
class Unresolved:
    """A message that starts like a command but names something unknown."""

    message: str


Command = (
    Undo
    | Propose
    | Why
    | WhyNot
    | AddIntervention
    | RemoveIntervention
    | SetField
    | AddNeed
    | NeedNotRelevant
    | Unresolved
)

# Patterns run on plain words (lower case, no diacritics, no punctuation).
_UNDO = re.compile(r"^angra( senaste( andringen)?| det)?$")
_PROPOSE = re.compile(r"^(forslag|foresla( insatser)?|ge forslag|vad foreslar du)$")
_WHY_NOT = re.compile(
    r"^varfor (foreslas |foreslar du |finns |kommer |blir |ar )?(inte|ej) (med )?(?P<x>.+)$"
)
_WHY = re.compile(r"^varfor (?P<x>.+)$")
_ADD_NEED = re.compile(r"^(lagg till|nytt) behov(et)? (?P<x>.+)$")
_NOT_RELEVANT = [
    re.compile(r"^(markera )?(behov(et)? )?(?P<x>.+?) (ar )?(som )?(ej|inte) aktuellt?$"),
    re.compile(r"^(ej|inte) aktuellt? (behov(et)? )?(?P<x>.+)$"),
]
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_ADD = re.compile(r"^(lagg till|lagg in|ta med)( insats(en)?)? (?P<x>.+)$")
_REMOVE = re.compile(r"^(ta bort|stryk|radera)( insats(en)?)? (?P<x>.+)$")
_FIELDS: Final[dict[str, Field]] = {
    "enhet": "unit",
    "ansvarig enhet": "unit",
    "part": "party",
    "ansvarig part": "party",
    "kontaktperson": "contact_person",
    "kontakt": "contact_person",
    "telefon": "contact_phone",
    "telefonnummer": "contact_phone",
    "start": "start_week",
    "startvecka": "start_week",
    "langd": "weeks",
    "varaktighet": "weeks",
    "status": "status",
    "fas": "phase",
}
_SET = re.compile(
    r"^(andra|satt|byt)( till)? (?P<field>"
    + "|".join(sorted(_FIELDS, key=len, reverse=True))
    + r") (for|pa|i) (?P<x>.+?) (till|som) (?P<v>.+)$"
)
_MOVE = re.compile(r"^(flytta|starta) (?P<x>.+?) (till |i )?vecka (?P<v>\d+)$")
_NUMBER = re.compile(r"(?:vecka )?(\d{1,3})(?: (vecka|veckor|v|manad|manader))?$")


def _weeks(value: str, *, start: bool) -> int | None:
    match = _NUMBER.search(value)
    if match is None:
        return None
    number = int(match.group(1))
    # Months are counted as 4⅓ weeks; a start is a week number, never months.
    if match.group(2) in ("manad", "manader") and not start:
        return round(number * 13 / 3)
    return number


def _contact(original: str) -> str | None:
    # The contact person keeps the team's spelling, so take it from the unfolded text.
    match = re.search(r"\b(till|som)\s+(.+?)\s*[.!]?$", original, flags=re.IGNORECASE)
    return match.group(2).strip() if match else None


def _value(field: Field, raw: str, original: str, vocabulary: Vocabulary) -> str | int | None:
    if field == "unit":
        return vocabulary.units.match(raw)
    if field == "party":
        return vocabulary.parties.match(raw)
    if field in ("contact_person", "contact_phone"):
        return _contact(original)
    if field == "status":
        folded = {plain_words(label): key for key, label in ROW_STATUSES.items()}
        folded.update({plain_words(key): key for key in ROW_STATUSES})
        return folded.get(raw)
    if field == "phase":
        phases = {plain_words(label): key for key, label in PHASE_LABELS.items()}
        phases.update({plain_words(key): key for key in PHASE_LABELS})
        phases["insats"] = "insats"
        return phases.get(raw)
    return _weeks(raw, start=field == "start_week")


def _intervention(vocabulary: Vocabulary, name: str, allowed: Iterable[str] | None) -> str | None:
    return vocabulary.interventions.match(name, allowed)


def parse_command(text: str, vocabulary: Vocabulary, plan: Iterable[str] = ()) -> Command | None:
    """Read a chat command, or return None when the message is conversation.

    ``plan`` holds the intervention ids in the plan; edits of rows match only those.
    """
    folded = plain_words(text)
    # A name is looked for in the first sentence: "lägg till IPS. Hon vill jobba." adds IPS
    # (the talk after it would otherwise pull the fuzzy match towards another name).
    named = plain_words(_SENTENCE_END.split(text, maxsplit=1)[0])
    in_plan = list(plan)
    if _UNDO.match(folded):
        return Undo()
    if _PROPOSE.match(folded):
        return Propose()
    simple: list[tuple[re.Pattern[str], Callable[[str], Command | None]]] = [
        (_WHY_NOT, lambda x: _named(vocabulary, x, None, WhyNot)),
        (_WHY, lambda x: _named(vocabulary, x, None, Why)),
        (_ADD_NEED, lambda x: _need(vocabulary, x, AddNeed)),
        *((pattern, lambda x: _need(vocabulary, x, NeedNotRelevant)) for pattern in _NOT_RELEVANT),
        (_ADD, lambda x: _named(vocabulary, x, None, AddIntervention)),
        (_REMOVE, lambda x: _named(vocabulary, x, in_plan, RemoveIntervention)),
    ]
    for pattern, build in simple:
        match = pattern.match(named)
        if match:
            return build(match.group("x"))
    match = _SET.match(folded)
    if match:
        return _set(vocabulary, in_plan, _FIELDS[match.group("field")], match, text)
    match = _MOVE.match(folded)
    if match:
        target = _intervention(vocabulary, match.group("x"), in_plan)
        if target is None:
            return Unresolved(f"Jag hittar ingen insats i planen som liknar ”{match.group('x')}”.")
        return SetField(target, "start_week", int(match.group("v")))
    return _unknown(folded, text)


# What the assistant can do by chat, shown when a message starts like a command it lacks.
COMMANDS: Final = (
    ("forslag", "”förslag” (föreslå insatser)"),
    ("lagg till", "”lägg till KBT”"),
    ("ta bort", "”ta bort KBT”"),
    ("andra", "”ändra start för KBT till vecka 3” (enhet, kontaktperson, längd, status, fas)"),
    ("flytta", "”flytta KBT till vecka 5”"),
    ("varfor", "”varför KBT?” eller ”varför inte IPS?”"),
    ("markera", "”ekonomi är inte aktuellt”"),
    ("angra", "”ångra”"),
)
# First words that mean the message is an order to the assistant, not talk about the person.
_COMMAND_WORDS: Final = frozenset(
    {
        "andra", "angra", "byt", "flytta", "foresla", "forslag", "hjalp", "lagg", "markera",
        "radera", "satt", "spara", "stryk", "visa", "skriv", "lista", "oppna",
        "exportera", "skicka", "kommandon",
    }
)  # fmt: skip


def help_text(first_word: str = "") -> str:
    """List the chat commands, the ones closest to ``first_word`` first."""
    close = set(
        difflib.get_close_matches(first_word, [key for key, _ in COMMANDS], n=3, cutoff=0.5)
    )
    ordered = [text for key, text in COMMANDS if key in close]
    ordered += [text for key, text in COMMANDS if key not in close]
    return "Kommandon jag förstår: " + "; ".join(ordered) + "."


def _unknown(folded: str, text: str) -> Command | None:
    words = folded.split()
    if not words or words[0] not in _COMMAND_WORDS:
        return None
    if words[0] in ("hjalp", "kommandon"):
        return Unresolved(help_text())
    said = " ".join(text.split())[:80]
    return Unresolved(f"Jag förstår inte kommandot ”{said}”. {help_text(words[0])}")


def _named(
    vocabulary: Vocabulary,
    name: str,
    allowed: list[str] | None,
    kind: type[WhyNot] | type[Why] | type[AddIntervention] | type[RemoveIntervention],
) -> Command:
    target = _intervention(vocabulary, name, allowed)
    if target is None:
        where = "i planen" if allowed is not None else "i insatskatalogen"
        return Unresolved(f"Jag hittar ingen insats {where} som liknar ”{name}”.")
    return kind(target)


def _need(
    vocabulary: Vocabulary, name: str, kind: type[AddNeed] | type[NeedNotRelevant]
) -> Command:
    need = vocabulary.needs.match(name)
    if need is None:
        return Unresolved(f"Jag hittar inget behov som liknar ”{name}”.")
    return kind(need)


def _set(
    vocabulary: Vocabulary, in_plan: list[str], field: Field, match: re.Match[str], text: str
) -> Command:
    target = _intervention(vocabulary, match.group("x"), in_plan)
    if target is None:
        return Unresolved(f"Jag hittar ingen insats i planen som liknar ”{match.group('x')}”.")
    value = _value(field, match.group("v"), text, vocabulary)
    if value is None:
        return Unresolved(f"Jag förstår inte värdet ”{match.group('v')}”.")
    return SetField(target, field, value)
