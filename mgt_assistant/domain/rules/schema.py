"""Typed shapes of ruleset.yaml, partners.yaml, interventions.yaml and outcomes.yaml.

Only the shape and the checks on one value live here; checks across a file
(duplicates, groups) are made when the models become domain objects.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.rules.eligibility import CONDITIONS
from mgt_assistant.domain.rules.facts import ALERT_KINDS
from mgt_assistant.domain.rules.model import LANES, PHASES
from mgt_assistant.domain.yaml_models import RuleModel, Text, one_of, rule_error

TextList = Annotated[list[Text], Field(min_length=1)]


class TargetGroupSpec(RuleModel):
    """``target_group:`` in ruleset.yaml."""

    min_age: int
    max_age: int
    min_parties: int
    source: Text


class PlanLimitsSpec(RuleModel):
    """``plan:`` in ruleset.yaml; every limit is a whole number of weeks or rows, 1–52."""

    max_rows: int | None = None
    max_new_starts: int | None = None
    window_weeks: int | None = None
    max_delay_weeks: int | None = None

    @field_validator("*")
    @classmethod
    def _in_range(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and not 1 <= value <= 52:
            raise rule_error(f"'plan.{info.field_name}' måste vara 1–52")
        return value


class AlertRouteSpec(RuleModel):
    """One item of ``alerts:`` in ruleset.yaml."""

    kind: Annotated[Text, one_of("okänd larmtyp", ALERT_KINDS)]
    label: Text
    message: Text
    route: Text
    winter_message: Text | None = None
    acute_interventions: list[Text] = Field(default_factory=list)
    source: Text


class RuleSetFile(RuleModel):
    """ruleset.yaml: the set's version and label, the target group, plan limits and alerts."""

    version: Text
    label: Text
    target_group: TargetGroupSpec
    plan: PlanLimitsSpec | None = None
    alerts: list[AlertRouteSpec] | None = None


class UnitSpec(RuleModel):
    """A unit of a party, with the other names people write for it."""

    id: Text
    name: Text
    aliases: list[Text] = Field(default_factory=list)


class PartySpec(RuleModel):
    """One party in partners.yaml."""

    id: Annotated[Text, one_of("okänd part", PARTIES)]
    name: Text
    units: list[UnitSpec]


class PartnersFile(RuleModel):
    """partners.yaml: the parties and their units."""

    version: Text | None = None
    parties: list[PartySpec]


def _weeks(value: int) -> int:
    if not 1 <= value <= 104:
        raise rule_error("'weeks' måste vara 1–104 veckor")
    return value


Condition = Annotated[Text, one_of("okänt villkor", CONDITIONS)]


class EligibilitySpec(RuleModel):
    """``eligibility:`` of an intervention; ``income_sources`` absent means any."""

    min_age: int | None = None
    max_age: int | None = None
    income_sources: list[Text] | None = None
    conditions: list[Annotated[Text, one_of("okänt villkor", CONDITIONS)]] = Field(
        default_factory=list
    )
    note: Text | None = None


class InterventionSpec(RuleModel):
    """One intervention of the catalogue."""

    id: Text
    name: Text
    description: Text
    party: Text
    unit: Text
    lane: Annotated[Text, one_of("okänt spår", LANES)]
    phase: Annotated[Text, one_of("okänd fas", PHASES)]
    needs: TextList
    eligibility: EligibilitySpec | None = None
    weeks: Annotated[int, AfterValidator(_weeks)]
    capacity: Text
    source: Text


class AlternativeSpec(RuleModel):
    """A group of interventions of which a plan holds at most one, in order of preference."""

    id: Text
    label: Text
    order: TextList
    why: Text


class CatalogueFile(RuleModel):
    """interventions.yaml: the catalogue and its alternatives groups."""

    version: Text | None = None
    interventions: list[InterventionSpec]
    alternatives: list[AlternativeSpec] | None = None


class LabelledSpec(RuleModel):
    """An id with a Swedish label (income source, end reason)."""

    id: Text
    label: Text


def _kind(value: str) -> str:
    if value not in ("min", "max"):
        raise rule_error("'target.kind' måste vara min eller max")
    return value


class GroupTargetSpec(RuleModel):
    """The target of an outcome group: at least or at most a share in percent."""

    kind: Annotated[Text, AfterValidator(_kind)]
    percent: int


class OutcomeGroupSpec(RuleModel):
    """One outcome group: end reasons and the target for their share."""

    id: Text
    label: Text
    target: GroupTargetSpec
    end_reasons: TextList
    counts_groups: list[Text] = Field(default_factory=list)


def _positive(value: int, info: ValidationInfo) -> int:
    if value <= 0:
        raise rule_error(f"'{info.field_name}' måste vara större än noll")
    return value


class SocioEconomicSpec(RuleModel):
    """The socio-economic rule of thumb: an amount per person and month, for some months."""

    monthly_amount_sek: Annotated[int, AfterValidator(_positive)]
    months: Annotated[int, AfterValidator(_positive)]
    group: Text
    source: Text


class OutcomesFile(RuleModel):
    """outcomes.yaml: income sources, end reasons, outcome groups, socio-economic estimate."""

    version: Text | None = None
    income_sources: list[LabelledSpec]
    end_reasons: list[LabelledSpec]
    groups: list[OutcomeGroupSpec]
    socio_economic: SocioEconomicSpec | None = None
