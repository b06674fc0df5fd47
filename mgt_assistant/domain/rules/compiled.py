"""Decision tables compiled for evaluation: one bit mask of rows per column value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.cells import ANY, Condition
from mgt_assistant.domain.rules.model import Column, DecisionTable, Row, RuleSet
from mgt_assistant.domain.rules.tables import INTEGER_RANGES


def _mask(conditions: Sequence[Condition], value: Any) -> int:
    """Return the bit mask of the rows whose condition accepts one value."""
    mask = 0
    for position, condition in enumerate(conditions):
        if condition.matches(value):
            mask |= 1 << position
    return mask


@dataclass(frozen=True)
class CompiledRow:
    position: int
    row: Row
    # The columns the row constrains, with the need values it accepts (for "inputs read").
    reads: tuple[tuple[str, frozenset[Any]], ...]
    key: tuple[str, str]
    need_values: frozenset[Any]
    cells: tuple[tuple[Column, Condition], ...]


class CompiledTable:
    """One table compiled into a bit mask of rows per column value.

    Bit *i* of a mask is set when row *i* accepts the value, so the rows a case
    matches are the AND of one mask per column – a few big-integer operations
    instead of a loop over every row and cell. The need masks double as the
    index of rows by need.
    """

    def __init__(self, table: DecisionTable, domains: Mapping[str, Sequence[Any]]) -> None:
        self.table = table
        self.rows = [
            CompiledRow(
                position,
                row,
                tuple(
                    (column.id, condition.values)
                    for column, condition in zip(table.columns, row.conditions, strict=True)
                    if not condition.is_any
                ),
                (table.id, row.id),
                _need_cell(table, row).values,
                tuple(
                    (column, condition)
                    for column, condition in zip(table.columns, row.conditions, strict=True)
                    if not condition.is_any
                ),
            )
            for position, row in enumerate(table.rows)
        ]
        self.all_rows = (1 << len(table.rows)) - 1
        self.has_need = table.column_index("need") is not None
        self.need_masks: dict[str, int] = {}
        self.need_any = self.need_missing = 0
        self.columns: list[tuple[str, dict[Any, int], list[Condition]]] = []
        for index, column in enumerate(table.columns):
            conditions = [row.conditions[index] for row in table.rows]
            if column.id == "need":
                self._index_needs(conditions)
            elif not all(condition.is_any for condition in conditions):
                masks = {v: _mask(conditions, v) for v in (*domains.get(column.id, ()), None)}
                self.columns.append((column.id, masks, conditions))

    def _index_needs(self, conditions: Sequence[Condition]) -> None:
        for position, condition in enumerate(conditions):
            bit = 1 << position
            if condition.any_value:
                self.need_any |= bit
            for value in condition.values:
                self.need_masks[str(value)] = self.need_masks.get(str(value), 0) | bit
            if condition.accepts_missing:
                self.need_missing |= bit

    def matching(self, values: Mapping[str, Any]) -> list[CompiledRow]:
        """Return, in table order, the rows whose every cell accepts the case's values."""
        needs = values["need"]
        if not self.has_need:
            mask = self.all_rows
        elif needs:
            mask = self.need_any
            for need in needs:
                mask |= self.need_masks.get(need, 0)
        else:
            mask = self.need_missing
        for column_id, masks, conditions in self.columns:
            if not mask:
                break
            value = values[column_id]
            found = masks.get(value)
            # A value outside the precomputed domain is rare: compute its mask on the spot.
            mask &= found if found is not None else _mask(conditions, value)
        rows = self.rows
        matched: list[CompiledRow] = []
        while mask:
            lowest = mask & -mask
            matched.append(rows[lowest.bit_length() - 1])
            mask ^= lowest
        return matched

    def select(self, matched: list[CompiledRow]) -> list[CompiledRow]:
        """Apply the hit policy to the matching rows."""
        if not matched or self.table.hit_policy == "COLLECT":
            return matched
        if self.table.hit_policy == "PRIORITY":
            return [min(matched, key=lambda r: (r.row.priority, r.position))]
        # FIRST, and UNIQUE where the linter guarantees at most one match.
        return matched[:1]


def _need_cell(table: DecisionTable, row: Row) -> Condition:
    at = table.column_index("need")
    return ANY if at is None else row.conditions[at]


def input_domains(rule_set: RuleSet) -> dict[str, Sequence[Any]]:
    """Return the values each non-need input column can take, for the row masks."""
    domains: dict[str, Sequence[Any]] = {
        column: range(low, high + 1) for column, (low, high) in INTEGER_RANGES.items()
    }
    domains["income_source"] = sorted(rule_set.outcomes.income_sources)
    domains["referrer_party"] = PARTIES
    for column in ("own_resources_tried", "consent_given", "work_need", "in_target_group"):
        domains[column] = (True, False)
    return domains
