"""The typed result of a semantic diff, and a generic comparison of parsed rule objects.

The hand-written phrasing in ``diff`` covers the common changes; everything else
is found here by walking dataclass fields, mappings and id-keyed tuples, so a
field added to the rule model later still shows up as "changed" in words.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from mgt_assistant.domain.rules.cells import INT_HIGH, INT_LOW, Condition

ChangeKind = Literal["added", "removed", "changed"]

# Where a value came from is not what it means: moving a row or adding a comment is no change.
LOCATION_FIELDS: Final = frozenset({"file", "line", "output_line", "cell_lines", "item_lines"})
# Fields whose own name would only clutter the line: "lägsta ålder", not "villkor … lägsta ålder".
TRANSPARENT_FIELDS: Final = frozenset({"eligibility", "governance"})

# Swedish words for the model's field names; an unknown field is shown by its own name.
FIELD_LABELS: Final[Mapping[str, str]] = {
    "name": "namn",
    "label": "benämning",
    "description": "beskrivning",
    "party": "part",
    "unit": "enhet",
    "units": "enhet",
    "lane": "spår",
    "phase": "fas",
    "needs": "behov",
    "eligibility": "villkor för att få insatsen",
    "min_age": "lägsta ålder",
    "max_age": "högsta ålder",
    "income_sources": "försörjning",
    "conditions": "villkor",
    "note": "anmärkning",
    "weeks": "veckor",
    "capacity": "kapacitet",
    "source": "källa",
    "version": "version",
    "status": "status",
    "approved_by": "godkänd av",
    "approved_on": "godkänd den",
    "minutes": "protokoll",
    "limits": "gränser",
    "effective_from": "gäller från",
    "type": "typ",
    "missing": "okänt värde",
    "min": "minsta värde",
    "max": "största värde",
    "intervention": "insats",
    "priority": "prioritet",
    "why": "motivering",
    "min_parties": "minsta antal parter",
    "target_kind": "måltyp",
    "target_percent": "mål i procent",
    "end_reasons": "avslutsorsaker",
    "counts_groups": "räknar grupperna",
    "core": "kärnområde",
    "domains": "område",
    "groups": "resultatgrupp",
    "parties": "parter",
    "question": "fråga",
    "sub_needs": "delbehov",
    "case": "ärende",
    "expect_recommended": "ska föreslås",
    "expect_not_recommended": "ska inte föreslås",
    "expect_in_target_group": "väntad målgruppskontroll",
    "expect_target_group_given": "målgruppskontroll angiven",
}

_LONG: Final = 120


@dataclass(frozen=True)
class Change:
    """One difference: what kind, where, the value before and after, and a Swedish line."""

    kind: ChangeKind
    where: str
    before: str | None
    after: str | None
    text: str


@dataclass(frozen=True)
class Section:
    """The changes to one part of the rule set, such as one decision table."""

    id: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class RuleSetDiff:
    """All differences between two rule sets, section by section (empty sections left out)."""

    old_version: str
    old_hash: str
    new_version: str
    new_hash: str
    sections: tuple[Section, ...]

    @property
    def empty(self) -> bool:
        """Tell whether the two rule sets mean the same."""
        return not self.sections

    @property
    def count(self) -> int:
        """Return the number of changes over all sections."""
        return sum(len(section.changes) for section in self.sections)


def label_of(name: str) -> str:
    """Return the Swedish word for a model field name, or the name itself."""
    return FIELD_LABELS.get(name, name)


def shorten(text: str, limit: int = _LONG) -> str:
    """Cut a long text to one readable line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def cell_text(condition: Condition) -> str:
    """Render a decision-table cell in words: '18–29', 'minst 18', 'alla'."""
    if condition.is_any:
        return "alla"
    text = condition.text.strip()
    if text == "missing":
        return "okänd"
    if match := re.fullmatch(r"(-?\d+)\s*\.\.\s*(-?\d+)", text):
        return f"{match.group(1)}–{match.group(2)}"
    if match := re.fullmatch(r"(>=|<=)\s*(-?\d+)", text):
        return ("minst " if match.group(1) == ">=" else "högst ") + match.group(2)
    if condition.written:
        return " eller ".join(value_text(v) for v in condition.written)
    return text


