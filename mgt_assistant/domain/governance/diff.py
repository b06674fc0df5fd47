"""Semantic diff of two rule sets: what changed in meaning, in plain Swedish, not a text diff.

Rows are matched by id, catalogue entries by id, scenarios by name. The common
changes have hand-written phrasing; any other field of the parsed model is
compared generically (``changes.walk``) so new fields show up without code here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from mgt_assistant.domain.governance.changes import (
    Change,
    RuleSetDiff,
    Section,
    cell_text,
    shorten,
    walk,
    walk_mapping,
    walk_other_fields,
)
from mgt_assistant.domain.governance.lexicon_diff import lexicon_changes
from mgt_assistant.domain.governance.plan_diff import (
    alert_changes,
    alternative_changes,
    plan_limit_changes,
)
from mgt_assistant.domain.rules.cells import ANY, Condition
from mgt_assistant.domain.rules.model import HIT_POLICY_SV, DecisionTable, Row, RuleSet
from mgt_assistant.domain.target_group import Limits

MISSING_SV: Final[Mapping[str, str]] = {"no_match": "ingen träff", "match": "träff"}
# RuleSet fields with their own section below; any other field is compared generically.
_HANDLED: Final = frozenset(
    {
        "hash",
        "taxonomy",
        "lexicon",
        "partners",
        "interventions",
        "tables",
        "outcomes",
        "target_group",
        "scenarios",
        "files",
        "plan_limits",
        "alert_routes",
        "alternatives",
    }
)
# Row fields phrased by hand; any other row field is compared generically.
_ROW_HANDLED: Final = frozenset({"id", "conditions", "intervention", "priority", "why", "always"})
# Table fields phrased by hand.
_TABLE_HANDLED: Final = frozenset({"id", "rows", "columns", "hit_policy"})


def _cells(table: DecisionTable, row: Row) -> dict[str, Condition]:
    return {column.id: cond for column, cond in zip(table.columns, row.conditions, strict=True)}


def _when(table: DecisionTable, row: Row) -> str:
    """Describe a row's conditions: 'behov economy.debt, ålder 18–29'."""
    parts = [
        f"{column.label} {cell_text(cond)}"
        for column, cond in zip(table.columns, row.conditions, strict=True)
        if not cond.is_any
    ]
    text = ", ".join(parts) or "alla ärenden"
    # A row that applies to every case on purpose says so (the linter requires it).
    return f"{text} (always: true)" if row.always else text


def _policy(policy: str) -> str:
    words = HIT_POLICY_SV.get(policy)
    return f"{words} ({policy})" if words else policy


def _same_cell(old: Condition, new: Condition) -> bool:
    """Tell whether two cells accept the same values, however they are written."""
    return (old.any_value, old.values, old.intervals, old.accepts_missing) == (
        new.any_value,
        new.values,
        new.intervals,
        new.accepts_missing,
    )


def _row_summary(table: DecisionTable, row: Row) -> str:
    return f"{_when(table, row)} → {row.intervention} (prioritet {row.priority})"


def _row_changes(
    old_t: DecisionTable, new_t: DecisionTable, old: Row, new: Row
) -> Iterator[Change]:
    rid = new.id
    old_cells, new_cells = _cells(old_t, old), _cells(new_t, new)
    labels = {c.id: c.label for c in (*old_t.columns, *new_t.columns)}
    for column_id in dict.fromkeys([*old_cells, *new_cells]):
        old_cell, new_cell = old_cells.get(column_id, ANY), new_cells.get(column_id, ANY)
        before, after = cell_text(old_cell), cell_text(new_cell)
        # Same words: a changed column default ("okänt värde") is reported once, on the column.
        if before != after and not _same_cell(old_cell, new_cell):
            where = f"{new_t.id}/{rid}/{column_id}"
            text = f"{rid}: {labels[column_id]} {before} → {after}"
            yield Change("changed", where, before, after, text)
    if old.intervention != new.intervention:
        text = f"{rid}: insats {old.intervention} → {new.intervention}"
        yield Change(
            "changed", f"{new_t.id}/{rid}/intervention", old.intervention, new.intervention, text
        )
    if old.priority != new.priority:
        before, after = str(old.priority), str(new.priority)
        text = f"{rid}: prioritet {before} → {after}"
        yield Change("changed", f"{new_t.id}/{rid}/priority", before, after, text)
    if old.always != new.always:
        before, after = ("nej", "ja") if new.always else ("ja", "nej")
        text = (
            f"{rid}: markerad att gälla alla ärenden (always: true)"
            if new.always
            else f"{rid}: inte längre markerad att gälla alla ärenden (always: false)"
        )
        yield Change("changed", f"{new_t.id}/{rid}/always", before, after, text)
    if " ".join(old.why.split()) != " ".join(new.why.split()):
        text = f"{rid}: motiveringen ändrad till ”{shorten(new.why)}”"
        yield Change("changed", f"{new_t.id}/{rid}/why", old.why, new.why, text)
    yield from walk_other_fields(rid, old, new, _ROW_HANDLED, f"{new_t.id}/{rid}")


