"""Parse the plan's limits and alert routes (ruleset.yaml) and alternatives groups (catalogue)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mgt_assistant.domain.rules.facts import ALERT_KINDS
from mgt_assistant.domain.rules.model import AlertRoute, AlternativeGroup, Intervention, PlanLimits
from mgt_assistant.domain.rules.parsing import (
    Sink,
    integer,
    items,
    mapping,
    text,
    text_list,
    unknown_keys,
)
from mgt_assistant.domain.yaml_strict import LocatedDict

_LIMIT_KEYS = ("max_rows", "max_new_starts", "window_weeks", "max_delay_weeks")


def parse_plan_limits(root: LocatedDict | None, file: str, sink: Sink) -> PlanLimits:
    """Read ``plan:`` from ruleset.yaml; every limit must be a whole number 1–52."""
    if root is None or root.get("plan") is None:
        return PlanLimits()
    data = mapping(root.get("plan"), file, root.line_of("plan"), "'plan'", sink)
    if data is None:
        return PlanLimits()
    unknown_keys(data, set(_LIMIT_KEYS), file, sink)
    values: dict[str, int] = {}
    for key in _LIMIT_KEYS:
        value = integer(data, key, file, sink, required=False)
        if value is not None and not 1 <= value <= 52:
            sink.error(file, data.line_of(key), f"'plan.{key}' måste vara 1–52")
        elif value is not None:
            values[key] = value
    return PlanLimits(**values)


def parse_alert_routes(root: LocatedDict | None, file: str, sink: Sink) -> dict[str, AlertRoute]:
    """Read ``alerts:`` from ruleset.yaml: one route per alert kind, all kinds required."""
    routes: dict[str, AlertRoute] = {}
    if root is None or root.get("alerts") is None:
        return routes
    keys = {"kind", "label", "message", "route", "winter_message", "acute_interventions", "source"}
    for raw, line in items(root, "alerts", file, sink):
        unknown_keys(raw, keys, file, sink)
        kind = text(raw, "kind", file, sink)
        if kind not in ALERT_KINDS:
            sink.error(file, line, f"okänd larmtyp '{kind}' (kända: {', '.join(ALERT_KINDS)})")
            continue
        acute = text_list(raw, "acute_interventions", file, sink, required=False)
        routes[kind] = AlertRoute(
            kind,
            text(raw, "label", file, sink),
            text(raw, "message", file, sink),
            text(raw, "route", file, sink),
            text(raw, "winter_message", file, sink, required=False),
            tuple(i for i, _ in acute),
            text(raw, "source", file, sink),
        )
    for kind in ALERT_KINDS:
        if kind not in routes:
            sink.error(file, root.line_of("alerts"), f"larmtypen '{kind}' saknar väg i 'alerts'")
    return routes


def parse_alternatives(data: Any, file: str, sink: Sink) -> tuple[AlternativeGroup, ...]:
    """Read ``alternatives:`` from interventions.yaml (ids are checked with the catalogue)."""
    root = data if isinstance(data, LocatedDict) else None
    if root is None or root.get("alternatives") is None:
        return ()
    groups: list[AlternativeGroup] = []
    for raw, line in items(root, "alternatives", file, sink):
        unknown_keys(raw, {"id", "label", "order", "why"}, file, sink)
        order = tuple(i for i, _ in text_list(raw, "order", file, sink))
        if len(order) < 2:
            sink.error(file, line, "en alternativgrupp behöver minst två insatser i 'order'")
        groups.append(
            AlternativeGroup(
                text(raw, "id", file, sink),
                text(raw, "label", file, sink),
                order,
                text(raw, "why", file, sink),
                file,
                line,
            )
        )
    return tuple(groups)


def check_plan_references(
    interventions: Mapping[str, Intervention],
    routes: Mapping[str, AlertRoute],
    groups: tuple[AlternativeGroup, ...],
    sink: Sink,
) -> None:
    """Record errors for unknown intervention ids and ids in two groups."""
    seen: dict[str, str] = {}
    for group in groups:
        for iid in group.order:
            if iid not in interventions:
                sink.error(group.file, group.line, f"gruppen {group.id}: okänd insats '{iid}'")
            elif iid in seen:
                sink.error(group.file, group.line, f"'{iid}' ingår redan i gruppen {seen[iid]}")
            seen[iid] = group.id
    for route in routes.values():
        for iid in route.acute_interventions:
            if iid not in interventions:
                sink.error("ruleset.yaml", 1, f"larmet {route.kind}: okänd insats '{iid}'")
