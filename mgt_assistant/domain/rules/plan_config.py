"""Plan limits and alert routes (ruleset.yaml), alternatives groups (catalogue), and their ids."""

from __future__ import annotations

from collections.abc import Mapping

from mgt_assistant.domain.rules.facts import ALERT_KINDS
from mgt_assistant.domain.rules.model import AlertRoute, AlternativeGroup, Intervention, PlanLimits
from mgt_assistant.domain.rules.parsing import Sink
from mgt_assistant.domain.rules.schema import CatalogueFile, RuleSetFile


def parse_plan_limits(spec: RuleSetFile | None) -> PlanLimits:
    """Return ``plan:`` from ruleset.yaml (ranges are checked by the model)."""
    if spec is None or spec.plan is None:
        return PlanLimits()
    given = spec.plan.model_dump(exclude_none=True)
    return PlanLimits(**given)


def parse_alert_routes(spec: RuleSetFile | None, file: str, sink: Sink) -> dict[str, AlertRoute]:
    """Return ``alerts:`` from ruleset.yaml: one route per alert kind, all kinds required."""
    if spec is None or spec.alerts is None:
        return {}
    routes = {
        raw.kind: AlertRoute(
            raw.kind,
            raw.label,
            raw.message,
            raw.route,
            raw.winter_message or "",
            tuple(raw.acute_interventions),
            raw.source,
        )
        for raw in spec.alerts
    }
    for kind in ALERT_KINDS:
        if kind not in routes:
            sink.error(file, spec.line_of("alerts"), f"larmtypen '{kind}' saknar väg i 'alerts'")
    return routes


def parse_alternatives(
    spec: CatalogueFile | None, file: str, sink: Sink
) -> tuple[AlternativeGroup, ...]:
    """Return ``alternatives:`` from interventions.yaml (ids are checked with the catalogue)."""
    groups: list[AlternativeGroup] = []
    for raw in (spec.alternatives or []) if spec is not None else []:
        if len(raw.order) < 2:
            sink.error(file, raw.line, "en alternativgrupp behöver minst två insatser i 'order'")
        groups.append(
            AlternativeGroup(raw.id, raw.label, tuple(raw.order), raw.why, file, raw.line)
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