def _column_changes(old_t: DecisionTable, new_t: DecisionTable) -> Iterator[Change]:
    old_cols = {c.id: c for c in old_t.columns}
    new_cols = {c.id: c for c in new_t.columns}
    for cid, col in new_cols.items():
        if cid not in old_cols:
            text = f"ny kolumn {col.label} ({cid})"
            yield Change("added", f"{new_t.id}/columns/{cid}", None, col.label, text)
    for cid, col in old_cols.items():
        if cid not in new_cols:
            text = f"kolumnen {col.label} ({cid}) borttagen"
            yield Change("removed", f"{new_t.id}/columns/{cid}", col.label, None, text)
    for cid in (c for c in new_cols if c in old_cols):
        old, new = old_cols[cid], new_cols[cid]
        if old.missing != new.missing:
            before = MISSING_SV.get(old.missing, old.missing)
            after = MISSING_SV.get(new.missing, new.missing)
            text = f"kolumnen {new.label}: okänt värde ger {before} → {after}"
            yield Change("changed", f"{new_t.id}/columns/{cid}/missing", before, after, text)
        yield from walk_other_fields(
            f"kolumnen {new.label}", old, new, ("id", "missing"), f"{new_t.id}/columns/{cid}"
        )
    shared = [c for c in new_cols if c in old_cols]
    if [c for c in old_cols if c in new_cols] != shared:
        text = "kolumnordningen ändrad: " + ", ".join(shared)
        yield Change("changed", f"{new_t.id}/columns", None, ", ".join(shared), text)


def table_changes(old: DecisionTable, new: DecisionTable) -> list[Change]:
    """Return the changes to one decision table: policy, columns, rows, header."""
    changes: list[Change] = []
    if old.hit_policy != new.hit_policy:
        before, after = _policy(old.hit_policy), _policy(new.hit_policy)
        text = f"träffpolicy: {before} → {after}"
        changes.append(Change("changed", f"{new.id}/hit_policy", before, after, text))
    changes.extend(_column_changes(old, new))
    changes.extend(walk_other_fields("tabellen", old, new, _TABLE_HANDLED, new.id))
    old_rows = {r.id: r for r in old.rows}
    new_rows = {r.id: r for r in new.rows}
    for row in new.rows:
        if row.id not in old_rows:
            summary = _row_summary(new, row)
            text = f"ny rad {row.id}: {summary}"
            changes.append(Change("added", f"{new.id}/{row.id}", None, summary, text))
    for row in old.rows:
        if row.id not in new_rows:
            summary = _row_summary(old, row)
            text = f"rad {row.id} borttagen (var: {summary})"
            changes.append(Change("removed", f"{new.id}/{row.id}", summary, None, text))
    for row in new.rows:
        if row.id in old_rows:
            changes.extend(_row_changes(old, new, old_rows[row.id], row))
    old_order = ", ".join(r.id for r in old.rows if r.id in new_rows)
    new_order = ", ".join(r.id for r in new.rows if r.id in old_rows)
    if old_order != new_order:
        text = f"radordningen ändrad: {old_order} → {new_order}"
        changes.append(Change("changed", f"{new.id}/order", old_order, new_order, text))
    return changes


def _target_group(old: Limits, new: Limits) -> Iterator[Change]:
    if (old.min_age, old.max_age) != (new.min_age, new.max_age):
        before, after = f"{old.min_age}–{old.max_age}", f"{new.min_age}–{new.max_age}"
        yield Change(
            "changed", "target_group/age", before, after, f"målgrupp: ålder {before} → {after}"
        )
    if old.min_parties != new.min_parties:
        before, after = str(old.min_parties), str(new.min_parties)
        text = f"målgrupp: behov hos minst {before} → {after} parter"
        yield Change("changed", "target_group/min_parties", before, after, text)
    handled = ("min_age", "max_age", "min_parties")
    yield from walk_other_fields("målgrupp", old, new, handled, "target_group")


