"""Typed shapes of decision tables (recommendations/*.yaml) and golden scenarios (tests/*.yaml).

Cells stay raw mappings here: the closed cell grammar needs the declared
columns, so ``tables`` parses them with their lines once the shape is valid.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from mgt_assistant.domain.rules.case import CASE_INPUTS
from mgt_assistant.domain.rules.model import HIT_POLICIES, TABLE_STATUSES
from mgt_assistant.domain.yaml_models import RuleModel, Text, one_of, rule_error
from mgt_assistant.domain.yaml_strict import LocatedDict


def _raw_mapping(value: Any) -> LocatedDict:
    if not isinstance(value, LocatedDict):
        # Reported as the built-in type error, so the translator words it with the key.
        raise PydanticCustomError("dict_type", "not a mapping")
    return value


# A mapping kept as written, with its lines: table cells and a scenario's case.
RawMapping = Annotated[LocatedDict, PlainValidator(_raw_mapping)]


def _iso_date(value: str, info: ValidationInfo) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise rule_error(f"'{info.field_name}' måste vara ett datum ÅÅÅÅ-MM-DD") from None


DateText = Annotated[str, AfterValidator(_iso_date)]


def _missing(value: str) -> str:
    if value not in ("no_match", "match"):
        raise rule_error("'missing' måste vara no_match eller match")
    return value


class ColumnSpec(RuleModel):
    """One declared input column; its type must be the case input's type."""

    id: Annotated[Text, one_of("okänd indatakolumn", CASE_INPUTS)]
    type: Text
    label: Text | None = None
    missing: Annotated[str, AfterValidator(_missing)] = "no_match"
    min: int | None = None
    max: int | None = None


def _priority(value: int) -> int:
    if not 1 <= value <= 99:
        raise rule_error("'priority' måste vara 1–99 (1 = högst)")
    return value


class ThenSpec(RuleModel):
    """What a row proposes."""

    intervention: Text
    priority: Annotated[int, AfterValidator(_priority)] = 1


class RowSpec(RuleModel):
    """One row: cells by column id, the proposal, and why."""

    id: Text
    when: RawMapping | None = None
    then: ThenSpec
    why: Text
    always: bool = False


class TableFile(RuleModel):
    """One decision table with its governance."""

    table: Text
    label: Text
    version: Text
    status: Annotated[Text, one_of("okänd status", TABLE_STATUSES)]
    approved_by: Text | None = None
    approved_on: DateText | None = None
    minutes: Text | None = None
    effective_from: DateText
    hit_policy: Annotated[Text, one_of("okänd träffpolicy", HIT_POLICIES)]
    inputs: list[ColumnSpec]
    rows: list[RowSpec]


def _pair(value: list[str]) -> list[str]:
    if len(value) != 2:
        raise rule_error("'order' måste vara en lista av par [X, Y]")
    return value


class PlanExpectSpec(RuleModel):
    """What a scenario expects of the draft plan."""

    includes: list[Text] = Field(default_factory=list)
    excludes: list[Text] = Field(default_factory=list)
    in_place: list[Text] = Field(default_factory=list)
    later: list[Text] = Field(default_factory=list)
    max_rows: int | None = None
    max_early_rows: int | None = None
    order: list[Annotated[list[Text], AfterValidator(_pair)]] = Field(default_factory=list)
    alerts: list[Text] | None = None
    owner_party: Text | None = None


class ExpectSpec(RuleModel):
    """What a scenario expects: proposed, not proposed, target group, plan."""

    recommended: list[Text] = Field(default_factory=list)
    not_recommended: list[Text] = Field(default_factory=list)
    in_target_group: bool | None = None
    plan: PlanExpectSpec | None = None


class ScenarioSpec(RuleModel):
    """One golden scenario; the case is read later by the same reader as the CLI's."""

    name: Text
    case: RawMapping
    expect: ExpectSpec


class ScenarioFile(RuleModel):
    """A file of golden scenarios."""

    scenarios: list[ScenarioSpec]
