"""Parse the catalogue files: ruleset.yaml, partners.yaml, interventions.yaml, outcomes.yaml."""

from __future__ import annotations

from typing import Any

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.eligibility import CONDITIONS
from mgt_assistant.domain.rules.model import (
    LANES,
    PHASES,
    Eligibility,
    Intervention,
    OutcomeGroup,
    Outcomes,
    Partner,
    SocioEconomic,
    TargetGroup,
    Unit,
)
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

_INTERVENTION_KEYS = {
    "id",
    "name",
    "description",
    "party",
    "unit",
    "lane",
    "phase",
    "needs",
    "eligibility",
    "weeks",
    "capacity",
    "source",
}
_ELIGIBILITY_KEYS = {"min_age", "max_age", "income_sources", "conditions", "note"}


def parse_header(data: Any, file: str, sink: Sink) -> tuple[str, str, TargetGroup | None]:
    """Read ruleset.yaml: the set's version, label and the MGT target group."""
    root = mapping(data, file, 1, "filen", sink)
    if root is None:
        return "", "", None
    unknown_keys(root, {"version", "label", "target_group", "plan", "alerts"}, file, sink)
    version, label = text(root, "version", file, sink), text(root, "label", file, sink)
    group = mapping(
        root.get("target_group"), file, root.line_of("target_group"), "'target_group'", sink
    )
    if group is None:
        return version, label, None
    unknown_keys(group, {"min_age", "max_age", "min_parties", "source"}, file, sink)
    low, high = integer(group, "min_age", file, sink), integer(group, "max_age", file, sink)
    parties = integer(group, "min_parties", file, sink)
    source = text(group, "source", file, sink)
    if low is None or high is None or parties is None:
        return version, label, None
    return version, label, TargetGroup(low, high, parties, source)


def parse_partners(data: Any, file: str, sink: Sink) -> dict[str, Partner]:
    """Read partners.yaml: the parties and their units."""
    root = mapping(data, file, 1, "filen", sink)
    partners: dict[str, Partner] = {}
    if root is None:
        return partners
    unknown_keys(root, {"version", "parties"}, file, sink)
    for raw, line in items(root, "parties", file, sink):
        party = text(raw, "id", file, sink)
        if party not in PARTIES:
            sink.error(
                file, raw.line_of("id"), f"okänd part '{party}' (kända: {', '.join(PARTIES)})"
            )
            continue
        if party in partners:
            sink.error(file, line, f"parten '{party}' finns redan")
            continue
        units: list[Unit] = []
        for unit_raw, unit_line in items(raw, "units", file, sink):
            unknown_keys(unit_raw, {"id", "name", "aliases"}, file, sink)
            aliases = text_list(unit_raw, "aliases", file, sink, required=False)
            unit = Unit(
                text(unit_raw, "id", file, sink),
                text(unit_raw, "name", file, sink),
                tuple(alias for alias, _ in aliases),
            )
            if any(u.id == unit.id for u in units):
                sink.error(file, unit_line, f"enheten '{unit.id}' finns redan hos {party}")
            units.append(unit)
        partners[party] = Partner(party, text(raw, "name", file, sink), tuple(units))
    return partners


def _eligibility(raw: Any, file: str, line: int, sink: Sink) -> Eligibility:
    if raw is None:
        return Eligibility()
    data = mapping(raw, file, line, "'eligibility'", sink)
    if data is None:
        return Eligibility()
    unknown_keys(data, _ELIGIBILITY_KEYS, file, sink)
    low = integer(data, "min_age", file, sink, required=False)
    high = integer(data, "max_age", file, sink, required=False)
    if low is not None and high is not None and low > high:
        sink.error(file, data.line_of("min_age"), f"min_age {low} är större än max_age {high}")
    sources = text_list(data, "income_sources", file, sink, required=False)
    conditions = text_list(data, "conditions", file, sink, required=False)
    for condition, condition_line in conditions:
        if condition not in CONDITIONS:
            known = ", ".join(CONDITIONS)
            sink.error(file, condition_line, f"okänt villkor '{condition}' (kända: {known})")
    return Eligibility(
        min_age=low,
        max_age=high,
        income_sources=frozenset(s for s, _ in sources) if "income_sources" in data else None,
        conditions=tuple(c for c, _ in conditions if c in CONDITIONS),
        note=text(data, "note", file, sink, required=False),
    )


def _intervention(raw: LocatedDict, file: str, sink: Sink) -> Intervention:
    unknown_keys(raw, _INTERVENTION_KEYS, file, sink)
    lane, phase = text(raw, "lane", file, sink), text(raw, "phase", file, sink)
    if lane and lane not in LANES:
        sink.error(file, raw.line_of("lane"), f"okänt spår '{lane}' (kända: {', '.join(LANES)})")
    if phase and phase not in PHASES:
        sink.error(file, raw.line_of("phase"), f"okänd fas '{phase}' (kända: {', '.join(PHASES)})")
    weeks = integer(raw, "weeks", file, sink)
    if weeks is not None and not 1 <= weeks <= 104:
        sink.error(file, raw.line_of("weeks"), "'weeks' måste vara 1–104 veckor")
    return Intervention(
        id=text(raw, "id", file, sink),
        name=text(raw, "name", file, sink),
        description=text(raw, "description", file, sink),
        party=text(raw, "party", file, sink),
        unit=text(raw, "unit", file, sink),
        lane=lane,
        phase=phase,
        needs=tuple(n for n, _ in text_list(raw, "needs", file, sink)),
        eligibility=_eligibility(raw.get("eligibility"), file, raw.line_of("eligibility"), sink),
        weeks=weeks or 1,
        capacity=text(raw, "capacity", file, sink),
        source=text(raw, "source", file, sink),
        file=file,
        line=raw.line,
    )


