"""The semantic linter: findings about what rows match, not how cells are written.

Checks, each with a severity:

- references: unknown intervention, need, party, unit or income-source ids (error);
- UNIQUE tables: two rows that can match the same case (error);
- FIRST tables: a row an earlier row always pre-empts (warning);
- PRIORITY tables: a row a better-or-equal row always beats (warning);
- redundant rows giving the same intervention where another row already does (warning);
- conflicting rows: same intervention with different priorities, or equal priority
  in a PRIORITY table (warning);
- gaps: cases no row matches, with an example (warning; info for COLLECT);
- rows that propose an intervention the matched people can never be eligible for;
- needs no intervention addresses, interventions no row reaches (warning);
- COLLECT rows with no condition at all, unless marked ``always: true`` (error);
- work-track rows (main work track, matching, efterstöd) that do not require a
  work or studies need and the person inside the target group (error);
- rows no golden scenario covers (warning), tables not yet approved (info).
"""

from __future__ import annotations

from collections.abc import Sequence

from mgt_assistant.domain.rules.cells import ValueT
from mgt_assistant.domain.rules.model import Column, DecisionTable, RuleSet, Severity
from mgt_assistant.domain.rules.parsing import Sink
from mgt_assistant.domain.rules.space import (
    Cell,
    any_value,
    find_gaps,
    normalise,
    row_inside,
    rows_overlap,
    shared_value,
)
from mgt_assistant.domain.rules.tables import Vocabulary


def _show(value: ValueT | None) -> str:
    if value is None:
        return "okänd"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def _example(a: Sequence[Cell], b: Sequence[Cell], columns: Sequence[Column]) -> str:
    parts: list[str] = []
    for x, y, column in zip(a, b, columns, strict=True):
        found, value = shared_value(x, y)
        if found:
            text = _show(value)
        else:  # set-valued need column: the case holds one need from each row
            text = " + ".join(sorted({_show(any_value(x)), _show(any_value(y))}))
        if not (x.missing and y.missing and x.empty_values() and y.empty_values()) or found:
            parts.append(f"{column.label}={text}")
    return ", ".join(parts)


def _cells(table: DecisionTable, vocabulary: Vocabulary) -> list[list[Cell]]:
    domains = {
        column.id: frozenset[ValueT]({True, False})
        if column.type == "boolean"
        else frozenset[ValueT](vocabulary.known(column.type) or ())
        for column in table.columns
    }
    return [
        [
            normalise(cond, column, domains[column.id])
            for cond, column in zip(row.conditions, table.columns, strict=True)
        ]
        for row in table.rows
    ]


def _pair_findings(
    table: DecisionTable, cells: list[list[Cell]], later: int, earlier: int, sink: Sink
) -> None:
    a, b = table.rows[earlier], table.rows[later]
    columns, file = table.columns, table.file
    if not rows_overlap(cells[earlier], cells[later], columns):
        return
    if table.hit_policy == "UNIQUE":
        sink.error(
            file,
            b.line,
            f"UNIQUE: raderna {a.id} (rad {a.line}) och {b.id} kan gälla "
            f"samma ärende, t.ex. {_example(cells[earlier], cells[later], columns)}",
            "unique-overlap",
        )
        return
    inside = row_inside(cells[later], cells[earlier])
    if inside and table.hit_policy == "FIRST":
        sink.add(
            "warning",
            file,
            b.line,
            f"FIRST: raden {b.id} nås aldrig – {a.id} "
            f"(rad {a.line}) gäller först i alla fall där {b.id} gäller",
            "shadowed",
        )
    elif inside and table.hit_policy == "PRIORITY" and a.priority <= b.priority:
        sink.add(
            "warning",
            file,
            b.line,
            f"PRIORITY: raden {b.id} väljs aldrig – {a.id} "
            f"(rad {a.line}) gäller alltid också och har minst lika hög prioritet",
            "shadowed",
        )
    elif inside and a.intervention == b.intervention:
        sink.add(
            "warning",
            file,
            b.line,
            f"raden {b.id} är överflödig – {a.id} (rad {a.line}) "
            f"föreslår {a.intervention} i alla fall där {b.id} gäller",
            "redundant",
        )
    elif row_inside(cells[earlier], cells[later]) and a.intervention == b.intervention:
        sink.add(
            "warning",
            file,
            a.line,
            f"raden {a.id} är överflödig – {b.id} (rad {b.line}) "
            f"föreslår {a.intervention} i alla fall där {a.id} gäller",
            "redundant",
        )
    elif a.intervention == b.intervention and a.priority != b.priority:
        sink.add(
            "warning",
            file,
            b.line,
            f"konflikt: {a.id} och {b.id} ger {a.intervention} "
            f"med olika prioritet ({a.priority} och {b.priority}) för samma ärende",
            "conflict",
        )
    elif table.hit_policy == "PRIORITY" and a.priority == b.priority:
        sink.add(
            "warning",
            file,
            b.line,
            f"konflikt: {a.id} och {b.id} har samma prioritet "
            f"({a.priority}) men olika insatser – radordningen avgör, t.ex. "
            f"{_example(cells[earlier], cells[later], columns)}",
            "conflict",
        )


