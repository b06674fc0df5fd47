"""Read back a stored diff or replay report from its JSON form (``render.to_document``).

The web stores both with a rule-set version and renders them again at approval,
so the JSON must come back as the same typed objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mgt_assistant.domain.governance.changes import Change, RuleSetDiff, Section
from mgt_assistant.domain.governance.examples import ReplayExample
from mgt_assistant.domain.governance.replay import (
    GroupChange,
    InterventionChange,
    ReplayReport,
    ScenarioOutcome,
    UnreadableCase,
)


class DocumentError(ValueError):
    """A stored document that does not have the expected shape."""


def _get(data: Any, key: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise DocumentError(f"dokumentet saknar '{key}'")
    return data[key]


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def diff_from_document(data: Any) -> RuleSetDiff:
    """Rebuild a RuleSetDiff from ``to_document(diff)``."""
    sections = tuple(
        Section(
            _get(section, "id"),
            _get(section, "title"),
            tuple(
                Change(
                    _get(c, "kind"),
                    _get(c, "where"),
                    _get(c, "before"),
                    _get(c, "after"),
                    _get(c, "text"),
                )
                for c in _get(section, "changes")
            ),
        )
        for section in _get(data, "sections")
    )
    return RuleSetDiff(
        _get(data, "old_version"),
        _get(data, "old_hash"),
        _get(data, "new_version"),
        _get(data, "new_hash"),
        sections,
    )


def _example(data: Any) -> ReplayExample:
    return ReplayExample(
        _get(data, "case_id"),
        _get(data, "summary"),
        _strings(_get(data, "before")),
        _strings(_get(data, "after")),
        _strings(_get(data, "causes")),
        tuple((str(table), str(row)) for table, row in _get(data, "rows")),
    )


def _group(data: Any) -> GroupChange:
    return GroupChange(
        _get(data, "key"),
        _get(data, "label"),
        _get(data, "cases"),
        _get(data, "changed"),
        dict(_get(data, "added")),
        dict(_get(data, "removed")),
    )


def replay_from_document(data: Any) -> ReplayReport:
    """Rebuild a ReplayReport from ``to_document(report)``."""
    return ReplayReport(
        _get(data, "baseline_version"),
        _get(data, "baseline_hash"),
        _get(data, "candidate_version"),
        _get(data, "candidate_hash"),
        _get(data, "cases"),
        _get(data, "compared"),
        _get(data, "changed_plans"),
        _get(data, "changed_interventions"),
        _get(data, "target_group_changed"),
        tuple(
            InterventionChange(
                _get(c, "intervention"),
                _get(c, "name"),
                _get(c, "added"),
                _get(c, "removed"),
                tuple(_example(e) for e in _get(c, "added_examples")),
                tuple(_example(e) for e in _get(c, "removed_examples")),
            )
            for c in _get(data, "interventions")
        ),
        tuple(_group(g) for g in _get(data, "by_need")),
        tuple(_group(g) for g in _get(data, "by_party")),
        tuple(
            UnreadableCase(_get(u, "case_id"), _get(u, "side"), _get(u, "reason"))
            for u in _get(data, "unreadable")
        ),
        tuple(
            ScenarioOutcome(
                _get(s, "name"),
                _get(s, "file"),
                _get(s, "line"),
                _get(s, "passed"),
                _strings(_get(s, "failures")),
            )
            for s in _get(data, "scenarios")
        ),
    )
