"""Decision tables compiled for evaluation: one bit mask of rows per column value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.cells import ANY, INTEGER_RANGES, Condition
from mgt_assistant.domain.rules.model import Column, DecisionTable, Row, RuleSet


def _mask(conditions: Sequence[Condition], value: Any) -> int:
    """Return the bit mask of the rows whose condition accepts one value."""
    mask = 0
    for position, condition in enumerate(conditions):
        if condition.matches(value):
            mask |= 1 << position
    return mask


@dataclass(frozen=True, slots=True)
class CompiledRow:
    position: int
    row: Row
    # The columns the row constrains, with the need values it accepts (for "inputs read").
    reads: tuple[tuple[str, frozenset[Any]], ...]
    key: tuple[str, str]
    need_values: frozenset[Any]
    cells: tuple[tuple[Column, Condition], ...]
    # Copied from the row: read for every matched row of every case.
    intervention: str
    priority: int
    why: str
    # Rows of one shape (the columns in ``reads``) that accept the same needs of a case
    # read alike: the evaluator renders their inputs once per case, keyed by these.
    shape: int
    need_bits: int


class CompiledTable:
    """One table compiled into a bit mask of rows per column value.

    Bit *i* of a mask is set when row *i* accepts the value, so the rows a case
    matches are the AND of one mask per column – a few big-integer operations
    instead of a loop over every row and cell. The need masks double as the
    index of rows by need.
    """

    def __init__(
        self,
        table: DecisionTable,
        domains: Mapping[str, Sequence[Any]],
        keys: RowKeys | None = None,
    ) -> None:
        self.table = table
        keys = keys if keys is not None else RowKeys()
        self.rows = [
            _compiled_row(table, position, row, keys) for position, row in enumerate(table.rows)
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
        # Highest bit first (bit_length needs no new integer), then back to table order.
        while mask:
            position = mask.bit_length() - 1
            matched.append(rows[position])
            mask ^= 1 << position
        matched.reverse()
        return matched

    def select(self, matched: list[CompiledRow]) -> list[CompiledRow]:
        """Apply the hit policy to the matching rows."""
        if not matched or self.table.hit_policy == "COLLECT":
            return matched
        if self.table.hit_policy == "PRIORITY":
            return [min(matched, key=lambda r: (r.row.priority, r.position))]
        # FIRST, and UNIQUE where the linter guarantees at most one match.
        return matched[:1]


class RowKeys:
    """One bit per need and one number per read shape, shared by a rule set's tables."""

    def __init__(self) -> None:
        self.need_bits: dict[str, int] = {}
        self.shapes: dict[tuple[str, ...], int] = {}

    def bits(self, needs: frozenset[Any]) -> int:
        """Return the bits of these needs, giving a need seen for the first time a new bit."""
        mask = 0
        for need in needs:
            mask |= self.need_bits.setdefault(str(need), 1 << len(self.need_bits))
        return mask

    def case_bits(self, needs: frozenset[str] | None) -> int | None:
        """Return the bits of a case's needs; None when one has no bit (no row reads it)."""
        mask = 0
        for need in needs or ():
            bit = self.need_bits.get(need)
            if bit is None:
                return None
            mask |= bit
        return mask


def _compiled_row(table: DecisionTable, position: int, row: Row, keys: RowKeys) -> CompiledRow:
    cells = tuple(
        (column, condition)
        for column, condition in zip(table.columns, row.conditions, strict=True)
        if not condition.is_any
    )
    columns = tuple(column.id for column, _condition in cells)
    need_values = _need_cell(table, row).values
    return CompiledRow(
        position,
        row,
        tuple((column.id, condition.values) for column, condition in cells),
        (table.id, row.id),
        need_values,
        cells,
        row.intervention,
        row.priority,
        row.why,
        keys.shapes.setdefault(columns, len(keys.shapes)),
        keys.bits(need_values),
    )


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
