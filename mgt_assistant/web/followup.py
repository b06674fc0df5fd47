"""Follow-up: ending a plan, the 6/12-month follow-ups, the results page and the export."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
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


def _end_page(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    application: Application,
    values: dict[str, str],
    error: str = "",
) -> Response:
    try:
        plan = service.plan_to_end(session, application)
    except ServiceError as problem:
        raise HTTPException(status_code=409, detail=str(problem)) from None
    outcomes = rules.rule_set.outcomes
    view = pages.EndPlanView(
        "Avsluta plan",
        application,
        plan.interventions,
        _options(outcomes.end_reasons),
        _options(outcomes.income_sources),
        values,
        error,
    )
    return render(request, "followup/end.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/avsluta")
def end_form(
    request: Request, session: SessionDep, user: CaseWorker, rules: RulesDep, application_id: int
) -> Response:
    """Show the form that records how the plan ended."""
    application = _case(session, user, application_id)
    values = {"end_date": swedish_time.today().isoformat()}
    return _end_page(request, session, rules, application, values)


@router.post("/arenden/{application_id}/avsluta")
def end_plan(
    request: Request,
    session: SessionDep,
    user: CaseWorker,
    rules: RulesDep,
    form: FormDep,
    application_id: int,
) -> Response:
    """Record how the plan ended; the case moves to Uppföljning."""
    application = _case(session, user, application_id)
    today = swedish_time.today()
    results = {k.removeprefix("utfall-"): v for k, v in form.items() if k.startswith("utfall-")}
    try:
        service.end_plan(
            session,
            application=application,
            by=user,
            rule_set=rules.rule_set,
            end_date=_day(form.get("end_date"), today, "avslutsdatum"),
            end_reason=form.get("end_reason", ""),
            income_source=form.get("income_source", ""),
            results={k: v for k, v in results.items() if v},
            today=today,
        )
    except (FollowUpError, ServiceError) as problem:
        session.rollback()
        return _end_page(request, session, rules, application, form, str(problem))
    return flash.redirect(
        request,
        "/uppfoljning/att-folja-upp",
        "Planen är avslutad. Uppföljning efter 6 och 12 månader finns i listan.",
    )


def _answer_page(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    application: Application,
    months: int,
    values: dict[str, str],
    error: str = "",
) -> Response:
    ended = service.ended_plan(session, application)
    if ended is None or months not in FOLLOW_UP_MONTHS:
        raise HTTPException(status_code=404)
    due = ended.due_6m if months == 6 else ended.due_12m
    view = pages.AnswerView(
        f"Uppföljning efter {months} månader",
        application,
        months,
        due,
        _options(rules.rule_set.outcomes.income_sources),
        values,
        error,
    )
    return render(request, "followup/answer.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/{months}-manader")
def answer_form(
    request: Request,
    session: SessionDep,
    user: CaseWorker,
    rules: RulesDep,
    application_id: int,
    months: int,
) -> Response:
    """Show the short follow-up form."""
    application = _case(session, user, application_id)
    values = {"answered_on": swedish_time.today().isoformat()}
    return _answer_page(request, session, rules, application, months, values)


@router.post("/arenden/{application_id}/{months}-manader")
def record_answer(
    request: Request,
    session: SessionDep,
    user: CaseWorker,
    rules: RulesDep,
    form: FormDep,
    application_id: int,
    months: int,
) -> Response:
    """Record a 6- or 12-month follow-up."""
    application = _case(session, user, application_id)
    today = swedish_time.today()
    try:
        service.record_follow_up(
            session,
            application=application,
            by=user,
            rule_set=rules.rule_set,
            months=months,
            result=form.get("result", ""),
            income_source=form.get("income_source", ""),
            answered_on=_day(form.get("answered_on"), today, "datumet"),
            today=today,
        )
    except (FollowUpError, ServiceError) as problem:
        session.rollback()
        return _answer_page(request, session, rules, application, months, form, str(problem))
    return flash.redirect(
        request, "/uppfoljning/att-folja-upp", f"Uppföljningen efter {months} månader är sparad."
    )


def _rating_page(
    request: Request,
    session: SessionDep,
    application: Application,
    values: Mapping[str, str],
    error: str = "",
) -> Response:
    view = pages.RatingView(
        "Egen skattning", application, notes.ratings_of(session, application), values, error
    )
    return render(request, "followup/rating.html", view, status_code=400 if error else 200)


@router.get("/arenden/{application_id}/skattning")
def rating_form(
    request: Request, session: SessionDep, user: CaseWorker, application_id: int
) -> Response:
    """Show the person's own rating: the scores so far and a form for one occasion."""
    application = _case(session, user, application_id)
    values = {"recorded_on": swedish_time.today().isoformat()}
    return _rating_page(request, session, application, values)


@router.post("/arenden/{application_id}/skattning")
def record_rating(
    request: Request, session: SessionDep, user: CaseWorker, form: FormDep, application_id: int
) -> Response:
    """Save the person's own rating for one occasion."""
    application = _case(session, user, application_id)
    today = swedish_time.today()
    try:
        saved = notes.record_self_rating(
            session,
            application=application,
            by=user,
            occasion=form.get("occasion", ""),
            scores={k: form.get(k, "") for k in notes.RATING_ITEMS},
            recorded_on=_day(form.get("recorded_on"), today, "datumet"),
            today=today,
        )
    except FollowUpError as problem:
        session.rollback()
        return _rating_page(request, session, application, form, str(problem))
    return flash.redirect(
        request,
        f"/uppfoljning/arenden/{application_id}/skattning",
        f"Skattningen är sparad ({saved} frågor).",
    )
