"""A brute-force reader: every value a hidden cell can take given the published table."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from mgt_assistant.domain.followup.suppression import Figure, Relation


def possible_values(
    figures: Mapping[Any, Figure], relations: Sequence[Relation], key: Hashable
) -> set[int]:
    """Return every value ``key`` can take for a reader who knows the published table.

    The reader knows the method: "< 5" is 1–4 and "x" is 0 or at least 5. A
    backtracking search assigns hidden cells, forcing any cell that is the last
    unknown of a sum, and checks every sum.
    """
    bound = max(f.count for f in figures.values()) + 1
    domains = {
        k: set(range(1, 5)) if f.hidden == "small" else {0, *range(5, bound)}
        for k, f in figures.items()
        if f.hidden
    }
    found: set[int] = set()

    def propagate(values: dict[Hashable, int]) -> dict[Hashable, int] | None:
        values = dict(values)
        changed = True
        while changed:
            changed = False
            for relation in relations:
                members = (relation.total, *relation.parts)
                unknown = [m for m in members if m not in values]
                if len(unknown) > 1:
                    continue
                parts = sum(values[p] for p in relation.parts if p in values)
                if not unknown:
                    if values[relation.total] != parts:
                        return None
                    continue
                cell = unknown[0]
                forced = parts if cell == relation.total else values[relation.total] - parts
                if forced not in domains[cell]:
                    return None
                values[cell] = forced
                changed = True
        return values

    def search(values: dict[Hashable, int]) -> None:
        settled = propagate(values)
        if settled is None:
            return
        open_cells = sorted((k for k in domains if k not in settled), key=lambda k: len(domains[k]))
        if not open_cells:
            found.add(settled[key])
            return
        cell = open_cells[0]
        for value in sorted(domains[cell]):
            search({**settled, cell: value})

    search({k: f.count for k, f in figures.items() if not f.hidden})
    return found
