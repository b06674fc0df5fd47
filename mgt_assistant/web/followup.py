"""Follow-up: ending a plan, the 6/12-month follow-ups, the results page and the export."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlmodel import Session
from starlette.responses import Response

from mgt_assistant.db.models import Application, Role, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.followup import FOLLOW_UP_MONTHS, FollowUpError, to_csv, to_xlsx
from mgt_assistant.domain.followup.export import EXPORT_GENDERS
from mgt_assistant.domain.parties import PARTIES, PARTY_NAMES
from mgt_assistant.domain.referral import AGE_BANDS
from mgt_assistant.services import followup as service
from mgt_assistant.services import followup_notes as notes
from mgt_assistant.services.errors import NotFound, ServiceError
from mgt_assistant.web import flash
from mgt_assistant.web import followup_views as pages
from mgt_assistant.web.active_rules import ActiveRules
from mgt_assistant.web.deps import CurrentUser, RulesDep, RulesReader, SessionDep, require_roles
from mgt_assistant.web.forms import FormDep
from mgt_assistant.web.rendering import render

router = APIRouter(prefix="/uppfoljning")
# Who ends plans and follows them up: the team, and the referrer for their own cases.
CaseWorker = Annotated[User, Depends(require_roles(Role.MGT, Role.REMITTENT))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(text: str | None, default: date, what: str) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FollowUpError(f"Skriv {what} som ÅÅÅÅ-MM-DD.") from None


def _choice(value: str | None, allowed: Collection[str]) -> str | None:
    # An unknown filter value is ignored rather than trusted.
    return value if value and value in allowed else None


def _filter(request: Request, rules: RulesDep) -> service.ResultFilter:
    today = swedish_time.today()
    query = request.query_params
    return service.ResultFilter(
        start=_day(query.get("fran"), date(today.year - 1, 1, 1), "periodens början"),
        end=_day(query.get("till"), today, "periodens slut"),
        party=_choice(query.get("part"), PARTIES),
        gender=_choice(query.get("kon"), EXPORT_GENDERS),
        age_group=_choice(query.get("alder"), [*AGE_BANDS, "okand"]),
        intervention=_choice(query.get("insats"), rules.rule_set.interventions),
    )


def _case(session: SessionDep, user: User, application_id: int) -> Application:
    try:
        return service.case_for(session, user=user, application_id=application_id)
    except NotFound:
        raise HTTPException(status_code=404) from None


@dataclass(frozen=True)
class CaseForm:
    """A follow-up form on one case: who fills it in, on which case, under which rules."""

    request: Request
    session: Session
    user: User
    rules: ActiveRules
    application: Application


def _case_form(
    request: Request, session: SessionDep, user: CaseWorker, rules: RulesDep, application_id: int
) -> CaseForm:
    return CaseForm(request, session, user, rules, _case(session, user, application_id))


# A case worker's form on ``{application_id}`` (404 for a case the user may not see).
CaseFormDep = Annotated[CaseForm, Depends(_case_form)]


@router.get("")
def results_page(
    request: Request, session: SessionDep, user: RulesReader, rules: RulesDep
) -> Response:
    """Show the results against the targets, per intervention, at 6/12 months and by quarter."""
    today = swedish_time.today()
    error, found = "", None
    try:
        chosen = _filter(request, rules)
        found = service.results(session, rule_set=rules.rule_set, chosen=chosen)
    except FollowUpError as problem:
        error = str(problem)
        chosen = service.ResultFilter(date(today.year - 1, 1, 1), today)
    params = {"fran": chosen.start.isoformat(), "till": chosen.end.isoformat()}
    parties = tuple((p, PARTY_NAMES[p]) for p in PARTIES)
    interventions = tuple(
        sorted(service.intervention_labels(rules.rule_set).items(), key=lambda i: i[1])
    )
    view = pages.ResultsView(
        "Uppföljning",
        chosen,
        found,
        error,
        parties,
        interventions,
        pages.target_chart(found.targets.period) if found else None,
        pages.trend_chart(found.targets.quarters) if found else None,
        urlencode(
            {
                **params,
                **{
                    k: v
                    for k, v in (
                        ("part", chosen.party),
                        ("kon", chosen.gender),
                        ("alder", chosen.age_group),
                        ("insats", chosen.intervention),
                    )
                    if v
                },
            }
        ),
        pages.describe_filter(chosen, parties, interventions),
        notes.rating_changes(session, chosen.start, chosen.end) if found else [],
    )
    return render(request, "followup/results.html", view, status_code=400 if error else 200)


@router.get("/export.{extension}")
def export_file(
    request: Request, session: SessionDep, user: RulesReader, rules: RulesDep, extension: str
) -> Response:
    """Download the national follow-up export for the period as CSV or XLSX."""
    if extension not in ("csv", "xlsx"):
        raise HTTPException(status_code=404)
    try:
        chosen = _filter(request, rules)
        rows = service.export(session, rule_set=rules.rule_set, chosen=chosen, by=user)
    except FollowUpError as problem:
        return Response(str(problem), status_code=400, media_type="text/plain; charset=utf-8")
    name = f"uppfoljning-finsam-{chosen.start.isoformat()}-{chosen.end.isoformat()}.{extension}"
    body, media = (
        (to_csv(rows), "text/csv; charset=utf-8")
        if extension == "csv"
        else (
            to_xlsx(rows),
            XLSX,
        )
    )
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/att-folja-upp")
def due_list(request: Request, session: SessionDep, user: CaseWorker) -> Response:
    """List the follow-ups not yet made, earliest due first."""
    items = service.due_follow_ups(session, user=user)
    to_end = service.plans_to_end(session, user=user)
    view = pages.DueView("Att följa upp", items, swedish_time.today(), to_end)
    return render(request, "followup/due.html", view)


@router.get("/paminnelse")
def reminder(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """Return the home page's reminder fragment, or nothing when no follow-up is near."""
    overdue, soon = service.reminder_count(session, user=user, today=swedish_time.today())
    if overdue + soon == 0:
        return Response(status_code=204)
    view = pages.ReminderView("Påminnelse", overdue, soon)
    return render(request, "followup/_reminder.html", view, fragment="followup/_reminder.html")