def _gap_findings(table: DecisionTable, cells: list[list[Cell]], sink: Sink) -> None:
    count, example, complete = find_gaps(table.rows, cells, table.columns)
    if not complete:
        sink.add(
            "info",
            table.file,
            table.line,
            f"tabellen {table.id} har för många kombinationer för luckanalys",
            "gap",
        )
        return
    if count and example is not None:
        shown = ", ".join(f"{column.label}={_show(example[column.id])}" for column in table.columns)
        severity: Severity = "info" if table.hit_policy == "COLLECT" else "warning"
        sink.add(
            severity,
            table.file,
            table.line,
            f"lucka: {count} kombinationer ger ingen rad i {table.id}, t.ex. {shown}",
            "gap",
        )


def _eligibility_findings(rule_set: RuleSet, table: DecisionTable, sink: Sink) -> None:
    at = table.column_index("age")
    for row in table.rows:
        intervention = rule_set.interventions.get(row.intervention)
        if intervention is None or at is None or not row.conditions[at].intervals:
            continue
        low = intervention.eligibility.min_age
        high = intervention.eligibility.max_age
        spans = row.conditions[at].intervals
        if all((low is not None and b < low) or (high is not None and a > high) for a, b in spans):
            sink.add(
                "warning",
                table.file,
                row.line,
                f"raden {row.id} gäller åldrar "
                f"({row.conditions[at].text}) där ingen är behörig till {row.intervention}",
                "never-eligible",
            )


def _requires_true(table: DecisionTable, row_conditions: Sequence[object], column: str) -> bool:
    at = table.column_index(column)
    if at is None:
        return False
    condition = row_conditions[at]
    return getattr(condition, "written", ()) == (True,)


def work_track(rule_set: RuleSet) -> frozenset[str]:
    """Return the interventions that are steps of the work track proper."""
    grouped = {
        iid
        for group in rule_set.alternatives
        if group.id == "huvudspar_arbete"
        for iid in group.order
    }
    return frozenset(
        grouped
        | {
            i.id
            for i in rule_set.interventions.values()
            if i.lane == "arbetsliv" and i.phase in ("matchning", "efterstod")
        }
    )


def _condition_findings(rule_set: RuleSet, table: DecisionTable, sink: Sink) -> None:
    track = work_track(rule_set)
    for row in table.rows:
        if (
            table.hit_policy == "COLLECT"
            and not row.always
            and all(condition.any_value for condition in row.conditions)
        ):
            sink.error(
                table.file,
                row.line,
                f"raden {row.id} saknar villkor och gäller alla ärenden – ange 'when' "
                "eller 'always: true' med ett 'why' som förklarar varför",
                "unconditioned",
            )
        if row.intervention in track and not (
            _requires_true(table, row.conditions, "work_need")
            and _requires_true(table, row.conditions, "in_target_group")
        ):
            sink.error(
                table.file,
                row.line,
                f"raden {row.id} föreslår {row.intervention} (arbetsspåret) men kräver inte "
                "work_need: true och in_target_group: true",
                "work-track",
            )


def lint_table(rule_set: RuleSet, table: DecisionTable, sink: Sink, *, gaps: bool = True) -> None:
    """Check one table's rows against each other, for gaps and against eligibility."""
    _condition_findings(rule_set, table, sink)
    vocabulary = Vocabulary(rule_set.taxonomy, frozenset(rule_set.outcomes.income_sources))
    cells = _cells(table, vocabulary)
    for later in range(len(table.rows)):
        for earlier in range(later):
            _pair_findings(table, cells, later, earlier, sink)
    if gaps:
        _gap_findings(table, cells, sink)
    _eligibility_findings(rule_set, table, sink)
    if table.governance.status != "approved":
        sink.add(
            "info",
            table.file,
            table.line,
            f"tabellen {table.id} är inte godkänd än (status {table.governance.status})",
            "governance",
        )


def lint_reach(rule_set: RuleSet, needs_file: str, sink: Sink) -> None:
    """Find needs no intervention addresses and interventions no row reaches."""
    addressed = {need for i in rule_set.interventions.values() for need in i.needs}
    for domain in rule_set.taxonomy.domains:
        for need_id, line in (
            (domain.id, domain.line),
            *((s.id, s.line) for s in domain.sub_needs),
        ):
            related = {need_id, domain.id} | (
                {s.id for s in domain.sub_needs} if need_id == domain.id else set()
            )
            if addressed.isdisjoint(related):
                sink.add(
                    "warning",
                    needs_file,
                    line,
                    f"ingen insats i katalogen avser behovet {need_id}",
                    "need-unaddressed",
                )
    reached = {
        row.intervention
        for table in rule_set.tables
        if table.governance.status != "retired"
        for row in table.rows
    }
    # Acute steps are reached through the alerts in ruleset.yaml, not through rows.
    reached |= {
        iid for route in rule_set.alert_routes.values() for iid in route.acute_interventions
    }
    for intervention in rule_set.interventions.values():
        if intervention.id not in reached:
            sink.add(
                "warning",
                intervention.file,
                intervention.line,
                f"ingen rad kan föreslå insatsen {intervention.id}",
                "unreachable",
            )


def lint_coverage(rule_set: RuleSet, fired: set[tuple[str, str]], sink: Sink) -> tuple[int, int]:
    """Warn about rows no golden scenario fires; return (covered, total)."""
    covered = total = 0
    for table in rule_set.tables:
        for row in table.rows:
            total += 1
            if (table.id, row.id) in fired:
                covered += 1
            else:
                sink.add(
                    "warning",
                    table.file,
                    row.line,
                    f"raden {row.id} täcks inte av något testscenario",
                    "uncovered",
                )
    return covered, total
