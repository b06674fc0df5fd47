"""Regelverk: the rule set in use, every stored version, and reading rules/ in as a new one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from mgt_assistant.db.models import Role, RuleSetVersion
from mgt_assistant.domain.rules import Finding, RuleSet, run_scenarios
from mgt_assistant.domain.rules.model import (
    HIT_POLICY_SV,
    LANES,
    PHASES,
    SEVERITY_SV,
    DecisionTable,
    Intervention,
    Severity,
)
from mgt_assistant.domain.rules.scenarios import ScenarioResult
from mgt_assistant.services import rule_versions
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.rule_versions import RuleVersionError
from mgt_assistant.web import flash
from mgt_assistant.web.deps import (
    RulesDep,
    RulesEditor,
    RulesReader,
    SessionDep,
    SettingsDep,
    TodayDep,
)
from mgt_assistant.web.rendering import View, render
from mgt_assistant.web.rule_version_views import VersionRow, severity_counts, version_rows

router = APIRouter(prefix="/regelverk")

RULE_SET_STATUS_LABELS = {
    "draft": "Utkast",
    "in_review": "Under granskning",
    "approved": "Godkänd",
    "retired": "Avvecklad",
}


@dataclass(frozen=True)
class OverviewView(View):
    """The rule set in use: version, tables, findings, golden scenarios and reload."""

    rule_set: RuleSet
    findings: Sequence[Finding]
    severity_counts: Mapping[Severity, int]
    severity_sv: Mapping[Severity, str]
    scenarios: Sequence[ScenarioResult]
    covered: int
    total_rows: int
    status_sv: Mapping[str, str]
    hit_policy_sv: Mapping[str, str]
    can_reload: bool
    can_upload: bool
    versions: Sequence[VersionRow]
    in_use: RuleSetVersion | None
    in_use_draft: bool
    demo: bool
    reload_errors: Sequence[str] = ()
    reload_notice: str | None = None


@dataclass(frozen=True)
class TableView(View):
    """One decision table, row by row."""

    table: DecisionTable
    rule_set: RuleSet
    status_sv: Mapping[str, str]
    hit_policy_sv: Mapping[str, str]


@dataclass(frozen=True)
class CatalogueView(View):
    """The intervention catalogue grouped by party."""

    rule_set: RuleSet
    by_party: Mapping[str, list[Intervention]]
    lanes: Mapping[str, str]
    phases: Mapping[str, str]


def _overview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    rules: RulesDep,
    today: date,
    *,
    reload_errors: Sequence[str] = (),
    reload_notice: str | None = None,
) -> Response:
    rule_set = rules.rule_set
    in_use = rule_versions.version_in_use(session, today=today, demo=settings.demo)
    report = run_scenarios(rule_set, rules.recommender)
    covered, total = report.coverage(rule_set)
    view = OverviewView(
        title="Regelverk",
        rule_set=rule_set,
        findings=rules.findings,
        severity_counts=severity_counts(rules.findings),
        severity_sv=SEVERITY_SV,
        scenarios=report.results,
        covered=covered,
        total_rows=total,
        status_sv=RULE_SET_STATUS_LABELS,
        hit_policy_sv=HIT_POLICY_SV,
        can_reload=request.state.user.role in (Role.STYRGRUPP, Role.ADMIN),
        can_upload=request.state.user.role is Role.ADMIN,
        versions=version_rows(session, rule_versions.list_versions(session), today),
        in_use=in_use.version if in_use is not None else None,
        in_use_draft=in_use is not None and in_use.draft,
        demo=settings.demo,
        reload_errors=reload_errors,
        reload_notice=reload_notice,
    )
    return render(request, "rule_sets/index.html", view)


@router.get("")
def overview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: RulesReader,
    rules: RulesDep,
    today: TodayDep,
) -> Response:
    """Show the rules in use (tables, findings, golden scenarios) and every stored version."""
    return _overview(request, session, settings, rules, today)


@router.get("/tabeller/{table_id}")
def table(request: Request, table_id: str, user: RulesReader, rules: RulesDep) -> Response:
    """Show one decision table row by row, with each row's why.

    :raise 404: for an unknown table.
    """
    found = next((t for t in rules.rule_set.tables if t.id == table_id), None)
    if found is None:
        raise HTTPException(status_code=404)
    view = TableView(
        f"Beslutstabell {found.label}",
        found,
        rules.rule_set,
        RULE_SET_STATUS_LABELS,
        HIT_POLICY_SV,
    )
    return render(request, "rule_sets/table.html", view)


@router.get("/insatser")
def catalogue(request: Request, user: RulesReader, rules: RulesDep) -> Response:
    """Show the intervention catalogue grouped by party."""
    rule_set = rules.rule_set
    by_party = {
        party: sorted(
            (i for i in rule_set.interventions.values() if i.party == party), key=lambda i: i.name
        )
        for party in rule_set.partners
    }
    view = CatalogueView(
        "Insatskatalog",
        rule_set,
        {party: items for party, items in by_party.items() if items},
        LANES,
        PHASES,
    )
    return render(request, "rule_sets/catalogue.html", view)


@router.post("/ladda-om")
def reload(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    rules: RulesDep,
    user: RulesEditor,
    today: TodayDep,
) -> Response:
    """Check the rules folder strictly and store it as a new draft version if it is clean.

    Nothing is put to use here: a stored version proposes only once the steering group
    has approved it and its effective date has come.
    """
    try:
        stored = rule_versions.store_rule_folder(
            session, settings.rules_dir, by=user, source="import"
        )
    except RuleVersionError as error:
        session.rollback()
        record_event(session, "rules_reload_refused", user=user, object_type="rule_set")
        return _overview(request, session, settings, rules, today, reload_errors=error.errors)
    version = stored.version
    if not stored.created:
        message = f"Regelfilerna är oförändrade: de finns redan som version {version.version}."
        return _overview(request, session, settings, rules, today, reload_notice=message)
    return flash.redirect(
        request,
        f"/regelverk/versioner/{version.id}",
        f"Regelfilerna är sparade som utkast {version.version} ({version.hash[:12]}).",
    )
