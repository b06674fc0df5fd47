"""Token spans asked whether they hold another span, in logarithmic time.

The reader asks this for every match (is it inside a phrase the lexicon ignores, inside the
name of a service?); a scan over all spans per match grew with the square of a long text's
length (docs/benchmarks.md: no super-linear growth up to 20 000 characters).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Cover:
    """Spans of token positions, each ``(first, last)`` inclusive."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._firsts = [first for first, _ in ordered]
        # The furthest any span reaches among those that start at or before each one.
        self._reach: list[int] = []
        reach = -1
        for _, last in ordered:
            reach = last if last > reach else reach
            self._reach.append(reach)
        # The furthest a span reaches among those that start at a position.
        self._ends: dict[int, int] = {}
        for first, last in ordered:
            self._ends[first] = last

    def __bool__(self) -> bool:
        return bool(self._firsts)

    def holds(self, first: int, last: int) -> bool:
        """Tell whether some span starts at or before ``first`` and ends at or after ``last``."""
        before = bisect_right(self._firsts, first)
        return before > 0 and self._reach[before - 1] >= last

    def holds_strictly(self, first: int, last: int) -> bool:
        """Like ``holds``, but a span that is exactly ``(first, last)`` does not count."""
        before = bisect_left(self._firsts, first)
        if before > 0 and self._reach[before - 1] >= last:
            return True
        return self._ends.get(first, -1) > last
