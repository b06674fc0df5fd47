"""Parse decision tables from ``rules/recommendations/*.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.case import CASE_INPUTS, INPUT_LABELS
from mgt_assistant.domain.rules.cells import (
    ANY,
    INTEGER_RANGES,
    CellError,
    Condition,
    ValueT,
    expand,
    parse_cell,
)
from mgt_assistant.domain.rules.model import (
    Column,
    DecisionTable,
    Governance,
    HitPolicy,
    Row,
    TableStatus,
)
from mgt_assistant.domain.rules.parsing import Sink, validated
from mgt_assistant.domain.rules.schema_tables import ColumnSpec, RowSpec, TableFile
from mgt_assistant.domain.yaml_strict import LocatedDict


# Whole-number columns and the values a case can have, used when none is declared.
@dataclass(frozen=True)
class Vocabulary:
    """The ids a table may name: needs, parties, income sources."""

    taxonomy: NeedTaxonomy
    # None when outcomes.yaml could not be read: income-source values go unchecked.
    income_sources: frozenset[str] | None

    def expand_need(self, need_id: str) -> frozenset[str]:
        """Return a need id with, for a domain, all of its sub-needs."""
        domain = self.taxonomy.domain(need_id)
        if domain is not None and domain.id == need_id:
            return frozenset({need_id, *(sub.id for sub in domain.sub_needs)})
        return frozenset({need_id})

    def known(self, column_type: str) -> frozenset[str] | None:
        """Return the closed set of values for a named-value type, or None."""
        if column_type == "party":
            return frozenset(PARTIES)
        if column_type == "income_source":
            return self.income_sources
        if column_type == "need":
            return frozenset(self.taxonomy.all_ids())
        return None


def _governance(spec: TableFile, file: str, sink: Sink) -> Governance:
    # An approved table must say who approved it, when, and where it is minuted.
    if spec.status == "approved":
        for key, value, what in (
            ("approved_by", spec.approved_by, "en icke-tom text"),
            ("approved_on", spec.approved_on, "ett datum ÅÅÅÅ-MM-DD"),
            ("minutes", spec.minutes, "en icke-tom text"),
        ):
            if value is None:
                sink.error(file, spec.line_of(key), f"'{key}' måste vara {what}")
    return Governance(
        version=spec.version,
        status=cast(TableStatus, spec.status),
        approved_by=spec.approved_by or "",
        approved_on=spec.approved_on or "",
        minutes=spec.minutes or "",
        effective_from=spec.effective_from,
    )


def _column(spec: ColumnSpec, file: str, sink: Sink) -> Column | None:
    if spec.type != CASE_INPUTS[spec.id]:
        sink.error(
            file,
            spec.line_of("type"),
            f"kolumnen '{spec.id}' har typen {CASE_INPUTS[spec.id]}, inte '{spec.type}'",
        )
        return None
    low, high = INTEGER_RANGES.get(spec.id, (0, 0))
    is_int = spec.type == "integer"
    return Column(
        spec.id,
        spec.type,
        spec.label or INPUT_LABELS[spec.id],
        cast(Literal["no_match", "match"], spec.missing),
        (spec.min if spec.min is not None else low) if is_int else None,
        (spec.max if spec.max is not None else high) if is_int else None,
        spec.line,
    )


def _check_values(
    condition: Condition, column: Column, vocabulary: Vocabulary, file: str, line: int, sink: Sink
) -> Condition:
    known = vocabulary.known(column.type)
    if known is None:
        return condition
    for value in condition.written:
        if value not in known:
            sink.error(file, line, f"okänt värde '{value}' i kolumnen {column.id}", "unknown-id")
    if column.type != "need":
        return condition
    expanded: set[ValueT] = set()
    for value in condition.written:
        expanded |= vocabulary.expand_need(str(value))
    return expand(condition, frozenset(expanded))


def _cells(
    when: LocatedDict, columns: tuple[Column, ...], vocabulary: Vocabulary, file: str, sink: Sink
) -> tuple[tuple[Condition, ...], tuple[int, ...]]:
    for key in when:
        if all(column.id != key for column in columns):
            sink.error(file, when.line_of(key), f"kolumnen '{key}' är inte deklarerad i 'inputs'")
    conditions: list[Condition] = []
    lines: list[int] = []
    for column in columns:
        line = when.line_of(column.id)
        try:
            condition = parse_cell(when.get(column.id), column.type)
        except CellError as error:
            sink.error(file, line, f"kolumnen {column.id}: {error}", "cell")
            condition = ANY
        condition = _check_values(condition, column, vocabulary, file, line, sink)
        if column.missing == "match":
            condition = condition.with_missing()
        conditions.append(condition)
        lines.append(line)
    return tuple(conditions), tuple(lines)


def _empty(line: int) -> LocatedDict:
    empty = LocatedDict()
    empty.line, empty.key_lines = line, {}
    return empty


def _row(
    spec: RowSpec, columns: tuple[Column, ...], vocabulary: Vocabulary, file: str, sink: Sink
) -> Row:
    when = spec.when if spec.when is not None else _empty(spec.line)
    conditions, lines = _cells(when, columns, vocabulary, file, sink)
    return Row(
        id=spec.id,
        conditions=conditions,
        intervention=spec.then.intervention,
        priority=spec.then.priority,
        why=spec.why,
        line=spec.line,
        output_line=spec.then.line_of("intervention"),
        cell_lines=lines,
        always=spec.always,
    )


def parse_table(data: Any, file: str, vocabulary: Vocabulary, sink: Sink) -> DecisionTable | None:
    """Read one decision table; record every fault and return None if unusable."""
    spec = validated(TableFile, data, file, sink)
    if spec is None:
        return None
    columns: list[Column] = []
    for raw in spec.inputs:
        column = _column(raw, file, sink)
        if column is not None and any(c.id == column.id for c in columns):
            sink.error(file, raw.line, f"kolumnen '{column.id}' är deklarerad två gånger")
        elif column is not None:
            columns.append(column)
    rows: list[Row] = []
    for raw_row in spec.rows:
        row = _row(raw_row, tuple(columns), vocabulary, file, sink)
        if any(r.id == row.id for r in rows):
            first = next(r.line for r in rows if r.id == row.id)
            sink.error(
                file, row.line, f"rad-id '{row.id}' finns redan (rad {first})", "duplicate-row"
            )
        rows.append(row)
    return DecisionTable(
        id=spec.table,
        label=spec.label,
        file=file,
        line=spec.line,
        governance=_governance(spec, file, sink),
        hit_policy=cast(HitPolicy, spec.hit_policy),
        columns=tuple(columns),
        rows=tuple(rows),
    )
