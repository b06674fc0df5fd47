"""Regelverksversioner: store, review, approve, send back and try rule-set versions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request, UploadFile
from pydantic import Field
from starlette.responses import Response

from mgt_assistant.db.models import Role, RuleSetVersion, User
from mgt_assistant.domain.governance import diff_rule_sets
from mgt_assistant.domain.rules import run_scenarios
from mgt_assistant.domain.rules.model import HIT_POLICY_SV, SEVERITY_SV
from mgt_assistant.services import rule_review, rule_upload
from mgt_assistant.services import rule_versions as versions
from mgt_assistant.services.rule_versions import RuleVersionError
from mgt_assistant.web import flash
from mgt_assistant.web.deps import (
    Admin,
    RulesEditor,
    RulesReader,
    SessionDep,
    SettingsDep,
    TodayDep,
    compiled_version,
    require_roles,
)
from mgt_assistant.web.forms import FormModel, FormRead, FormText, form_of
from mgt_assistant.web.rendering import render
from mgt_assistant.web.rule_version_views import (
    SOURCE_LABELS,
    VersionPage,
    severity_counts,
    version_rows,
)

router = APIRouter(prefix="/regelverk/versioner")

SteeringGroup = Annotated[User, Depends(require_roles(Role.STYRGRUPP))]


class ApprovalForm(FormModel):
    """The steering group's approval: the minutes it stands in and the day it takes effect."""

    minutes_reference: str = Field(max_length=versions.MINUTES_MAX)
    effective_from: date


ApprovalRead = Annotated[FormRead[ApprovalForm], form_of(ApprovalForm)]


def _page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    version: RuleSetVersion,
    today: date,
    *,
    errors: tuple[str, ...] = (),
    status_code: int = 200,
) -> Response:
    rules = compiled_version(session, version)
    rows = version_rows(session, versions.list_versions(session), today)
    row = next(r for r in rows if r.version.id == version.id)
    in_use = versions.version_in_use(session, today=today, demo=settings.demo)
    diff = None
    if in_use is not None and in_use.version.id != version.id:
        diff = diff_rule_sets(compiled_version(session, in_use.version).rule_set, rules.rule_set)
    role = request.state.user.role
    view = VersionPage(
        title=f"Regelverk version {version.version}",
        row=row,
        rule_set=rules.rule_set,
        findings=rules.findings,
        severity_counts=severity_counts(rules.findings),
        severity_sv=SEVERITY_SV,
        scenarios=run_scenarios(rules.rule_set, rules.recommender).results,
        hit_policy_words=HIT_POLICY_SV,
        source_labels=SOURCE_LABELS,
        comment_counts=rule_review.comment_counts(session, version),
        others=[r for r in rows if r.version.id != version.id],
        in_use=in_use.version if in_use is not None else None,
        diff=diff,
        replay=rule_review.stored_replay(version),
        can_review=role in (Role.STYRGRUPP, Role.ADMIN),
        can_approve=role is Role.STYRGRUPP,
        demo=settings.demo,
        today=today,
        errors=errors,
    )
    return render(request, "rule_sets/version.html", view, status_code=status_code)


def _url(version: RuleSetVersion) -> str:
    return f"/regelverk/versioner/{version.id}"


@router.get("/{version_id}")
def version_page(
    request: Request,
    version_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: RulesReader,
    today: TodayDep,
) -> Response:
    """Show one version for review: facts, tables, findings, scenarios, diff and replay.

    :raise 404: for an unknown version.
    """
    return _page(request, session, settings, versions.get_version(session, version_id), today)


@router.post("/ladda-upp")
async def upload(request: Request, session: SessionDep, user: Admin, file: UploadFile) -> Response:
    """Store an uploaded zip of a rules folder as a draft, after the strict check."""
    data = await file.read(rule_upload.MAX_UPLOAD_BYTES + 1)
    try:
        stored = rule_upload.store_upload(session, data, by=user)
    except RuleVersionError as error:
        session.rollback()
        return flash.redirect(request, "/regelverk#versioner", str(error))
    text = (
        f"Versionen sparades som utkast ({stored.version.hash[:12]})."
        if stored.created
        else f"Samma innehåll finns redan som version {stored.version.version} "
        f"({stored.version.hash[:12]}); inget nytt sparades."
    )
    return flash.redirect(request, _url(stored.version), text)


@router.post("/{version_id}/granskning")
def submit(request: Request, version_id: int, session: SessionDep, user: RulesEditor) -> Response:
    """Send a draft to the steering group's review."""
    try:
        version = versions.submit_for_review(session, version_id, by=user)
    except RuleVersionError as error:
        return flash.redirect(request, f"/regelverk/versioner/{version_id}", str(error))
    return flash.redirect(request, _url(version), "Versionen är skickad på granskning.")


@router.post("/{version_id}/godkann")
def approve(
    request: Request,
    version_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: SteeringGroup,
    today: TodayDep,
    form: ApprovalRead,
) -> Response:
    """Approve a version under review with a minutes reference and an effective date."""
    version = versions.get_version(session, version_id)
    if not form.ok or form.model is None:
        messages = {
            "minutes_reference": "Protokoll",
            "effective_from": "Gäller från (ange ett datum, t.ex. 2027-01-01)",
        }
        errors = tuple(f"{messages.get(k, k)}: {v}" for k, v in form.errors.items())
        return _page(request, session, settings, version, today, errors=errors, status_code=422)
    try:
        versions.approve(
            session,
            version_id,
            by=user,
            minutes_reference=form.model.minutes_reference,
            effective_from=form.model.effective_from,
            today=today,
        )
    except RuleVersionError as error:
        return _page(
            request, session, settings, version, today, errors=(str(error),), status_code=422
        )
    start = form.model.effective_from
    text = (
        "Versionen är godkänd och gäller från i dag."
        if start <= today
        else f"Versionen är godkänd och börjar gälla {start.isoformat()}."
    )
    return flash.redirect(request, _url(version), text)


@router.post("/{version_id}/tillbaka")
def send_back(
    request: Request,
    version_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: RulesEditor,
    today: TodayDep,
    note: FormText = "",
) -> Response:
    """Send a version under review back to draft with a note on what to change."""
    try:
        version = versions.send_back(session, version_id, by=user, note=note)
    except RuleVersionError as error:
        version = versions.get_version(session, version_id)
        return _page(
            request, session, settings, version, today, errors=(str(error),), status_code=422
        )
    return flash.redirect(request, _url(version), "Versionen är skickad tillbaka som utkast.")


@router.post("/{version_id}/prova")
def try_in_demo(
    request: Request,
    version_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: RulesEditor,
) -> Response:
    """Demo mode: let meetings propose from this unapproved version, with a banner."""
    try:
        version = versions.try_in_demo(session, version_id, by=user, demo=settings.demo)
    except RuleVersionError as error:
        return flash.redirect(request, f"/regelverk/versioner/{version_id}", str(error))
    return flash.redirect(
        request, _url(version), "Mötena föreslår nu från utkastet (med banner, demoläge)."
    )


@router.post("/sluta-prova")
def end_trial(request: Request, session: SessionDep, user: RulesEditor) -> Response:
    """Demo mode: go back to the approved version in force."""
    versions.end_demo_trial(session, by=user)
    return flash.redirect(
        request, "/regelverk", "Mötena föreslår åter från det godkända regelverket."
    )
