"""Typed, frozen objects for a rule set read from ``rules/``.

Everything the steering group approves ends up here: parties and units, the
intervention catalogue, decision tables with their governance header, outcome
categories, the MGT target group and golden scenarios. The objects carry the
``file:line`` they came from so that every later finding can point back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.rules.cells import Condition
from mgt_assistant.domain.target_group import Limits

Severity = Literal["error", "warning", "info"]
HitPolicy = Literal["COLLECT", "FIRST", "PRIORITY", "UNIQUE"]
TableStatus = Literal["draft", "in_review", "approved", "retired"]

LANES: Mapping[str, str] = {
    "vard": "Vård",
    "social": "Socialt stöd",
    "arbetsliv": "Arbete och studier",
}
PHASES: Mapping[str, str] = {
    "kartlaggning": "Kartläggning",
    "forsteg": "Försteg",
    "insats": "Insatser",
    "matchning": "Matchning till nästa steg",
    "efterstod": "Efterstöd",
}
HIT_POLICIES: tuple[HitPolicy, ...] = ("COLLECT", "FIRST", "PRIORITY", "UNIQUE")
# How a table picks its rows, in the words every page and the diff use.
HIT_POLICY_SV: Mapping[str, str] = {
    "COLLECT": "alla rader som matchar ger förslag",
    "FIRST": "bara den första raden som matchar, uppifrån, ger förslag",
    "PRIORITY": "bland raderna som matchar ger den med högst prioritet förslag",
    "UNIQUE": "högst en rad får matcha; matchar flera är tabellen felaktig",
}
TABLE_STATUSES: tuple[TableStatus, ...] = ("draft", "in_review", "approved", "retired")

SEVERITY_SV: Mapping[Severity, str] = {"error": "fel", "warning": "varning", "info": "info"}


@dataclass(frozen=True)
class Finding:
    """One thing the loader or linter has to say about a rule file."""

    severity: Severity
    file: str
    line: int
    message: str
    code: str = ""

    def __str__(self) -> str:
        if self.severity == "error":
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}:{self.line}: {SEVERITY_SV[self.severity]}: {self.message}"


@dataclass(frozen=True)
class Unit:
    """A unit inside a party, such as the kommun's socialtjänst."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Partner:
    """A party with its Swedish name and units."""

    id: str
    name: str
    units: tuple[Unit, ...]

    def unit(self, unit_id: str) -> Unit | None:
        """Return the unit with this id, or None."""
        return next((unit for unit in self.units if unit.id == unit_id), None)


@dataclass(frozen=True)
class Eligibility:
    """Who may receive an intervention, in the closed vocabulary."""

    min_age: int | None = None
    max_age: int | None = None
    income_sources: frozenset[str] | None = None
    conditions: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Intervention:
    """One intervention in the catalogue."""

    id: str
    name: str
    description: str
    party: str
    unit: str
    lane: str
    phase: str
    needs: tuple[str, ...]
    eligibility: Eligibility
    weeks: int
    capacity: str
    source: str
    file: str
    line: int


@dataclass(frozen=True)
class Column:
    """A declared input column of a decision table."""

    id: str
    type: str
    label: str
    missing: Literal["no_match", "match"]
    min: int | None
    max: int | None
    line: int


@dataclass(frozen=True)
class Row:
    """A decision-table row: conditions per column, one output, a Swedish why."""

    id: str
    conditions: tuple[Condition, ...]
    intervention: str
    priority: int
    why: str
    line: int
    output_line: int
    cell_lines: tuple[int, ...]
    # A COLLECT row with no condition must say so on purpose: ``always: true``.
    always: bool = False


@dataclass(frozen=True)
class Governance:
    """Who approved a table, when, and from when it applies."""

    version: str
    status: TableStatus
    approved_by: str
    approved_on: str
    minutes: str
    effective_from: str


