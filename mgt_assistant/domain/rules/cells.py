"""The closed cell grammar of decision tables, parsed into sets and intervals.

A cell is one of::

    -            any value, also unknown
    missing      only an unknown value
    = x  or  x   exactly x
    in [a, b]    one of the listed values (a YAML list means the same)
    a..b         a whole number from a to b, both included
    >= n, <= n   a whole number at least / at most n

Cells become ``Condition`` objects that say *which values* match: a set for
named values, closed intervals for numbers. The linter reasons with these sets,
never with how a cell was spelled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.yaml_located import LocatedList

ValueT = str | bool | int

INT_LOW: Final = -(10**9)
INT_HIGH: Final = 10**9
# The integer inputs and the values they can take (tables check cells, the compiler
# enumerates them).
INTEGER_RANGES: Final[Mapping[str, tuple[int, int]]] = {
    "age": (0, 130),
    "severity": (1, 5),
    "need_party_count": (0, 5),
}

_RANGE = re.compile(r"^(-?\d+)\s*\.\.\s*(-?\d+)$")
_BOUND = re.compile(r"^(>=|<=)\s*(-?\d+)$")
_IN = re.compile(r"^in\s*\[(.*)\]$", re.DOTALL)
_EQ = re.compile(r"^=\s*(.+)$", re.DOTALL)


class CellError(ValueError):
    """A cell that the closed grammar does not allow; the text is Swedish."""


@dataclass(frozen=True)
class Condition:
    """What one cell accepts: any value, a set of values or intervals, and/or unknown."""

    text: str
    any_value: bool
    values: frozenset[ValueT]
    intervals: tuple[tuple[int, int], ...]
    accepts_missing: bool
    written: tuple[ValueT, ...] = ()

    @property
    def is_any(self) -> bool:
        """Tell whether the cell accepts everything (written ``-``)."""
        return self.any_value and self.accepts_missing

    def matches(self, value: ValueT | None) -> bool:
        """Tell whether one scalar value satisfies the cell."""
        if value is None:
            return self.accepts_missing
        if self.any_value:
            return True
        if isinstance(value, int) and not isinstance(value, bool) and self.intervals:
            return any(low <= value <= high for low, high in self.intervals)
        return value in self.values

    def with_missing(self) -> Condition:
        """Return the same condition that also accepts an unknown value."""
        return Condition(self.text, self.any_value, self.values, self.intervals, True, self.written)


ANY: Final = Condition("-", True, frozenset(), (), True)


def _scalar(text: str, column_type: str) -> ValueT:
    text = text.strip().strip("'\"")
    if column_type == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(f"'{text}' är inte ett heltal")
        return int(text)
    if column_type == "boolean":
        if text not in ("true", "false"):
            raise CellError(f"'{text}' är inte true eller false")
        return text == "true"
    if not text:
        raise CellError("tomt värde")
    return text


def _from_values(text: str, values: list[ValueT], column_type: str) -> Condition:
    if column_type == "integer":
        ints = sorted({int(v) for v in values})
        return Condition(text, False, frozenset(), tuple((v, v) for v in ints), False, tuple(ints))
    return Condition(text, False, frozenset(values), (), False, tuple(values))


def _range(text: str, low: int, high: int, column_type: str) -> Condition:
    if column_type != "integer":
        raise CellError(f"'{text}' är ett talintervall men kolumnen har inte heltal")
    if low > high:
        raise CellError(f"intervallet '{text}' är tomt ({low} är större än {high})")
    return Condition(text, False, frozenset(), ((low, high),), False)


def parse_cell(raw: object, column_type: str) -> Condition:
    """Parse one cell for a column of the given type; raise CellError in Swedish."""
    if raw is None:
        return ANY
    if isinstance(raw, LocatedList | list):
        items = [
            _scalar(str(item).lower() if isinstance(item, bool) else str(item), column_type)
            for item in raw
        ]
        if not items:
            raise CellError("listan är tom")
        return _from_values(f"in [{', '.join(str(i) for i in items)}]", items, column_type)
    if isinstance(raw, bool):
        return _from_values(
            f"= {str(raw).lower()}", [_scalar(str(raw).lower(), column_type)], column_type
        )
    if isinstance(raw, int):
        return _from_values(f"= {raw}", [_scalar(str(raw), column_type)], column_type)
    if not isinstance(raw, str):
        raise CellError("cellen måste vara text, ett tal eller en lista")
    return _parse_text(raw.strip(), column_type)


def _parse_text(text: str, column_type: str) -> Condition:
    if text == "-":
        return ANY
    if text == "missing":
        return Condition("missing", False, frozenset(), (), True)
    if match := _RANGE.match(text):
        return _range(text, int(match.group(1)), int(match.group(2)), column_type)
    if match := _BOUND.match(text):
        bound = int(match.group(2))
        low, high = (bound, INT_HIGH) if match.group(1) == ">=" else (INT_LOW, bound)
        return _range(text, low, high, column_type)
    if match := _IN.match(text):
        parts = [part for part in match.group(1).split(",") if part.strip()]
        if not parts:
            raise CellError("listan i 'in [..]' är tom")
        return _from_values(text, [_scalar(p, column_type) for p in parts], column_type)
    if match := _EQ.match(text):
        return _from_values(text, [_scalar(match.group(1), column_type)], column_type)
    if re.search(r"[<>=\[\]]", text) or " " in text.strip():
        raise CellError(
            f"'{text}' följer inte cellgrammatiken (-, missing, = x, in [a, b], a..b, >= n, <= n)"
        )
    return _from_values(f"= {text}", [_scalar(text, column_type)], column_type)


def clip(condition: Condition, low: int, high: int) -> Condition:
    """Restrict a number condition to a column's declared range."""
    if condition.any_value or not condition.intervals:
        return condition
    clipped = tuple(
        (max(a, low), min(b, high)) for a, b in condition.intervals if a <= high and b >= low
    )
    return Condition(
        condition.text, False, frozenset(), clipped, condition.accepts_missing, condition.written
    )


def expand(condition: Condition, expanded: frozenset[ValueT]) -> Condition:
    """Replace the written values with an expanded set (a need domain and its sub-needs)."""
    return Condition(
        condition.text,
        condition.any_value,
        expanded,
        (),
        condition.accepts_missing,
        condition.written,
    )
