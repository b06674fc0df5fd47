"""The one MGT target-group check: working age, needs of two or more parties, own resources.

Used by the referrer's pre-check, the plan drafter, the meeting and the CLI, so
the same facts always give the same verdict. Advice, never a block: each
criterion is met, not met, or unknown (None), with a Swedish reason. The limits
come from the approved rule set (``rule_set.target_group``); the defaults are
those of [seed 002 §6.1 and fn 7].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mgt_assistant.domain.parties import PARTY_NAMES


@dataclass(frozen=True)
class Limits:
    """The target group's age span, how many parties the needs must involve, and the source.

    The one type for the target group: the rule set's ``target_group`` is a ``Limits``.
    """

    min_age: int = 16
    max_age: int = 64
    min_parties: int = 2
    source: str = ""


@dataclass(frozen=True)
class Criterion:
    """One target-group criterion: ``met`` is True, False or None (cannot tell yet)."""

    id: str
    label: str
    met: bool | None
    reason: str


@dataclass(frozen=True)
class TargetGroupCheck:
    """The three criteria, the verdict over them, and notes that do not change it."""

    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = ()

    @property
    def all_met(self) -> bool:
        """Tell whether every criterion is met."""
        return all(criterion.met is True for criterion in self.criteria)

    @property
    def in_target_group(self) -> bool | None:
        """Return False if any criterion fails, None if any is unknown, else True."""
        verdicts = [criterion.met for criterion in self.criteria]
        if False in verdicts:
            return False
        return None if None in verdicts else True

    @property
    def reasons(self) -> tuple[str, ...]:
        """Return each criterion's reason followed by the notes."""
        return (*(criterion.reason for criterion in self.criteria), *self.notes)


def age_met(age_range: tuple[int, int] | None, limits: Limits) -> bool | None:
    """Tell whether a possible age (low, high) is inside the span; None if it may or may not be."""
    if age_range is None:
        return None
    low, high = age_range
    if low >= limits.min_age and high <= limits.max_age:
        return True
    if high < limits.min_age or low > limits.max_age:
        return False
    return None


def parties_met(count: int, limits: Limits) -> bool | None:
    """Tell whether needs involve enough parties; None while no need is known."""
    if count == 0:
        return None
    return count >= limits.min_parties


def verdict(
    age_range: tuple[int, int] | None, party_count: int, tried: bool | None, limits: Limits
) -> bool | None:
    """Return the target-group verdict alone, for the recommender's hot path."""
    verdicts = (age_met(age_range, limits), parties_met(party_count, limits), tried)
    if False in verdicts:
        return False
    return None if None in verdicts else True


def _age(age_range: tuple[int, int] | None, limits: Limits) -> Criterion:
    label = f"Ålder {limits.min_age}–{limits.max_age} år"
    met = age_met(age_range, limits)
    if age_range is None:
        return Criterion(
            "age",
            label,
            met,
            "Ålder saknas: ange personnummer, födelseår, ålder eller åldersspann.",
        )
    low, high = age_range
    shown = f"{low} år" if low == high else f"{low}–{high} år"
    if met is True:
        return Criterion("age", label, met, f"Personen är {shown}: inom målgruppens ålder.")
    if met is False:
        return Criterion("age", label, met, f"Personen är {shown}: utanför målgruppens ålder.")
    return Criterion("age", label, met, f"Personen är {shown}: kontrollera åldern.")


def _parties(parties: frozenset[str], limits: Limits) -> Criterion:
    label = f"Behov som berör minst {limits.min_parties} parter"
    names = ", ".join(PARTY_NAMES.get(party, party) for party in sorted(parties))
    met = parties_met(len(parties), limits)
    if met is True:
        return Criterion("parties", label, met, f"Behoven berör {len(parties)} parter ({names}).")
    if met is False:
        return Criterion(
            "parties",
            label,
            met,
            f"Behoven berör bara {names}: MGT är för behov som berör minst "
            f"{limits.min_parties} parter. Beskriv fler behov?",
        )
    # No needs known yet is not a no: the mapping has not been done.
    return Criterion("parties", label, met, "Inga behov är kända ännu.")


def _own_resources(tried: bool | None) -> Criterion:
    label = "Egna resurser prövade"
    if tried is None:
        return Criterion(
            "own_resources", label, None, "Okänt vad remittentens egen organisation har prövat."
        )
    if tried:
        return Criterion("own_resources", label, True, "Remittentens egna resurser är prövade.")
    return Criterion(
        "own_resources",
        label,
        False,
        "Remittentens egna resurser är inte prövade: pröva dem före ansökan till MGT.",
    )


def _consent_notes(consent_given: bool | None, excluded: frozenset[str]) -> list[str]:
    notes: list[str] = []
    if consent_given is None:
        notes.append("Samtycke är inte registrerat: inhämta samtycke före mötet.")
    elif not consent_given:
        notes.append("Personen har inte gett samtycke: ärendet kan bara tas upp anonymt.")
    for party in sorted(excluded):
        name = PARTY_NAMES.get(party, party)
        notes.append(f"Personen har undantagit {name} i samtycket: deras behov räknas inte.")
    return notes


def check_target_group(
    *,
    age_range: tuple[int, int] | None,
    parties: Iterable[str],
    own_resources_tried: bool | None,
    consent_given: bool | None = True,
    excluded_parties: frozenset[str] = frozenset(),
    limits: Limits = Limits(),
) -> TargetGroupCheck:
    """Check the target group from an age range (low, high), need parties, efforts and consent.

    Parties the person excluded from consent do not count towards complexity.
    """
    counted = frozenset(parties) - excluded_parties
    return TargetGroupCheck(
        criteria=(
            _age(age_range, limits),
            _parties(counted, limits),
            _own_resources(own_resources_tried),
        ),
        notes=tuple(_consent_notes(consent_given, excluded_parties)),
    )
