"""Privacy in numbers: hide small counts and every cell that would give them away.

One function, :func:`suppress`, is used by every table, figure and export.

Method
------
A table is a set of counts (*cells*) and the sums that are published with them
(*relations*: ``total = part + part + …``, e.g. every row and column of a grid,
with its margin, and the grand total).

1. **Primary suppression.** A cell built from 1–4 people shows ``"< 5"``.
   A zero shows ``0``: it describes nobody, and a steering group must be able to
   see that no one reached a goal. (``hide_zero=True`` shows zeros as ``"< 5"``.)
2. **Secondary suppression.** A reader who knows the method knows that a
   ``"< 5"`` cell holds 1–4 and that a secondary cell (shown as ``"x"``) holds 0
   or at least 5. In each relation the hidden cells must not be worked out:
   - no relation may have exactly one hidden member (it would be the total minus
     the shown parts);
   - when the total is shown, every ``"< 5"`` cell in it must keep at least two
     possible values given the bounds above (so two hidden 1s with a hidden sum
     of 2, or a 1 next to a hidden 5, are caught).
   Where a relation fails, the smallest shown part above zero is hidden too (the
   least information lost), else the total, else a zero part; then every relation
   touched is checked again until none fails. Each round hides one more cell, so it ends.
3. **Whole-table audit.** Sums can combine: with rows and columns, a reader may
   carry bounds from one sum into the next (a row pins a column total, which pins
   a cell). The audit does that too: starting from the bounds above, every sum
   narrows its members' bounds from the others' until nothing changes. A ``"< 5"``
   cell left with one possible value gets a further hidden cell beside it; after
   a few such rounds every shown cell beside it is hidden, so large sparse tables
   end quickly. Steps 2 and 3 repeat until the audit pins nothing.

Tests check the result with a brute-force reader (``tests/domain/followup/audit.py``)
that tries every value of every hidden cell.

Limits: the choice is greedy, so it may hide more than the fewest cells possible.
Bound carrying is interval reasoning, not a full integer audit of the whole
system (that is exponential); to keep time bounded each sum is revisited about
``SWEEPS`` times per round. Very sparse tables should be published with fewer
dimensions instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

MIN_COUNT: Final = 5  # fewer people than this are never shown
SMALL_MARK: Final = "< 5"
SECONDARY_MARK: Final = "x"
# How many times, on average, each sum is revisited when carrying bounds: bounds can
# creep down by one per round around a cycle of sums, which would take very long.
SWEEPS: Final = 4
GENTLE_ROUNDS: Final = 4  # rounds that hide one cell per pinned cell before hiding all beside it
LEGEND: Final = (
    f"{SMALL_MARK} = färre än {MIN_COUNT} personer. "
    f"{SECONDARY_MARK} = dold så att en annan uppgift inte kan räknas fram."
)

Hidden = Literal["small", "secondary"]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Relation:
    """A published sum: ``total`` equals the sum of ``parts``."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Figure:
    """One published number: the count, or why it is hidden."""

    count: int
    hidden: Hidden | None = None

    @property
    def shown(self) -> int | None:
        """Return the count when it may be shown, else None."""
        return None if self.hidden else self.count

    @property
    def text(self) -> str:
        """Return the figure as printed in tables and exports."""
        if self.hidden == "small":
            return SMALL_MARK
        if self.hidden == "secondary":
            return SECONDARY_MARK
        return str(self.count)

    def share_text(self, base: Figure) -> str:
        """Return this count as a whole percentage of ``base``, or a mark when hidden."""
        if self.hidden or base.hidden:
            return self.text if self.hidden else base.text
        if base.count == 0:
            return "–"
        return f"{round(100 * self.count / base.count)} %"


class SuppressionError(ValueError):
    """The table is inconsistent: a relation names a missing cell or does not add up."""


def suppress(
    cells: Mapping[K, int],
    relations: Sequence[Relation],
    *,
    min_count: int = MIN_COUNT,
    hide_zero: bool = False,
) -> dict[K, Figure]:
    """Return every cell as a Figure, hiding small counts and what would reveal them.

    :raise SuppressionError: when a relation names an unknown cell or does not add up.
    """
    _check(cells, relations)
    floor = 0 if hide_zero else 1
    hidden: dict[Hashable, Hidden] = {
        key: "small" for key, count in cells.items() if floor <= count < min_count
    }
    by_cell: dict[Hashable, list[Relation]] = {}
    for relation in relations:
        for key in (relation.total, *relation.parts):
            by_cell.setdefault(key, []).append(relation)
    # Only relations touching a hidden cell can fail; re-check those touched by a new one.
    pending = {id(r): r for key in hidden for r in by_cell.get(key, ())}
    _enforce(pending, cells, hidden, by_cell, min_count)
    # Then the whole table: bounds carried from sum to sum may still pin a "< 5" cell.
    for round_ in itertools.count():
        pinned = _pinned(cells, relations, hidden, by_cell, min_count, floor)
        before = len(hidden)
        for key in pinned:
            # Gently one cell at a time; after a few rounds, every shown cell beside it,
            # so that a large sparse table ends in a few rounds too.
            extras = _neighbours(key, hidden, by_cell) if round_ >= GENTLE_ROUNDS else []
            best = _best_complement(key, cells, hidden, by_cell)
            for extra in (*extras, *([best] if best is not None else [])):
                if extra not in hidden:
                    hidden[extra] = "secondary"
                    pending.update((id(r), r) for r in by_cell.get(extra, ()))
        _enforce(pending, cells, hidden, by_cell, min_count)
        if len(hidden) == before:
            break
    return {key: Figure(count, hidden.get(key)) for key, count in cells.items()}


