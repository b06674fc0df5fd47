"""Set and interval reasoning over table cells: overlap, subsumption, examples, gaps.

Each cell is read as the set of values it accepts within its column's domain
(plus, separately, whether it accepts an unknown value). Two rows overlap when
every column's sets meet; a row is subsumed when each of its sets lies inside
the other row's. The need column is set-valued (a case has several needs), so
two need cells that each accept some need can always hold together.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.rules.cells import Condition, ValueT, clip
from mgt_assistant.domain.rules.model import Column, Row

MAX_GAP_POINTS: Final = 20_000


@dataclass(frozen=True)
class Cell:
    """A cell as a value set within its column's domain."""

    values: frozenset[ValueT]
    intervals: tuple[tuple[int, int], ...]
    missing: bool
    is_int: bool

    def empty_values(self) -> bool:
        """Tell whether no known value is accepted."""
        return not self.intervals if self.is_int else not self.values


def normalise(condition: Condition, column: Column, domain: frozenset[ValueT]) -> Cell:
    """Turn a condition into explicit sets clipped to the column's domain."""
    if column.type == "integer":
        low, high = column.min or 0, column.max or 0
        spans = ((low, high),) if condition.any_value else clip(condition, low, high).intervals
        return Cell(
            frozenset(), tuple(s for s in spans if s[0] <= s[1]), condition.accepts_missing, True
        )
    values = domain if condition.any_value else condition.values & domain
    return Cell(values, (), condition.accepts_missing, False)


def _intersect_spans(
    a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    return [(max(x, u), min(y, v)) for x, y in a for u, v in b if max(x, u) <= min(y, v)]


def _spans_inside(inner: Sequence[tuple[int, int]], outer: Sequence[tuple[int, int]]) -> bool:
    covered = sorted(outer)
    for low, high in inner:
        point = low
        for a, b in covered:
            if a <= point <= b:
                point = b + 1
            if point > high:
                break
        if point <= high:
            return False
    return True


def cells_overlap(a: Cell, b: Cell, set_valued: bool) -> bool:
    """Tell whether some case can satisfy both cells."""
    if a.missing and b.missing:
        return True
    if set_valued:
        return not a.empty_values() and not b.empty_values()
    if a.is_int:
        return bool(_intersect_spans(a.intervals, b.intervals))
    return not a.values.isdisjoint(b.values)


def cell_inside(inner: Cell, outer: Cell) -> bool:
    """Tell whether every case satisfying ``inner`` also satisfies ``outer``."""
    if inner.missing and not outer.missing:
        return False
    if inner.is_int:
        return _spans_inside(inner.intervals, outer.intervals)
    return inner.values <= outer.values


def shared_value(a: Cell, b: Cell) -> tuple[bool, ValueT | None]:
    """Return (found, value) for a value both cells accept; None stands for unknown."""
    if a.is_int:
        spans = _intersect_spans(a.intervals, b.intervals)
        if spans:
            return True, spans[0][0]
    else:
        values = a.values & b.values
        if values:
            return True, sorted(values, key=str)[0]
    if a.missing and b.missing:
        return True, None
    return False, None


def any_value(cell: Cell) -> ValueT | None:
    """Return some value the cell accepts (None when it only accepts unknown)."""
    if cell.is_int:
        return cell.intervals[0][0] if cell.intervals else None
    return sorted(cell.values, key=str)[0] if cell.values else None


def rows_overlap(a: Sequence[Cell], b: Sequence[Cell], columns: Sequence[Column]) -> bool:
    """Tell whether some case matches both rows."""
    return all(
        cells_overlap(x, y, column.type == "need")
        for x, y, column in zip(a, b, columns, strict=True)
    )


def row_inside(inner: Sequence[Cell], outer: Sequence[Cell]) -> bool:
    """Tell whether every case matching ``inner`` also matches ``outer``."""
    return all(cell_inside(x, y) for x, y in zip(inner, outer, strict=True))


def _points(cells: Sequence[Cell], column: Column) -> list[ValueT | None]:
    """Return one representative value per region of the column the rows distinguish."""
    if column.type == "integer":
        low, high = column.min or 0, column.max or 0
        cuts = {low}
        for cell in cells:
            for a, b in cell.intervals:
                cuts.update(x for x in (a, b + 1) if low <= x <= high)
        return [*sorted(cuts), None]
    values: set[ValueT] = set()
    for cell in cells:
        values |= cell.values
    points: list[ValueT | None] = sorted(values, key=str)
    if column.type != "need" or any(c.missing and c.empty_values() for c in cells):
        points.append(None)
    return points


def find_gaps(
    rows: Sequence[Row], cells: Sequence[Sequence[Cell]], columns: Sequence[Column]
) -> tuple[int, dict[str, ValueT | None] | None, bool]:
    """Count cases no row matches; return (count, first example, analysis complete)."""
    axes = [_points([row[i] for row in cells], column) for i, column in enumerate(columns)]
    total = 1
    for axis in axes:
        total *= max(len(axis), 1)
    if total > MAX_GAP_POINTS or not rows:
        return 0, None, False
    count, example = 0, None
    for point in itertools.product(*axes):
        if not any(_matches(row, point, columns) for row in rows):
            count += 1
            if example is None:
                example = {column.id: value for column, value in zip(columns, point, strict=True)}
    return count, example, True


def _matches(row: Row, point: Sequence[ValueT | None], columns: Sequence[Column]) -> bool:
    for condition, value, column in zip(row.conditions, point, columns, strict=True):
        if column.type == "need" and value is not None:
            if not (condition.any_value or value in condition.values):
                return False
        elif not condition.matches(value):
            return False
    return True