def _options(mapping: Mapping[str, str]) -> pages.Options:
    return tuple(mapping.items())


def _end_page(on: CaseForm, values: Mapping[str, str], error: str = "") -> Response:
    try:
        plan = service.plan_to_end(on.session, on.application)
    except ServiceError as problem:
        raise HTTPException(status_code=409, detail=str(problem)) from None
    outcomes = on.rules.rule_set.outcomes
    view = pages.EndPlanView(
        "Avsluta plan",
        on.application,
        plan.interventions,
        _options(outcomes.end_reasons),
        _options(outcomes.income_sources),
        dict(values),
        error,
    )
    return render(on.request, "followup/end.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/avsluta")
def end_form(on: CaseFormDep) -> Response:
    """Show the form that records how the plan ended."""
    return _end_page(on, {"end_date": swedish_time.today().isoformat()})


@router.post("/arenden/{application_id}/avsluta")
def end_plan(on: CaseFormDep, form: FormDep) -> Response:
    """Record how the plan ended; the case moves to Uppföljning."""
    today = swedish_time.today()
    results = {k.removeprefix("utfall-"): v for k, v in form.items() if k.startswith("utfall-")}
    try:
        service.end_plan(
            on.session,
            application=on.application,
            by=on.user,
            rule_set=on.rules.rule_set,
            end_date=_day(form.get("end_date"), today, "avslutsdatum"),
            end_reason=form.get("end_reason", ""),
            income_source=form.get("income_source", ""),
            results={k: v for k, v in results.items() if v},
            today=today,
        )
    except (FollowUpError, ServiceError) as problem:
        on.session.rollback()
        return _end_page(on, form, str(problem))
    return flash.redirect(
        on.request,
        "/uppfoljning/att-folja-upp",
        "Planen är avslutad. Uppföljning efter 6 och 12 månader finns i listan.",
    )


def _answer_page(on: CaseForm, months: int, values: Mapping[str, str], error: str = "") -> Response:
    ended = service.ended_plan(on.session, on.application)
    if ended is None or months not in FOLLOW_UP_MONTHS:
        raise HTTPException(status_code=404)
    due = ended.due_6m if months == 6 else ended.due_12m
    view = pages.AnswerView(
        f"Uppföljning efter {months} månader",
        on.application,
        months,
        due,
        _options(on.rules.rule_set.outcomes.income_sources),
        dict(values),
        error,
    )
    return render(on.request, "followup/answer.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/{months}-manader")
def answer_form(on: CaseFormDep, months: int) -> Response:
    """Show the short follow-up form."""
    return _answer_page(on, months, {"answered_on": swedish_time.today().isoformat()})


@router.post("/arenden/{application_id}/{months}-manader")
def record_answer(on: CaseFormDep, form: FormDep, months: int) -> Response:
    """Record a 6- or 12-month follow-up."""
    today = swedish_time.today()
    try:
        service.record_follow_up(
            on.session,
            application=on.application,
            by=on.user,
            rule_set=on.rules.rule_set,
            months=months,
            result=form.get("result", ""),
            income_source=form.get("income_source", ""),
            answered_on=_day(form.get("answered_on"), today, "datumet"),
            today=today,
        )
    except (FollowUpError, ServiceError) as problem:
        on.session.rollback()
        return _answer_page(on, months, form, str(problem))
    return flash.redirect(
        on.request,
        "/uppfoljning/att-folja-upp",
        f"Uppföljningen efter {months} månader är sparad.",
    )


def _rating_page(on: CaseForm, values: Mapping[str, str], error: str = "") -> Response:
    ratings = notes.ratings_of(on.session, on.application)
    view = pages.RatingView("Egen skattning", on.application, ratings, values, error)
    return render(on.request, "followup/rating.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/skattning")
def rating_form(on: CaseFormDep) -> Response:
    """Show the person's own rating: the scores so far and a form for one occasion."""
    return _rating_page(on, {"recorded_on": swedish_time.today().isoformat()})


@router.post("/arenden/{application_id}/skattning")
def record_rating(on: CaseFormDep, form: FormDep) -> Response:
    """Save the person's own rating for one occasion."""
    today = swedish_time.today()
    try:
        saved = notes.record_self_rating(
            on.session,
            application=on.application,
            by=on.user,
            occasion=form.get("occasion", ""),
            scores={k: form.get(k, "") for k in notes.RATING_ITEMS},
            recorded_on=_day(form.get("recorded_on"), today, "datumet"),
            today=today,
        )
    except FollowUpError as problem:
        on.session.rollback()
        return _rating_page(on, form, str(problem))
    return flash.redirect(
        on.request,
        f"/uppfoljning/arenden/{on.application.id}/skattning",
        f"Skattningen är sparad ({saved} frågor).",
    )