def _enforce(
    pending: dict[int, Relation],
    cells: Mapping[Any, int],
    hidden: dict[Hashable, Hidden],
    by_cell: Mapping[Hashable, list[Relation]],
    limit: int,
) -> None:
    """Hide second cells until no pending relation gives a hidden member away."""
    while pending:
        _, relation = pending.popitem()
        if not _leaks(relation, cells, hidden, limit):
            continue
        extra = _complement(relation, cells, hidden)
        if extra is None:
            continue  # every member is hidden already: nothing more can be done here
        hidden[extra] = "secondary"
        pending[id(relation)] = relation
        pending.update((id(r), r) for r in by_cell.get(extra, ()))


def _pinned(
    cells: Mapping[Any, int],
    relations: Sequence[Relation],
    hidden: Mapping[Hashable, Hidden],
    by_cell: Mapping[Hashable, list[Relation]],
    limit: int,
    floor: int,
) -> list[Hashable]:
    """Return the "< 5" cells whose value follows from carrying bounds through every sum.

    The reader's bounds: "< 5" is ``floor``–4; "x" is 0 or at least 5 (at least 5
    when zeros are hidden as small). Each sum narrows its members' bounds from the
    others' until nothing changes; a "< 5" cell narrowed to one value is pinned.
    """
    big = sum(cells.values())
    low = {key: cells[key] for key in cells}
    high = dict(low)
    for key, hidden_as in hidden.items():
        low[key], high[key] = (floor, limit - 1) if hidden_as == "small" else (0, big)
    queue = {id(r): r for key in hidden for r in by_cell.get(key, ())}
    budget = SWEEPS * max(len(relations), 1)
    while queue and budget > 0:
        budget -= 1
        _, relation = queue.popitem()
        parts = relation.parts
        sum_low = sum([low[p] for p in parts])
        sum_high = sum([high[p] for p in parts])
        total = relation.total
        for key in (total, *parts):
            kind = hidden.get(key)
            if kind is None:
                continue
            old_low, old_high = low[key], high[key]
            if key == total:
                new_low, new_high = max(old_low, sum_low), min(old_high, sum_high)
            else:
                new_low = max(old_low, low[total] - (sum_high - old_high))
                new_high = min(old_high, high[total] - (sum_low - old_low))
            if kind == "secondary":
                # A second cell is never 1–4 (those show "< 5"); with hidden zeros never 0.
                if new_low > 0 or floor == 0:
                    new_low = max(new_low, limit)
                if new_high < limit:
                    new_high = 0
            if (new_low != old_low or new_high != old_high) and new_low <= new_high:
                low[key], high[key] = new_low, new_high
                if key != total:
                    sum_low += new_low - old_low
                    sum_high += new_high - old_high
                queue.update((id(r), r) for r in by_cell.get(key, ()))
    return [k for k, kind in hidden.items() if kind == "small" and low[k] == high[k]]


def _neighbours(
    key: Hashable, hidden: Mapping[Hashable, Hidden], by_cell: Mapping[Hashable, list[Relation]]
) -> list[Hashable]:
    """Return every shown cell that shares a sum with ``key``."""
    return [
        member
        for relation in by_cell.get(key, ())
        for member in (relation.total, *relation.parts)
        if member not in hidden
    ]


def _best_complement(
    key: Hashable,
    cells: Mapping[Any, int],
    hidden: Mapping[Hashable, Hidden],
    by_cell: Mapping[Hashable, list[Relation]],
) -> Hashable | None:
    """Return the cheapest shown cell in any sum with ``key``: least above 0, then a 0."""
    candidates = [
        member
        for relation in by_cell.get(key, ())
        for member in (relation.total, *relation.parts)
        if member not in hidden
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: (cells[m] == 0, cells[m]))


