"""Fuzzy lookup of intervention, party, unit and need names as the team types them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet

MIN_SCORE: Final = 80.0

PARTY_ALIASES: Final = {
    "af": ("af", "arbetsförmedlingen", "arbetsformedlingen"),
    "fk": ("fk", "försäkringskassan", "forsakringskassan"),
    "region": ("region", "regionen", "vården", "hälso- och sjukvården", "sjukvården"),
    "kommun": ("kommun", "kommunen", "socialtjänsten"),
    "privat": ("privat", "privat vårdgivare"),
}


def plain_words(text: str) -> str:
    """Lower-case, drop diacritics and punctuation: 'Vräkning!' → 'vrakning'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@dataclass(frozen=True)
class Choice:
    """A name the team may type, and what it stands for."""

    text: str
    key: str


class Names:
    """A set of names for one kind of thing, matched exactly first and fuzzily second."""

    def __init__(self, choices: Iterable[Choice]) -> None:
        self.choices = [Choice(plain_words(c.text), c.key) for c in choices if plain_words(c.text)]
        self.folded = [c.text for c in self.choices]

    def match(self, query: str, allowed: Iterable[str] | None = None) -> str | None:
        """Return the key of the best name for the query, or None when nothing is close."""
        wanted = plain_words(query)
        keys = None if allowed is None else set(allowed)
        candidates = [(n, c) for n, c in enumerate(self.choices) if keys is None or c.key in keys]
        for _, choice in candidates:
            if choice.text == wanted:
                return choice.key
        if not wanted or not candidates:
            return None
        best = process.extractOne(
            wanted,
            {n: choice.text for n, choice in candidates},
            scorer=fuzz.WRatio,
            score_cutoff=MIN_SCORE,
        )
        return None if best is None else self.choices[best[2]].key


@dataclass(frozen=True)
class Vocabulary:
    """The names of a rule set's interventions, parties, units and needs."""

    interventions: Names
    parties: Names
    units: Names
    needs: Names


def _short_names(name: str) -> list[str]:
    # "KBT – kognitiv beteendeterapi" is also called "KBT" and "kognitiv beteendeterapi".
    parts = [name]
    for separator in (" – ", " (", ": "):
        if separator in name:
            head, tail = name.split(separator, 1)
            parts += [head, tail.rstrip(")")]
    return parts


def build_vocabulary(rule_set: RuleSet) -> Vocabulary:
    """Collect every name the team may use for the rule set's things."""
    interventions = [
        Choice(text, i.id)
        for i in rule_set.interventions.values()
        for text in (i.id, i.id.replace("-", " "), *_short_names(i.name))
    ]
    parties = [Choice(text, party) for party, names in PARTY_ALIASES.items() for text in names]
    parties += [Choice(name, party) for party, name in PARTY_NAMES.items()]
    units = [
        Choice(text, f"{partner.id}/{unit.id}")
        for partner in rule_set.partners.values()
        for unit in partner.units
        for text in (unit.id, unit.id.replace("_", " "), *_short_names(unit.name))
    ]
    taxonomy = rule_set.taxonomy
    needs = [
        Choice(text, need)
        for need in taxonomy.all_ids()
        for text in (need, *_short_names(taxonomy.label(need)))
    ]
    return Vocabulary(Names(interventions), Names(parties), Names(units), Names(needs))