@dataclass(frozen=True)
class DecisionTable:
    """A decision table read from ``rules/recommendations/*.yaml``."""

    id: str
    label: str
    file: str
    line: int
    governance: Governance
    hit_policy: HitPolicy
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column_index(self, column_id: str) -> int | None:
        """Return the position of a column, or None if the table lacks it."""
        for index, column in enumerate(self.columns):
            if column.id == column_id:
                return index
        return None


@dataclass(frozen=True)
class OutcomeGroup:
    """A result target with the end reasons it counts."""

    id: str
    label: str
    target_kind: Literal["min", "max"]
    target_percent: int
    end_reasons: tuple[str, ...]
    counts_groups: tuple[str, ...]


@dataclass(frozen=True)
class SocioEconomic:
    """The monthly figure for a person in work or studies instead of public support."""

    monthly_amount_sek: int
    months: int
    group: str
    source: str


@dataclass(frozen=True)
class Outcomes:
    """End reasons, income sources and the targets they are measured against."""

    end_reasons: Mapping[str, str]
    income_sources: Mapping[str, str]
    groups: tuple[OutcomeGroup, ...]
    socio_economic: SocioEconomic | None = None

    def group_of(self, end_reason: str) -> str | None:
        """Return the group id an end reason belongs to, or None."""
        return next((g.id for g in self.groups if end_reason in g.end_reasons), None)


@dataclass(frozen=True)
class PlanLimits:
    """How much a draft may hold: rows, and new starts within one window of weeks."""

    max_rows: int = 7
    max_new_starts: int = 3
    window_weeks: int = 4
    # A row may wait this long for room before it becomes "nästa steg, senare".
    max_delay_weeks: int = 8


@dataclass(frozen=True)
class AlertRoute:
    """What the team does at once for an acute alert, and which steps the plan may hold."""

    kind: str
    label: str
    message: str
    route: str
    winter_message: str
    acute_interventions: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class AlternativeGroup:
    """Interventions of which a draft holds at most one, in an explained order."""

    id: str
    label: str
    order: tuple[str, ...]
    why: str
    file: str
    line: int


@dataclass(frozen=True)
class PlanExpectation:
    """What a golden scenario expects of the whole draft plan."""

    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    in_place: tuple[str, ...] = ()
    later: tuple[str, ...] = ()
    max_rows: int | None = None
    max_early_rows: int | None = None
    order: tuple[tuple[str, str], ...] = ()
    alerts: tuple[str, ...] | None = None
    owner_party: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A golden scenario: a case and the interventions expected and not expected."""

    name: str
    file: str
    line: int
    case: Mapping[str, object]
    expect_recommended: tuple[str, ...]
    expect_not_recommended: tuple[str, ...]
    expect_in_target_group: bool | None
    expect_target_group_given: bool
    plan: PlanExpectation | None = None


@dataclass(frozen=True)
class RuleSet:
    """A complete, checked rule set identified by version and content hash."""

    version: str
    label: str
    hash: str
    taxonomy: NeedTaxonomy
    # The needs lexicon compiled against this taxonomy, for reading needs from text.
    lexicon: Lexicon
    partners: Mapping[str, Partner]
    interventions: Mapping[str, Intervention]
    tables: tuple[DecisionTable, ...]
    outcomes: Outcomes
    target_group: Limits
    scenarios: tuple[Scenario, ...]
    files: tuple[str, ...] = field(default=())
    plan_limits: PlanLimits = field(default=PlanLimits())
    alert_routes: Mapping[str, AlertRoute] = field(default_factory=dict)
    alternatives: tuple[AlternativeGroup, ...] = ()

    @property
    def short_hash(self) -> str:
        """Return the first 12 hex digits of the content hash."""
        return self.hash[:12]

    def unit_name(self, party: str, unit: str) -> str:
        """Return the Swedish name of a unit, or its id when unknown."""
        partner = self.partners.get(party)
        found = partner.unit(unit) if partner is not None else None
        return found.name if found is not None else unit