def _check(cells: Mapping[Any, int], relations: Sequence[Relation]) -> None:
    for key, count in cells.items():
        if count < 0:
            raise SuppressionError(f"Antalet i {key!r} är negativt.")
    for relation in relations:
        members = (relation.total, *relation.parts)
        missing = [key for key in members if key not in cells]
        if missing:
            raise SuppressionError(f"Summan {relation.total!r} saknar cellen {missing[0]!r}.")
        if cells[relation.total] != sum(cells[p] for p in relation.parts):
            raise SuppressionError(f"Delarna summerar inte till {relation.total!r}.")


def _leaks(
    relation: Relation, cells: Mapping[Any, int], hidden: Mapping[Hashable, Hidden], limit: int
) -> bool:
    """Tell whether a hidden "< 5" member of the relation can be worked out from it."""
    members = [key for key in (relation.total, *relation.parts) if key in hidden]
    if len(members) == 1:
        return True
    known = sum(cells[p] for p in relation.parts if p not in hidden)
    parts = [p for p in relation.parts if p in hidden]
    # Every hidden "< 5" part stands in the same place in the sum: checking one checks all.
    small_parts = [p for p in parts if hidden[p] == "small"][:1]
    small_total = [relation.total] if hidden.get(relation.total) == "small" else []
    for member in (*small_parts, *small_total):
        possible = sum(
            1
            for v in range(1, limit)
            if _feasible(relation, member, v, parts, known, hidden, cells, limit)
        )
        if possible <= 1:
            return True
    return False


def _feasible(
    relation: Relation,
    member: Hashable,
    value: int,
    parts: Sequence[Hashable],
    known: int,
    hidden: Mapping[Hashable, Hidden],
    cells: Mapping[Any, int],
    limit: int,
) -> bool:
    """Tell whether ``member`` may hold ``value`` given the relation and the reader's bounds."""
    if member == relation.total:
        return _reachable(value - known, [hidden[p] for p in parts], limit)
    others = [hidden[p] for p in parts if p != member]
    if relation.total not in hidden:
        return _reachable(cells[relation.total] - known - value, others, limit)
    if hidden[relation.total] == "small":
        return any(_reachable(t - known - value, others, limit) for t in range(1, limit))
    if "secondary" in others:
        return True  # a large hidden total can always be matched by a large hidden part
    high = len(others) * (limit - 1) + known + value
    return any(
        _reachable(t - known - value, others, limit)
        for t in (0, *range(limit, max(limit, high) + 1))
    )


def _reachable(target: int, others: Sequence[Hidden], limit: int) -> bool:
    """Tell whether hidden cells of these kinds can add up to ``target``."""
    small = sum(1 for kind in others if kind == "small")
    low, high = small, small * (limit - 1)
    if len(others) == small:
        return low <= target <= high
    # Secondary cells hold 0 or at least ``limit``; together they reach 0 or any sum ≥ limit.
    return low <= target <= high or target >= low + limit


def _complement(
    relation: Relation, cells: Mapping[Any, int], hidden: Mapping[Hashable, Hidden]
) -> Hashable | None:
    """Pick the shown member whose hiding loses least: the smallest part above 0, the total, a 0.

    A hidden 0 protects weakly (the reader may guess it is 0), so it is the last resort.
    """
    shown = [p for p in relation.parts if p not in hidden]
    positive = sorted((p for p in shown if cells[p] > 0), key=lambda p: cells[p])
    if positive:
        return positive[0]
    if relation.total not in hidden and cells[relation.total] > 0:
        return relation.total
    return shown[0] if shown else None


def grid_relations(
    rows: Sequence[str], columns: Sequence[str], total: str = "total"
) -> tuple[dict[tuple[str, str], None], list[Relation]]:
    """Return the keys and relations of a grid with row, column and grand totals.

    Cells are ``(row, column)``; margins are ``(row, total)``, ``(total, column)``
    and ``(total, total)``.
    """
    keys: dict[tuple[str, str], None] = {}
    relations: list[Relation] = []
    for row in (*rows, total):
        parts = tuple((row, column) for column in columns)
        keys.update(dict.fromkeys((*parts, (row, total))))
        relations.append(Relation((row, total), parts))
    for column in (*columns, total):
        relations.append(Relation((total, column), tuple((row, column) for row in rows)))
    return keys, relations


def suppress_grid(
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    total: str = "total",
    hide_zero: bool = False,
) -> dict[tuple[str, str], Figure]:
    """Add margins to a two-way table of counts and suppress it; missing cells are 0."""
    keys, relations = grid_relations(rows, columns, total)
    cells: dict[tuple[str, str], int] = dict.fromkeys(keys, 0)
    for (row, column), count in counts.items():
        if (row, column) not in keys:
            raise SuppressionError(f"Cellen {(row, column)!r} hör inte till tabellen.")
        cells[(row, column)] += count
        cells[(row, total)] += count
        cells[(total, column)] += count
        cells[(total, total)] += count
    figures = suppress(cells, relations, hide_zero=hide_zero)
    return {key: figures[key] for key in keys}
