"""Typed shape of ``rules/lexicon.yaml``; terms are compiled by ``lexicon`` once the shape holds."""

from __future__ import annotations

from pydantic import Field

from mgt_assistant.domain.yaml_models import RuleModel, Text

# Status lists under a need: the key, and the status its terms carry by themselves.
STATUS_KEYS = {"terms": None, "historical": "historical", "uncertain": "uncertain"}
STATUS_KEYS |= {"negated": "negated"}


class TermsSpec(RuleModel):
    """The terms of one need, by the status they carry by themselves."""

    terms: list[Text] = Field(default_factory=list)
    historical: list[Text] = Field(default_factory=list)
    uncertain: list[Text] = Field(default_factory=list)
    negated: list[Text] = Field(default_factory=list)

    def by_status(self) -> list[tuple[str | None, str, int]]:
        """Return (status, term, line) for every term, in the order of ``STATUS_KEYS``."""
        return [
            (status, text, self.item_line(key, index))
            for key, status in STATUS_KEYS.items()
            for index, text in enumerate(getattr(self, key))
        ]


class SignalSpec(TermsSpec):
    """One signal: its Swedish label, an optional need it also gives, and its terms."""

    label: Text | None = None
    need: Text | None = None


class SignalsSpec(RuleModel):
    """Signals by kind, each kind a mapping from signal id to its terms."""

    alert: dict[str, SignalSpec] = Field(default_factory=dict)
    in_place: dict[str, SignalSpec] = Field(default_factory=dict)
    diagnosis: dict[str, SignalSpec] = Field(default_factory=dict)
    income: dict[str, SignalSpec] = Field(default_factory=dict)


class DirectionsSpec(RuleModel):
    """Cue words of one kind by where they stand relative to the term."""

    before: list[Text] = Field(default_factory=list)
    after: list[Text] = Field(default_factory=list)
    right_after: list[Text] = Field(default_factory=list)
    both: list[Text] = Field(default_factory=list)


class CuesSpec(RuleModel):
    """Context cues by kind."""

    negation: DirectionsSpec | None = None
    history: DirectionsSpec | None = None
    ongoing: DirectionsSpec | None = None
    uncertainty: DirectionsSpec | None = None
    other_person: DirectionsSpec | None = None
    pseudo: DirectionsSpec | None = None


class ScopeSpec(RuleModel):
    """Word lists that bound how far a cue or a list reaches."""

    breakers: list[Text] = Field(default_factory=list)
    joins: list[Text] = Field(default_factory=list)
    list_words: list[Text] = Field(default_factory=list)
    self_words: list[Text] = Field(default_factory=list, alias="self")
    prepositions: list[Text] = Field(default_factory=list)
    possessives: list[Text] = Field(default_factory=list)
    planned: list[Text] = Field(default_factory=list)
    children: list[Text] = Field(default_factory=list)


class MeaningSpec(RuleModel):
    """One reading of an ambiguous abbreviation and the words that point to it."""

    expansion: Text
    context: list[Text] = Field(default_factory=list)


class AmbiguousSpec(RuleModel):
    """An abbreviation with several readings."""

    meanings: list[MeaningSpec]
    unresolved: Text | None = None


class LexiconFile(RuleModel):
    """lexicon.yaml as a whole."""

    version: Text | None = None
    needs: dict[str, TermsSpec] = Field(default_factory=dict)
    signals: SignalsSpec | None = None
    abbreviations: dict[str, Text] = Field(default_factory=dict)
    ambiguous: dict[str, AmbiguousSpec] = Field(default_factory=dict)
    ignore: list[Text] = Field(default_factory=list)
    no_fuzzy: list[Text] = Field(default_factory=list)
    no_stem: list[Text] = Field(default_factory=list)
    cues: CuesSpec | None = None
    scope: ScopeSpec | None = None
    resources: dict[str, Text] = Field(default_factory=dict)