def _ruleset_changes(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    if old.version != new.version:
        text = f"version {old.version} → {new.version}"
        yield Change("changed", "version", old.version, new.version, text)
    if old.label != new.label:
        yield Change(
            "changed", "label", old.label, new.label, f"benämning ändrad till ”{new.label}”"
        )
    yield from _target_group(old.target_group, new.target_group)
    yield from plan_limit_changes(old.plan_limits, new.plan_limits)
    handled = _HANDLED | {"version", "label"}
    yield from walk_other_fields("regeluppsättningen", old, new, handled, "ruleset")


def _catalogue(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    for iid, item in new.interventions.items():
        if iid not in old.interventions:
            after = f"{item.name} ({item.party}, {item.phase})"
            yield Change("added", f"catalogue/{iid}", None, after, f"ny insats {iid}: {after}")
    for iid, item in old.interventions.items():
        if iid not in new.interventions:
            text = f"insats {iid} borttagen ({item.name})"
            yield Change("removed", f"catalogue/{iid}", item.name, None, text)
    for iid, item in new.interventions.items():
        if iid in old.interventions:
            yield from walk(iid, old.interventions[iid], item, at=f"catalogue/{iid}")


def _needs(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    before = {d.id: d for d in old.taxonomy.domains}
    after = {d.id: d for d in new.taxonomy.domains}
    yield from walk_other_fields("behov", old.taxonomy, new.taxonomy, ("domains",), "needs")
    yield from walk_mapping(
        "behovsområden",
        {k: v for k, v in before.items() if k not in after},
        {k: v for k, v in after.items() if k not in before},
        at="needs",
    )
    for domain_id, domain in after.items():
        if domain_id in before:
            head = f"behovsområdet {domain_id}"
            yield from walk(head, before[domain_id], domain, at=f"needs/{domain_id}")


def _partners(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    shared = {p: new.partners[p] for p in new.partners if p in old.partners}
    yield from walk_mapping(
        "parter",
        {p: v for p, v in old.partners.items() if p not in shared},
        {p: v for p, v in new.partners.items() if p not in shared},
        at="partners",
    )
    for pid, partner in shared.items():
        yield from walk(f"{partner.name} ({pid})", old.partners[pid], partner, at=f"partners/{pid}")


def _scenarios(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    before = {s.name: s for s in old.scenarios}
    after = {s.name: s for s in new.scenarios}
    for name in sorted(after.keys() - before.keys()):
        yield Change("added", f"scenario/{name}", None, name, f"nytt scenario ”{name}”")
    for name in sorted(before.keys() - after.keys()):
        yield Change("removed", f"scenario/{name}", name, None, f"scenariot ”{name}” borttaget")
    for name in sorted(before.keys() & after.keys()):
        yield from walk(f"scenariot ”{name}”", before[name], after[name], at=f"scenario/{name}")


def _files(old: RuleSet, new: RuleSet) -> Iterator[Change]:
    for name in sorted(set(new.files) - set(old.files)):
        yield Change("added", f"files/{name}", None, name, f"ny fil {name}")
    for name in sorted(set(old.files) - set(new.files)):
        yield Change("removed", f"files/{name}", name, None, f"filen {name} borttagen")


def _table_sections(old: RuleSet, new: RuleSet) -> Iterator[Section]:
    old_tables = {t.id: t for t in old.tables}
    new_tables = {t.id: t for t in new.tables}
    for table in new.tables:
        title = f"Tabell {table.label} ({table.id})"
        if table.id not in old_tables:
            rows = [
                Change(
                    "added",
                    f"{table.id}/{r.id}",
                    None,
                    _row_summary(table, r),
                    f"ny rad {r.id}: {_row_summary(table, r)}",
                )
                for r in table.rows
            ]
            head = f"ny tabell ({_policy(table.hit_policy)}, {len(table.rows)} rader)"
            yield Section(
                f"table:{table.id}",
                title,
                (Change("added", table.id, None, table.label, head), *rows),
            )
            continue
        found = table_changes(old_tables[table.id], table)
        if found:
            yield Section(f"table:{table.id}", title, tuple(found))
    for table in old.tables:
        if table.id not in new_tables:
            text = f"tabellen borttagen ({len(table.rows)} rader)"
            change = Change("removed", table.id, table.label, None, text)
            yield Section(f"table:{table.id}", f"Tabell {table.label} ({table.id})", (change,))


def diff_rule_sets(old: RuleSet, new: RuleSet) -> RuleSetDiff:
    """Compare two rule sets in meaning; identical meaning gives no sections."""
    parts: list[tuple[str, str, Any]] = [
        ("ruleset", "Regeluppsättningen", _ruleset_changes(old, new)),
        (
            "alerts",
            "Akuta larm (alerts: i ruleset.yaml)",
            alert_changes(old.alert_routes, new.alert_routes),
        ),
        ("needs", "Behov (needs.yaml)", _needs(old, new)),
        ("lexicon", "Lexikon (lexicon.yaml)", lexicon_changes(old, new)),
        ("partners", "Parter och enheter", _partners(old, new)),
        (
            "outcomes",
            "Försörjning och resultatmål",
            walk("resultat", old.outcomes, new.outcomes, at="outcomes"),
        ),
        ("catalogue", "Insatskatalogen", _catalogue(old, new)),
        (
            "alternatives",
            "Alternativgrupper (alternatives: i interventions.yaml)",
            alternative_changes(old.alternatives, new.alternatives),
        ),
    ]
    sections = [Section(sid, title, tuple(found)) for sid, title, found in parts]
    sections.extend(_table_sections(old, new))
    sections.append(Section("scenarios", "Testscenarier", tuple(_scenarios(old, new))))
    sections.append(Section("files", "Filer", tuple(_files(old, new))))
    return RuleSetDiff(
        old.version,
        old.hash,
        new.version,
        new.hash,
        tuple(section for section in sections if section.changes),
    )
