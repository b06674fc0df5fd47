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
    backtracking search over the hidden cells checks every relation.
    """
    bound = max(f.count for f in figures.values()) + 1
    domains = {
        k: range(1, 5) if f.hidden == "small" else [0, *range(5, bound)]
        for k, f in figures.items()
        if f.hidden
    }
    order = sorted(domains, key=lambda k: len(domains[k]))
    found: set[int] = set()

    def consistent(values: dict[Hashable, int]) -> bool:
        for relation in relations:
            members = (relation.total, *relation.parts)
            done = all(m in values for m in members)
            if done and values[relation.total] != sum(values[p] for p in relation.parts):
                return False
        return True

    def search(values: dict[Hashable, int], index: int) -> None:
        if index == len(order):
            found.add(values[key])
            return
        cell = order[index]
        for value in domains[cell]:
            values[cell] = value
            if consistent(values):
                search(values, index + 1)
            del values[cell]

    shown = {k: f.count for k, f in figures.items() if not f.hidden}
    search(shown, 0)
    return found
