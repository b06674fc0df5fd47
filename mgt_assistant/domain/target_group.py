"""The MGT target-group check: working age, needs of two or more parties, own resources tried.

Advice for the referrer and the team, never a block: each criterion is met,
not met, or unknown, with a Swedish reason. The limits come from the approved
rule set (``rule_set.target_group``); the defaults are those of [seed 002].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mgt_assistant.domain.parties import PARTY_NAMES


@dataclass(frozen=True)
class Limits:
    """The target group's age span and how many parties the needs must involve."""

    min_age: int = 16
    max_age: int = 64
    min_parties: int = 2


@dataclass(frozen=True)
class Criterion:
    """One target-group criterion: ``met`` is True, False or None (cannot tell yet)."""

    id: str
    label: str
    met: bool | None
    reason: str


@dataclass(frozen=True)
class TargetGroupCheck:
    """The three criteria and whether all are met."""

    criteria: tuple[Criterion, ...]

    @property
    def all_met(self) -> bool:
        """Tell whether every criterion is met."""
        return all(criterion.met is True for criterion in self.criteria)


def _age(age_range: tuple[int, int] | None, limits: Limits) -> Criterion:
    label = f"Ålder {limits.min_age}–{limits.max_age} år"
    if age_range is None:
        return Criterion(
            "age", label, None, "Ålder saknas: ange personnummer, födelseår eller ålder."
        )
    low, high = age_range
    shown = f"{low} år" if low == high else f"{low}–{high} år"
    if low >= limits.min_age and high <= limits.max_age:
        return Criterion("age", label, True, f"Personen är {shown}.")
    if high < limits.min_age or low > limits.max_age:
        return Criterion("age", label, False, f"Personen är {shown}, utanför målgruppens ålder.")
    return Criterion("age", label, None, f"Personen är {shown}: kontrollera åldern.")


def _parties(parties: frozenset[str], limits: Limits) -> Criterion:
    label = f"Behov som berör minst {limits.min_parties} parter"
    names = ", ".join(PARTY_NAMES.get(party, party) for party in sorted(parties))
    if len(parties) >= limits.min_parties:
        return Criterion("parties", label, True, f"Behoven berör {names}.")
    if parties:
        return Criterion(
            "parties", label, False, f"Behoven som hittats berör bara {names}. Beskriv fler behov?"
        )
    return Criterion("parties", label, False, "Inga behov har hittats i beskrivningen ännu.")


def _own_resources(tried: bool) -> Criterion:
    label = "Egna resurser prövade"
    if tried:
        return Criterion("own_resources", label, True, "Du har beskrivit vad som prövats.")
    return Criterion(
        "own_resources",
        label,
        False,
        "Beskriv vad din egen organisation redan har prövat innan ansökan till MGT.",
    )


def check_target_group(
    *,
    age_range: tuple[int, int] | None,
    parties: Iterable[str],
    own_resources_tried: bool,
    limits: Limits = Limits(),
) -> TargetGroupCheck:
    """Check the target group from an age range (low, high), need parties and own efforts."""
    return TargetGroupCheck(
        criteria=(
            _age(age_range, limits),
            _parties(frozenset(parties), limits),
            _own_resources(own_resources_tried),
        )
    )
