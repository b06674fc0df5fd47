"""Read the fact fields of a case from decoded JSON; faults raise CaseError in Swedish."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from mgt_assistant.domain.rules.facts import ALERT_KINDS, DIAGNOSES, Fact


class CaseError(ValueError):
    """Input that cannot be read as a case; the message is one Swedish line."""


def whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def read_list(raw: Any, what: str) -> list[Any]:
    if not isinstance(raw, list):
        raise CaseError(f"'{what}' måste vara en lista")
    return raw


def read_facts(raw: Any, what: str, known: Iterable[str], key: str = "id") -> tuple[Fact, ...]:
    """Read a list of ids or {id, evidence} objects, each id from a closed list."""
    allowed = frozenset(known)
    found: dict[str, Fact] = {}
    for item in read_list(raw, what):
        entry = {key: item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not isinstance(entry.get(key), str):
            raise CaseError(f"varje post i '{what}' måste vara ett id eller ett objekt med '{key}'")
        if entry[key] not in allowed:
            raise CaseError(f"okänt id '{entry[key]}' i '{what}' (kända: {', '.join(allowed)})")
        evidence = entry.get("evidence", "")
        if not isinstance(evidence, str):
            raise CaseError(f"'evidence' i '{what}' måste vara text")
        found.setdefault(entry[key], Fact(entry[key], evidence))
    return tuple(found.values())


def read_diagnoses(raw: Any) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    known: list[Fact] = []
    suspected: list[Fact] = []
    for item in read_list(raw, "diagnoses"):
        status = item.get("status", "known") if isinstance(item, dict) else "known"
        if status not in ("known", "suspected"):
            raise CaseError(f"okänd status '{status}' för en diagnos (known eller suspected)")
        facts = read_facts([item], "diagnoses", DIAGNOSES)
        (known if status == "known" else suspected).extend(facts)
    return tuple(known), tuple(f for f in suspected if f.id not in {k.id for k in known})


def read_age_range(raw: Any) -> tuple[int, int]:
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or any(whole(v) is None for v in raw)
        or not 0 <= int(raw[0]) <= int(raw[1]) <= 130
    ):
        raise CaseError("'age_range' måste vara [lägsta, högsta] ålder, t.ex. [20, 24]")
    return int(raw[0]), int(raw[1])


def read_handled(raw: Any) -> frozenset[str]:
    if raw is True:
        return frozenset(ALERT_KINDS)
    if raw is False or raw is None:
        return frozenset()
    return frozenset(f.id for f in read_facts(raw, "alerts_handled", ALERT_KINDS, "kind"))


def read_as_of(raw: Any) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise CaseError("'date' måste vara ett datum ÅÅÅÅ-MM-DD") from None
