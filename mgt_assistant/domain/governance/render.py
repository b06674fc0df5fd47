"""Plain-text and JSON forms of a rule-set diff and a replay report, for the CLI and storage."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from mgt_assistant.domain.governance.changes import RuleSetDiff
from mgt_assistant.domain.governance.replay import GroupChange, InterventionChange, ReplayReport

NO_DIFFERENCES = "Inga skillnader"


def _short(digest: str) -> str:
    return digest[:12]


def diff_text(diff: RuleSetDiff) -> str:
    """Render a diff as indented Swedish lines, one per change."""
    head = (
        f"Regeluppsättning {diff.old_version} ({_short(diff.old_hash)}) → "
        f"{diff.new_version} ({_short(diff.new_hash)})"
    )
    if diff.empty:
        note = ""
        if diff.old_hash != diff.new_hash:
            note = " i innebörd (filerna skiljer sig bara i kommentarer, ordning eller layout)"
        return f"{head}\n{NO_DIFFERENCES}{note}\n"
    lines = [head]
    for section in diff.sections:
        lines.append("")
        lines.append(section.title)
        lines.extend(f"  {change.text}" for change in section.changes)
    lines.append("")
    count = diff.count
    lines.append(f"{count} {'ändring' if count == 1 else 'ändringar'}")
    return "\n".join(lines) + "\n"


def to_document(value: Any) -> Any:
    """Turn a diff or replay report into plain JSON data (dataclasses, tuples, mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_document(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, RuleSetDiff):
            data |= {"empty": value.empty, "count": value.count}
        if isinstance(value, ReplayReport):
            data["scenarios_passed"] = value.scenarios_passed
        return data
    if isinstance(value, dict):
        return {str(k): to_document(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_document(v) for v in value]
    return value


def to_json(value: Any) -> str:
    """Serialise a diff or replay report as indented UTF-8 JSON."""
    return json.dumps(to_document(value), ensure_ascii=False, indent=2) + "\n"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{iid} {n}" for iid, n in counts.items())


def _intervention_lines(change: InterventionChange) -> list[str]:
    lines = [
        f"  {change.intervention} ({change.name}): +{change.added} / −{change.removed} ärenden"
    ]
    for title, examples in (
        ("tillkommer", change.added_examples),
        ("faller bort", change.removed_examples),
    ):
        for example in examples:
            lines.append(f"    {title} i ärende {example.case_id}: {example.summary}")
            lines.append(f"      före: {', '.join(example.before) or 'inga insatser'}")
            lines.append(f"      efter: {', '.join(example.after) or 'inga insatser'}")
            lines.extend(f"      orsak – {cause}" for cause in example.causes)
    return lines


def _group_lines(groups: tuple[GroupChange, ...]) -> list[str]:
    lines = []
    for group in groups:
        if not group.changed and not group.added and not group.removed:
            continue
        line = f"  {group.label}: {group.changed} av {group.cases} planer ändras"
        if group.added:
            line += f"; tillkommer: {_counts(group.added)}"
        if group.removed:
            line += f"; faller bort: {_counts(group.removed)}"
        lines.append(line)
    return lines or ["  inga ändringar"]


def replay_text(report: ReplayReport, *, examples: bool = True) -> str:
    """Render a replay report in Swedish for the CLI."""
    lines = [
        f"Omkörning: nuvarande {report.baseline_version} ({_short(report.baseline_hash)}) → "
        f"kandidat {report.candidate_version} ({_short(report.candidate_hash)})",
        f"{report.compared} av {report.cases} ärenden jämförda",
        f"  planutkast som ändras: {report.changed_plans} "
        f"({_percent(report.changed_plans, report.compared)})",
        f"  ärenden där insatser tillkommer eller faller bort: {report.changed_interventions}",
        f"  ärenden där målgruppskontrollen ändras: {report.target_group_changed}",
    ]
    if report.unreadable:
        lines.append(f"  kunde inte läsas: {len(report.unreadable)} ärenden, till exempel:")
        lines.extend(f"    {u.case_id} ({u.side}): {u.reason}" for u in report.unreadable[:10])
    lines += ["", "Insatser som tillkommer (+) eller faller bort (−)"]
    if not report.interventions:
        lines.append("  inga")
    for change in report.interventions:
        lines.extend(_intervention_lines(change) if examples else _intervention_lines(change)[:1])
    lines += ["", "Per behov", *_group_lines(report.by_need)]
    lines += ["", "Per remitterande part", *_group_lines(report.by_party)]
    lines += [
        "",
        f"Testscenarier i kandidaten: {report.scenarios_passed} av {len(report.scenarios)} "
        "gick igenom",
    ]
    for scenario in report.scenarios:
        if not scenario.passed:
            lines.append(f"  FEL {scenario.file}:{scenario.line} {scenario.name}")
            lines.extend(f"      {failure}" for failure in scenario.failures)
    return "\n".join(lines) + "\n"