def parse_interventions(data: Any, file: str, sink: Sink) -> dict[str, Intervention]:
    """Read interventions.yaml into a catalogue keyed by id (ids checked later)."""
    root = mapping(data, file, 1, "filen", sink)
    catalogue: dict[str, Intervention] = {}
    if root is None:
        return catalogue
    unknown_keys(root, {"version", "interventions", "alternatives"}, file, sink)
    for raw, line in items(root, "interventions", file, sink):
        intervention = _intervention(raw, file, sink)
        if intervention.id in catalogue:
            first = catalogue[intervention.id].line
            sink.error(file, line, f"insatsen '{intervention.id}' finns redan (rad {first})")
            continue
        catalogue[intervention.id] = intervention
    return catalogue


def _labelled(root: LocatedDict, key: str, file: str, sink: Sink) -> dict[str, str]:
    found: dict[str, str] = {}
    for raw, line in items(root, key, file, sink):
        unknown_keys(raw, {"id", "label"}, file, sink)
        item_id = text(raw, "id", file, sink)
        if item_id in found:
            sink.error(file, line, f"'{item_id}' finns redan i '{key}'")
        found[item_id] = text(raw, "label", file, sink)
    return found


def parse_outcomes(data: Any, file: str, sink: Sink) -> Outcomes:
    """Read outcomes.yaml: income sources, end reasons and the target groups."""
    root = mapping(data, file, 1, "filen", sink)
    if root is None:
        return Outcomes({}, {}, ())
    allowed = {"version", "income_sources", "end_reasons", "groups", "socio_economic"}
    unknown_keys(root, allowed, file, sink)
    incomes = _labelled(root, "income_sources", file, sink)
    reasons = _labelled(root, "end_reasons", file, sink)
    groups: list[OutcomeGroup] = []
    grouped: dict[str, str] = {}
    for raw, _line in items(root, "groups", file, sink):
        unknown_keys(raw, {"id", "label", "target", "end_reasons", "counts_groups"}, file, sink)
        group_id = text(raw, "id", file, sink)
        target = mapping(raw.get("target"), file, raw.line_of("target"), "'target'", sink)
        kind = str(target.get("kind")) if target is not None else "min"
        if kind not in ("min", "max"):
            sink.error(file, raw.line_of("target"), "'target.kind' måste vara min eller max")
        percent = integer(target, "percent", file, sink) if target is not None else None
        members = text_list(raw, "end_reasons", file, sink)
        for reason, reason_line in members:
            if reason not in reasons:
                sink.error(file, reason_line, f"okänd avslutsorsak '{reason}'")
            elif reason in grouped:
                sink.error(file, reason_line, f"'{reason}' ingår redan i gruppen {grouped[reason]}")
            grouped[reason] = group_id
        counts = text_list(raw, "counts_groups", file, sink, required=False)
        groups.append(
            OutcomeGroup(
                group_id,
                text(raw, "label", file, sink),
                "max" if kind == "max" else "min",
                percent or 0,
                tuple(r for r, _ in members),
                tuple(c for c, _ in counts) or (group_id,),
            )
        )
    for reason in reasons:
        if reason not in grouped:
            sink.error(file, root.line_of("groups"), f"avslutsorsaken '{reason}' saknar grupp")
    socio = _socio_economic(root, {g.id for g in groups}, file, sink)
    return Outcomes(reasons, incomes, tuple(groups), socio)


def _socio_economic(
    root: LocatedDict, groups: set[str], file: str, sink: Sink
) -> SocioEconomic | None:
    """Read the optional socio-economic rule of thumb (amount per person and month)."""
    if "socio_economic" not in root:
        return None
    raw = mapping(
        root["socio_economic"], file, root.line_of("socio_economic"), "'socio_economic'", sink
    )
    if raw is None:
        return None
    unknown_keys(raw, {"monthly_amount_sek", "months", "group", "source"}, file, sink)
    amount = integer(raw, "monthly_amount_sek", file, sink)
    months = integer(raw, "months", file, sink)
    for key, value in (("monthly_amount_sek", amount), ("months", months)):
        if value is not None and value <= 0:
            sink.error(file, raw.line_of(key), f"'{key}' måste vara större än noll")
    group = text(raw, "group", file, sink)
    if group and group not in groups:
        sink.error(file, raw.line_of("group"), f"okänd grupp '{group}' i 'socio_economic'")
    return SocioEconomic(amount or 0, months or 0, group, text(raw, "source", file, sink))