def value_text(value: Any) -> str:
    """Render any parsed value as short Swedish text."""
    if value is None or value == "":
        return "inget"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Condition):
        return cell_text(value)
    if isinstance(value, int) and value in (INT_LOW, INT_HIGH):
        return "obegränsat"
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(value_text(v) for v in value)) or "inga"
    if isinstance(value, tuple | list):
        return ", ".join(value_text(v) for v in value) or "inga"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items()) or "inga"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        ident = getattr(value, "id", None)
        if isinstance(ident, str):
            return ident
        parts = [
            f"{label_of(f.name)} {value_text(getattr(value, f.name))}"
            for f in dataclasses.fields(value)
            if f.name not in LOCATION_FIELDS
        ]
        return ", ".join(parts)
    return shorten(str(value))


def _keyed(values: Any) -> dict[str, Any] | None:
    """Return a tuple of objects with string ids as a mapping by id, else None."""
    if not isinstance(values, tuple) or not values:
        return None
    ids = [getattr(v, "id", None) for v in values]
    keys = [i for i in ids if isinstance(i, str)]
    if len(keys) != len(ids) or len(set(keys)) != len(keys):
        return None
    return dict(zip(keys, values, strict=True))


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _slash(*parts: str) -> str:
    return "/".join(part for part in parts if part)


def walk(head: str, old: Any, new: Any, path: str = "", at: str = "") -> Iterator[Change]:
    """Yield a change for every leaf that differs: "head: path before → after".

    ``path`` is the Swedish field path for the text; ``at`` the machine path of
    field names and keys for ``Change.where`` (it defaults to the head).
    """
    at = at or head
    if old == new:
        return
    if dataclasses.is_dataclass(old) and type(old) is type(new) and not isinstance(old, type):
        for f in dataclasses.fields(old):
            if f.name in LOCATION_FIELDS:
                continue
            inner = path if f.name in TRANSPARENT_FIELDS else _join(path, label_of(f.name))
            old_value, new_value = getattr(old, f.name), getattr(new, f.name)
            yield from walk(head, old_value, new_value, inner, _slash(at, f.name))
        return
    old_keyed, new_keyed = _keyed(old), _keyed(new)
    if old_keyed is not None and new_keyed is not None:
        yield from walk_mapping(head, old_keyed, new_keyed, path, at)
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from walk_mapping(head, old, new, path, at)
        return
    before, after = value_text(old), value_text(new)
    if before == after:
        # Only a location or spelling differs, not the meaning.
        return
    text = f"{head}: {_join(path, before)} → {after}"
    yield Change("changed", at, before, after, text)


def walk_mapping(
    head: str, old: Mapping[Any, Any], new: Mapping[Any, Any], path: str = "", at: str = ""
) -> Iterator[Change]:
    """Yield the entries added, removed and changed between two mappings."""
    at = at or head
    for key in new:
        if key not in old:
            shown = value_text(new[key])
            extra = "" if shown == str(key) else f" ({shown})"
            text = f"{head}: {_join(path, str(key))} tillagd{extra}"
            yield Change("added", _slash(at, str(key)), None, shown, text)
    for key in old:
        if key not in new:
            text = f"{head}: {_join(path, str(key))} borttagen"
            yield Change("removed", _slash(at, str(key)), value_text(old[key]), None, text)
    for key in old:
        if key in new:
            yield from walk(head, old[key], new[key], _join(path, str(key)), _slash(at, str(key)))


def walk_field(head: str, name: str, old: Any, new: Any, at: str = "") -> Iterator[Change]:
    """Compare one named field of two model objects generically (absent counts as None)."""
    path = "" if name in TRANSPARENT_FIELDS else label_of(name)
    inner_at = _slash(at or head, name)
    yield from walk(head, getattr(old, name, None), getattr(new, name, None), path, inner_at)


def walk_other_fields(
    head: str, old: Any, new: Any, handled: Iterable[str], at: str = ""
) -> Iterator[Change]:
    """Compare every field of two model objects except those phrased by hand.

    The fields are read from the objects themselves, so a field the model
    gains later is compared without a change here.
    """
    skip = set(handled) | LOCATION_FIELDS
    names = [f.name for f in dataclasses.fields(old)]
    names += [f.name for f in dataclasses.fields(new) if f.name not in names]
    for name in names:
        if name not in skip:
            yield from walk_field(head, name, old, new, at)
