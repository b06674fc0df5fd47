"""Semantic diff of what the plan drafter reads: load limits, alert routes, alternatives groups.

``plan:`` and ``alerts:`` live in ``ruleset.yaml``, ``alternatives:`` in
``interventions.yaml`` (see docs/plans.md). Each change gets a hand-written
Swedish line ("planutkast: högst 7 insatser → 6"); a field the model gains
later is still found by the generic walk.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from mgt_assistant.domain.governance.changes import Change, shorten, walk_other_fields
from mgt_assistant.domain.rules.model import AlertRoute, AlternativeGroup, PlanLimits

# (field, Swedish line with {before} and {after}) for each load limit.
LIMIT_LINES: Final[Mapping[str, str]] = {
    "max_rows": "planutkast: högst {before} insatser → {after}",
    "max_new_starts": "planutkast: högst {before} nya insatser som börjar samtidigt → {after}",
    "window_weeks": "planutkast: nya insatser räknas per {before} veckor → {after}",
    "max_delay_weeks": "planutkast: en insats skjuts upp högst {before} veckor → {after}",
}
# Alert-route text fields in Swedish: the field, a new one, and its gender (en or ett word).
ALERT_TEXTS: Final[Mapping[str, tuple[str, str, str]]] = {
    "label": ("benämningen", "ny benämning", "en"),
    "message": ("meddelandet", "nytt meddelande", "ett"),
    "route": ("vägen", "ny väg", "en"),
    "winter_message": ("vintermeddelandet", "nytt vintermeddelande", "ett"),
    "source": ("källan", "ny källa", "en"),
}
_ALERT_HANDLED: Final = frozenset({"kind", "acute_interventions", *ALERT_TEXTS})
_GROUP_HANDLED: Final = frozenset({"id", "label", "order", "why"})


def plan_limit_changes(old: PlanLimits, new: PlanLimits) -> Iterator[Change]:
    """Yield a line for each changed load limit of the draft plan."""
    for name, line in LIMIT_LINES.items():
        before, after = str(getattr(old, name)), str(getattr(new, name))
        if before != after:
            text = line.format(before=before, after=after)
            yield Change("changed", f"plan/{name}", before, after, text)
    yield from walk_other_fields("planutkast", old, new, LIMIT_LINES, "plan")


def _steps(route: AlertRoute) -> str:
    return ", ".join(route.acute_interventions) or "inga"


def _route_changes(old: AlertRoute, new: AlertRoute) -> Iterator[Change]:
    head = f"larmet {new.kind}"
    for name, (label, added, ending) in ALERT_TEXTS.items():
        before, after = getattr(old, name), getattr(new, name)
        if " ".join(before.split()) == " ".join(after.split()):
            continue
        removed, changed = ("borttagen", "ändrad") if ending == "en" else ("borttaget", "ändrat")
        if not after:
            text = f"{head}: {label} {removed}"
        elif not before:
            text = f"{head}: {added} ”{shorten(after)}”"
        else:
            text = f"{head}: {label} {changed} till ”{shorten(after)}”"
        yield Change("changed", f"alerts/{new.kind}/{name}", before, after, text)
    if old.acute_interventions != new.acute_interventions:
        before, after = _steps(old), _steps(new)
        text = f"{head}: akuta steg {before} → {after}"
        yield Change("changed", f"alerts/{new.kind}/acute_interventions", before, after, text)
    yield from walk_other_fields(head, old, new, _ALERT_HANDLED, f"alerts/{new.kind}")


def alert_changes(old: Mapping[str, AlertRoute], new: Mapping[str, AlertRoute]) -> Iterator[Change]:
    """Yield the alert routes added, removed and changed, and a changed order."""
    for kind, route in new.items():
        if kind not in old:
            after = f"{route.label}; väg: {shorten(route.route)}; akuta steg: {_steps(route)}"
            yield Change("added", f"alerts/{kind}", None, after, f"nytt larm {kind} ({after})")
    for kind, route in old.items():
        if kind not in new:
            text = f"larmet {kind} ({route.label}) borttaget"
            yield Change("removed", f"alerts/{kind}", route.label, None, text)
    for kind, route in new.items():
        if kind in old:
            yield from _route_changes(old[kind], route)
    # The plan shows open alerts in this order, so the order is part of the meaning.
    before = ", ".join(k for k in old if k in new)
    after = ", ".join(k for k in new if k in old)
    if before != after:
        yield Change(
            "changed", "alerts/order", before, after, f"larmens ordning {before} → {after}"
        )


def _order(group: AlternativeGroup) -> str:
    return " före ".join(group.order)


def alternative_changes(
    old: tuple[AlternativeGroup, ...], new: tuple[AlternativeGroup, ...]
) -> Iterator[Change]:
    """Yield the alternatives groups added, removed and changed (order, label, why)."""
    before = {g.id: g for g in old}
    after = {g.id: g for g in new}
    for gid, group in after.items():
        if gid not in before:
            shown = f"{group.label}: {_order(group)}"
            text = f"ny alternativgrupp {gid} ({shown})"
            yield Change("added", f"alternatives/{gid}", None, shown, text)
    for gid, group in before.items():
        if gid not in after:
            text = f"alternativgruppen {gid} ({group.label}) borttagen"
            yield Change("removed", f"alternatives/{gid}", group.label, None, text)
    for gid, group in after.items():
        if gid not in before:
            continue
        was, head, at = before[gid], f"alternativgruppen {gid}", f"alternatives/{gid}"
        if was.order != group.order:
            text = f"{head}: {_order(was)} → {_order(group)}"
            yield Change("changed", f"{at}/order", _order(was), _order(group), text)
        if was.label != group.label:
            text = f"{head}: benämning {was.label} → {group.label}"
            yield Change("changed", f"{at}/label", was.label, group.label, text)
        if " ".join(was.why.split()) != " ".join(group.why.split()):
            text = f"{head}: motiveringen ändrad till ”{shorten(group.why)}”"
            yield Change("changed", f"{at}/why", was.why, group.why, text)
        yield from walk_other_fields(head, was, group, _GROUP_HANDLED, at)
