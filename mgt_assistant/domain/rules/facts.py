"""Case facts beyond needs: alerts, services in place, diagnoses, income, with evidence.

The needs reader reports these as signals (kind ``alert``, ``in_place``,
``diagnosis`` or ``income``); ``facts_from_signals`` turns any iterable of
objects with those attributes into the typed facts the rules use, and
``with_signals`` adds them to a case. Only what is said about the person now
counts: a ``present`` signal, and an ``uncertain`` diagnosis as suspected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.needs.signals import Signal

ALERT_KINDS: Final = (
    "suicide_risk",
    "self_harm",
    "acute_homelessness",
    "violence",
    "child_at_risk",
    "minor",
)
DIAGNOSES: Final = (
    "adhd",
    "autism",
    "npf",
    "intellectual_disability",
    "depression",
    "anxiety",
    "ptsd",
    "bipolar",
    "psychosis",
    "substance_dependence",
    "gambling_disorder",
    "exhaustion",
    "schizophrenia",
)
ADULT_AGE: Final = 18


@dataclass(frozen=True)
class Fact:
    """One fact about the person (an alert kind, intervention or diagnosis id) and its words."""

    id: str
    evidence: str = ""


@dataclass(frozen=True)
class SignalFacts:
    """The facts read from signals, each with its evidence."""

    alerts: tuple[Fact, ...] = ()
    services_in_place: tuple[Fact, ...] = ()
    known_diagnoses: tuple[Fact, ...] = ()
    suspected_diagnoses: tuple[Fact, ...] = ()
    income_source: Fact | None = None


def _add(found: dict[str, Fact], signal: Signal) -> None:
    found.setdefault(signal.id, Fact(signal.id, signal.evidence))


def facts_from_signals(signals: Iterable[Signal]) -> SignalFacts:
    """Collect present alerts, services, diagnoses (uncertain = suspected) and income."""
    alerts: dict[str, Fact] = {}
    in_place: dict[str, Fact] = {}
    known: dict[str, Fact] = {}
    suspected: dict[str, Fact] = {}
    income: Fact | None = None
    for signal in signals:
        status = str(getattr(signal.status, "value", signal.status))
        if signal.kind == "diagnosis" and status == "uncertain":
            _add(suspected, signal)
        elif status != "present":
            continue  # negated, past or someone else's: not this person's fact now
        elif signal.kind == "alert":
            _add(alerts, signal)
        elif signal.kind == "in_place":
            _add(in_place, signal)
        elif signal.kind == "diagnosis":
            _add(known, signal)
        elif signal.kind == "income" and income is None:
            income = Fact(signal.id, signal.evidence)
    return SignalFacts(
        tuple(alerts.values()),
        tuple(in_place.values()),
        tuple(known.values()),
        tuple(f for i, f in suspected.items() if i not in known),
        income,
    )


def minor_alert(age_span: tuple[int, int] | None) -> Fact | None:
    """Return the ``minor`` alert when the person is certainly under 18."""
    if age_span is None or age_span[1] >= ADULT_AGE:
        return None
    low, high = age_span
    shown = f"{low} år" if low == high else f"{low}–{high} år"
    return Fact("minor", f"ålder {shown}")


def merge_facts(given: tuple[Fact, ...], found: Iterable[Fact]) -> tuple[Fact, ...]:
    """Return the given facts plus found ones with other ids (given facts win)."""
    merged = {fact.id: fact for fact in given}
    for fact in found:
        merged.setdefault(fact.id, fact)
    return tuple(merged.values())
