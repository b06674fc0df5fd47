"""Typed views of stored rule-set versions: the list, one version's review page, a table grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlmodel import Session

from mgt_assistant.db.models import RuleRowComment, RuleSetVersion
from mgt_assistant.domain.governance import ReplayReport, RuleSetDiff
from mgt_assistant.domain.rules import Finding, RuleSet
from mgt_assistant.domain.rules.model import DecisionTable, Row, Severity
from mgt_assistant.domain.rules.scenarios import ScenarioResult
from mgt_assistant.services import rule_versions as versions
from mgt_assistant.services.rule_versions import STATUS_LABELS
from mgt_assistant.web.rendering import View

SOURCE_LABELS: Final = {
    "start": "de levererade reglerna vid första start",
    "import": "inläst från regelkatalog",
    "uppladdning": "uppladdad zip-fil",
}


@dataclass(frozen=True)
class VersionRow:
    """One stored version in a list, with its lifecycle state in words."""

    version: RuleSetVersion
    state: str
    imported_by: str
    approved_by: str

    @property
    def state_label(self) -> str:
        """Return the lifecycle state in Swedish."""
        return STATUS_LABELS[self.state]


@dataclass(frozen=True)
class VersionPage(View):
    """One version's review page: facts, actions, tables, findings, scenarios, diff, replay."""

    row: VersionRow
    rule_set: RuleSet
    findings: Sequence[Finding]
    severity_counts: Mapping[Severity, int]
    severity_sv: Mapping[Severity, str]
    scenarios: Sequence[ScenarioResult]
    hit_policy_words: Mapping[str, str]
    source_labels: Mapping[str, str]
    comment_counts: Mapping[str, int]
    others: Sequence[VersionRow]
    in_use: RuleSetVersion | None
    diff: RuleSetDiff | None
    replay: ReplayReport | None
    can_review: bool
    can_approve: bool
    demo: bool
    today: date
    errors: Sequence[str] = ()


@dataclass(frozen=True)
class GridRow:
    """One rule of a table: its cells in words and the intervention it proposes."""

    rule: Row
    cells: tuple[str, ...]
    intervention: str


@dataclass(frozen=True)
class GridPage(View):
    """One decision table of a version as a review grid with comments per row."""

    row: VersionRow
    table: DecisionTable
    rule_set: RuleSet
    grid: Sequence[GridRow]
    hit_policy_words: Mapping[str, str]
    comments: Mapping[str, Sequence[RuleRowComment]]
    user_names: Mapping[int, str]
    can_comment: bool


@dataclass(frozen=True)
class CataloguePage(View):
    """A version's intervention catalogue and needs lexicon in readable form."""

    row: VersionRow
    rule_set: RuleSet
    lanes: Mapping[str, str]
    phases: Mapping[str, str]
    terms: Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class DiffPage(View):
    """The semantic diff between two stored versions, in the CLI's words."""

    old: VersionRow
    new: VersionRow
    diff: RuleSetDiff
    choices: Sequence[VersionRow]


def version_rows(session: Session, listed: list[RuleSetVersion], today: date) -> list[VersionRow]:
    """Return versions with their lifecycle state and the names of who stored and approved."""
    active = versions.active_version(session, today)
    ids = {
        i for v in listed for i in (v.imported_by_user_id, v.approved_by_user_id) if i is not None
    }
    names = versions.user_names(session, ids)

    def name(user_id: int | None, default: str) -> str:
        return names.get(user_id, "okänd användare") if user_id is not None else default

    return [
        VersionRow(
            v,
            versions.lifecycle(v, active, today),
            name(v.imported_by_user_id, "systemet"),
            name(v.approved_by_user_id, "demoläget"),
        )
        for v in listed
    ]


def severity_counts(findings: Sequence[Finding]) -> Mapping[Severity, int]:
    """Count findings per severity."""
    return Counter(f.severity for f in findings)
