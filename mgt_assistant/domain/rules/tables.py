"""Parse decision tables from ``rules/recommendations/*.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, cast

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.case import CASE_INPUTS, INPUT_LABELS
from mgt_assistant.domain.rules.cells import ANY, CellError, Condition, ValueT, expand, parse_cell
from mgt_assistant.domain.rules.model import (
    HIT_POLICIES,
    TABLE_STATUSES,
    Column,
    DecisionTable,
    Governance,
    Row,
    TableStatus,
)
from mgt_assistant.domain.rules.parsing import Sink, integer, items, mapping, text, unknown_keys
from mgt_assistant.domain.yaml_strict import LocatedDict

_TABLE_KEYS: Final = {
    "table",
    "label",
    "version",
    "status",
    "approved_by",
    "approved_on",
    "minutes",
    "effective_from",
    "hit_policy",
    "inputs",
    "rows",
}
# Whole-number columns and the values a case can have, used when none is declared.
INTEGER_RANGES: Final[Mapping[str, tuple[int, int]]] = {
    "age": (0, 130),
    "severity": (1, 5),
    "need_party_count": (0, 5),
}


@dataclass(frozen=True)
class Vocabulary:
    """The ids a table may name: needs, parties, income sources."""

    taxonomy: NeedTaxonomy
    income_sources: frozenset[str]

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


def _date(data: LocatedDict, key: str, file: str, sink: Sink, required: bool) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        sink.error(file, data.line_of(key), f"'{key}' måste vara ett datum ÅÅÅÅ-MM-DD")
        return ""


def _governance(root: LocatedDict, file: str, sink: Sink) -> Governance:
    status = text(root, "status", file, sink)
    if status not in TABLE_STATUSES:
        sink.error(
            file,
            root.line_of("status"),
            f"okänd status '{status}' (kända: {', '.join(TABLE_STATUSES)})",
        )
        status = "draft"
    approved = status == "approved"
    # An approved table must say who approved it, when, and where it is minuted.
    return Governance(
        version=text(root, "version", file, sink),
        status=cast(TableStatus, status),
        approved_by=text(root, "approved_by", file, sink, required=approved),
        approved_on=_date(root, "approved_on", file, sink, approved),
        minutes=text(root, "minutes", file, sink, required=approved),
        effective_from=_date(root, "effective_from", file, sink, True),
    )


def _column(raw: LocatedDict, file: str, sink: Sink) -> Column | None:
    unknown_keys(raw, {"id", "type", "label", "missing", "min", "max"}, file, sink)
    column_id, column_type = text(raw, "id", file, sink), text(raw, "type", file, sink)
    if column_id not in CASE_INPUTS:
        sink.error(
            file,
            raw.line_of("id"),
            f"okänd indatakolumn '{column_id}' (kända: {', '.join(CASE_INPUTS)})",
        )
        return None
    if column_type != CASE_INPUTS[column_id]:
        sink.error(
            file,
            raw.line_of("type"),
            f"kolumnen '{column_id}' har typen {CASE_INPUTS[column_id]}, inte '{column_type}'",
        )
        return None
    missing = raw.get("missing", "no_match")
    if missing not in ("no_match", "match"):
        sink.error(file, raw.line_of("missing"), "'missing' måste vara no_match eller match")
        missing = "no_match"
    low, high = INTEGER_RANGES.get(column_id, (0, 0))
    declared_low = integer(raw, "min", file, sink, required=False)
    declared_high = integer(raw, "max", file, sink, required=False)
    label = text(raw, "label", file, sink, required=False) or INPUT_LABELS[column_id]
    is_int = column_type == "integer"
    return Column(
        column_id,
        column_type,
        label,
        missing,
        (declared_low if declared_low is not None else low) if is_int else None,
        (declared_high if declared_high is not None else high) if is_int else None,
        raw.line,
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
    raw: LocatedDict, columns: tuple[Column, ...], vocabulary: Vocabulary, file: str, sink: Sink
) -> Row:
    unknown_keys(raw, {"id", "when", "then", "why", "always"}, file, sink)
    always = raw.get("always", False)
    if not isinstance(always, bool):
        sink.error(file, raw.line_of("always"), "'always' måste vara true eller false")
    when = raw.get("when")
    found = None if when is None else mapping(when, file, raw.line_of("when"), "'when'", sink)
    when_map = found if found is not None else _empty(raw.line)
    conditions, lines = _cells(when_map, columns, vocabulary, file, sink)
    then = mapping(raw.get("then"), file, raw.line_of("then"), "'then'", sink)
    intervention, priority, output_line = "", 1, raw.line_of("then")
    if then is not None:
        unknown_keys(then, {"intervention", "priority"}, file, sink)
        intervention = text(then, "intervention", file, sink)
        priority = integer(then, "priority", file, sink, required=False) or 1
        output_line = then.line_of("intervention")
        if not 1 <= priority <= 99:
            sink.error(file, then.line_of("priority"), "'priority' måste vara 1–99 (1 = högst)")
    return Row(
        id=text(raw, "id", file, sink),
        conditions=conditions,
        intervention=intervention,
        priority=priority,
        why=text(raw, "why", file, sink),
        line=raw.line,
        output_line=output_line,
        cell_lines=lines,
        always=always is True,
    )


def parse_table(data: Any, file: str, vocabulary: Vocabulary, sink: Sink) -> DecisionTable | None:
    """Read one decision table; record every fault and return None if unusable."""
    root = mapping(data, file, 1, "filen", sink)
    if root is None:
        return None
    unknown_keys(root, _TABLE_KEYS, file, sink)
    policy = text(root, "hit_policy", file, sink)
    if policy not in HIT_POLICIES:
        sink.error(
            file,
            root.line_of("hit_policy"),
            f"okänd träffpolicy '{policy}' (kända: {', '.join(HIT_POLICIES)})",
        )
        return None
    columns: list[Column] = []
    for raw, line in items(root, "inputs", file, sink):
        column = _column(raw, file, sink)
        if column is not None and any(c.id == column.id for c in columns):
            sink.error(file, line, f"kolumnen '{column.id}' är deklarerad två gånger")
        elif column is not None:
            columns.append(column)
    rows: list[Row] = []
    for raw, line in items(root, "rows", file, sink):
        row = _row(raw, tuple(columns), vocabulary, file, sink)
        if any(r.id == row.id for r in rows):
            first = next(r.line for r in rows if r.id == row.id)
            sink.error(file, line, f"rad-id '{row.id}' finns redan (rad {first})", "duplicate-row")
        rows.append(row)
    return DecisionTable(
        id=text(root, "table", file, sink),
        label=text(root, "label", file, sink),
        file=file,
        line=root.line,
        governance=_governance(root, file, sink),
        hit_policy=policy,
        columns=tuple(columns),
        rows=tuple(rows),
    )
