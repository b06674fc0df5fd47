"""Regelverk: the steering group reads, checks and reloads the rule set the app uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from mgt_assistant.db.models import Role
from mgt_assistant.domain.rules import Finding, RuleSet, RuleSetError, run_scenarios
from mgt_assistant.domain.rules.model import (
    LANES,
    PHASES,
    SEVERITY_SV,
    DecisionTable,
    Intervention,
    Severity,
)
from mgt_assistant.domain.rules.scenarios import ScenarioResult
from mgt_assistant.services.audit import record_event
from mgt_assistant.web.active_rules import load_active_rules
from mgt_assistant.web.deps import RulesDep, RulesEditor, RulesReader, SessionDep, SettingsDep
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/regelverk")

RULE_SET_STATUS_LABELS = {
    "draft": "Utkast",
    "in_review": "Under granskning",
    "approved": "Godkänd",
    "retired": "Avvecklad",
}
HIT_POLICY_SV = {
    "COLLECT": "alla rader som matchar",
    "FIRST": "första raden som matchar",
    "PRIORITY": "raden med högst prioritet",
    "UNIQUE": "högst en rad får matcha",
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
    rules: RulesDep,
    *,
    reload_errors: Sequence[str] = (),
    reload_notice: str | None = None,
) -> Response:
    rule_set = rules.rule_set
    report = run_scenarios(rule_set, rules.recommender)
    covered, total = report.coverage(rule_set)
    view = OverviewView(
        title="Regelverk",
        rule_set=rule_set,
        findings=rules.findings,
        severity_counts=Counter(f.severity for f in rules.findings),
        severity_sv=SEVERITY_SV,
        scenarios=report.results,
        covered=covered,
        total_rows=total,
        status_sv=RULE_SET_STATUS_LABELS,
        hit_policy_sv=HIT_POLICY_SV,
        can_reload=request.state.user.role in (Role.STYRGRUPP, Role.ADMIN),
        reload_errors=reload_errors,
        reload_notice=reload_notice,
    )
    return render(request, "rule_sets/index.html", view)


@router.get("")
def overview(request: Request, user: RulesReader, rules: RulesDep) -> Response:
    """Show version, hash, tables with their approval, findings and golden scenarios."""
    return _overview(request, rules)


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
) -> Response:
    """Check the rule files again and switch to them only if they have no errors."""
    try:
        fresh = load_active_rules(settings.rules_dir)
    except RuleSetError as error:
        record_event(session, "rules_reload_refused", user=user, object_type="rule_set")
        return _overview(request, rules, reload_errors=[str(f) for f in error.findings])
    request.app.state.rules = fresh
    record_event(
        session,
        "rules_reloaded",
        user=user,
        object_type="rule_set",
        object_id=fresh.rule_set.short_hash,
    )
    new = fresh.rule_set
    message = (
        "Regelverket är oförändrat."
        if new.hash == rules.rule_set.hash
        else f"Regelverket version {new.version} ({new.short_hash}) används nu."
    )
    return _overview(request, fresh, reload_notice=message)
