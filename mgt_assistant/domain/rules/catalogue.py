"""Turn the catalogue files' typed models into domain objects, checking across each file."""

from __future__ import annotations

from mgt_assistant.domain.rules.model import (
    Eligibility,
    Intervention,
    OutcomeGroup,
    Outcomes,
    Partner,
    SocioEconomic,
    Unit,
)
from mgt_assistant.domain.rules.parsing import Sink
from mgt_assistant.domain.rules.schema import (
    CatalogueFile,
    EligibilitySpec,
    InterventionSpec,
    LabelledSpec,
    OutcomesFile,
    PartnersFile,
    RuleSetFile,
    SocioEconomicSpec,
)
from mgt_assistant.domain.target_group import Limits


def parse_header(spec: RuleSetFile | None) -> tuple[str, str, Limits | None]:
    """Return the set's version, label and MGT target group from ruleset.yaml."""
    if spec is None:
        return "", "", None
    group = spec.target_group
    target = Limits(group.min_age, group.max_age, group.min_parties, group.source)
    return spec.version, spec.label, target


def parse_partners(spec: PartnersFile | None, file: str, sink: Sink) -> dict[str, Partner]:
    """Return the parties and their units from partners.yaml; a repeated id is an error."""
    partners: dict[str, Partner] = {}
    for party in spec.parties if spec is not None else ():
        if party.id in partners:
            sink.error(file, party.line, f"parten '{party.id}' finns redan")
            continue
        units: list[Unit] = []
        for unit in party.units:
            if any(u.id == unit.id for u in units):
                sink.error(file, unit.line, f"enheten '{unit.id}' finns redan hos {party.id}")
            units.append(Unit(unit.id, unit.name, tuple(unit.aliases)))
        partners[party.id] = Partner(party.id, party.name, tuple(units))
    return partners


def _eligibility(spec: EligibilitySpec | None, file: str, sink: Sink) -> Eligibility:
    if spec is None:
        return Eligibility()
    low, high = spec.min_age, spec.max_age
    if low is not None and high is not None and low > high:
        sink.error(file, spec.line_of("min_age"), f"min_age {low} är större än max_age {high}")
    sources = spec.income_sources
    return Eligibility(
        min_age=low,
        max_age=high,
        income_sources=frozenset(sources) if sources is not None else None,
        conditions=tuple(spec.conditions),
        note=spec.note or "",
    )


def _intervention(spec: InterventionSpec, file: str, sink: Sink) -> Intervention:
    return Intervention(
        id=spec.id,
        name=spec.name,
        description=spec.description,
        party=spec.party,
        unit=spec.unit,
        lane=spec.lane,
        phase=spec.phase,
        needs=tuple(spec.needs),
        eligibility=_eligibility(spec.eligibility, file, sink),
        weeks=spec.weeks,
        capacity=spec.capacity,
        source=spec.source,
        file=file,
        line=spec.line,
    )


def parse_interventions(
    spec: CatalogueFile | None, file: str, sink: Sink
) -> dict[str, Intervention]:
    """Return the catalogue keyed by id (parties, units and needs are checked later)."""
    catalogue: dict[str, Intervention] = {}
    for item in spec.interventions if spec is not None else ():
        if item.id in catalogue:
            first = catalogue[item.id].line
            sink.error(file, item.line, f"insatsen '{item.id}' finns redan (rad {first})")
            continue
        catalogue[item.id] = _intervention(item, file, sink)
    return catalogue


def _labelled(items: list[LabelledSpec], key: str, file: str, sink: Sink) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        if item.id in found:
            sink.error(file, item.line, f"'{item.id}' finns redan i '{key}'")
        found[item.id] = item.label
    return found


def parse_outcomes(spec: OutcomesFile | None, file: str, sink: Sink) -> Outcomes:
    """Return income sources, end reasons and outcome groups; each reason in one group."""
    if spec is None:
        return Outcomes({}, {}, ())
    incomes = _labelled(spec.income_sources, "income_sources", file, sink)
    reasons = _labelled(spec.end_reasons, "end_reasons", file, sink)
    groups: list[OutcomeGroup] = []
    grouped: dict[str, str] = {}
    for group in spec.groups:
        for index, reason in enumerate(group.end_reasons):
            line = group.item_line("end_reasons", index)
            if reason not in reasons:
                sink.error(file, line, f"okänd avslutsorsak '{reason}'")
            elif reason in grouped:
                sink.error(file, line, f"'{reason}' ingår redan i gruppen {grouped[reason]}")
            grouped[reason] = group.id
        groups.append(
            OutcomeGroup(
                group.id,
                group.label,
                "max" if group.target.kind == "max" else "min",
                group.target.percent,
                tuple(group.end_reasons),
                tuple(group.counts_groups) or (group.id,),
            )
        )
    for reason in reasons:
        if reason not in grouped:
            sink.error(file, spec.line_of("groups"), f"avslutsorsaken '{reason}' saknar grupp")
    socio = _socio_economic(spec.socio_economic, {g.id for g in groups}, file, sink)
    return Outcomes(reasons, incomes, tuple(groups), socio)


def _socio_economic(
    spec: SocioEconomicSpec | None, groups: set[str], file: str, sink: Sink
) -> SocioEconomic | None:
    if spec is None:
        return None
    if spec.group not in groups:
        sink.error(file, spec.line_of("group"), f"okänd grupp '{spec.group}' i 'socio_economic'")
    return SocioEconomic(spec.monthly_amount_sek, spec.months, spec.group, spec.source)
