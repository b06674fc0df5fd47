"""Follow-up use cases: ending a plan, a 6/12-month follow-up, the due list, the results.

Each change is one transaction with its audit row. The results and the export
are ``GROUP BY`` queries (``db.followup``) handed to the pure core, which
suppresses every figure below 5 before anything is shown or written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from mgt_assistant.db import followup as store
from mgt_assistant.db.applications import meeting_for
from mgt_assistant.db.meetings import versions_of
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    FollowUpRecord,
    PlanEnd,
    PlanEndIntervention,
    PlanVersion,
    Role,
    UnmetNeedEntry,
    User,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.followup import (
    EXPORT_VARIABLES,
    CountTable,
    ExportRow,
    FollowUpError,
    SocioEconomicEstimate,
    TargetReport,
    UnmetRegister,
    age_group,
    export_rows,
    follow_up_due,
    follow_up_table,
    intervention_results,
    read_ended_case,
    read_follow_up,
    socio_economic_estimate,
    target_report,
    unmet_register,
)
from mgt_assistant.domain.followup.export import UNKNOWN
from mgt_assistant.domain.meeting.versions import snapshot_rows
from mgt_assistant.domain.referral import AGE_BANDS, stored_age_range
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.services.access import decision_for, only_visible, record_denial
from mgt_assistant.services.errors import NotFound, ServiceError

ResultFilter = store.ResultFilter
# Reminders on the home page: due within this many days, or overdue.
REMINDER_DAYS = 14


class FollowUpServiceError(ServiceError):
    """The follow-up step is not allowed now; the message is one Swedish sentence."""


@dataclass(frozen=True)
class PlanToEnd:
    """The decided plan of a case: its version and the interventions to give an outcome for."""

    version: PlanVersion
    interventions: tuple[tuple[str, str], ...]  # (intervention id, name as decided)


@dataclass(frozen=True)
class DueFollowUp:
    """One follow-up not yet answered: which case, 6 or 12 months, and when it is due."""

    plan_end: PlanEnd
    application: Application
    months: int
    due: date

    def overdue(self, today: date) -> bool:
        """Tell whether the due date has passed."""
        return self.due < today


@dataclass(frozen=True)
class Results:
    """Every figure of the results page, already suppressed by the core."""

    chosen: ResultFilter
    targets: TargetReport
    per_intervention: Mapping[int | None, CountTable]
    follow_ups: CountTable
    estimate: SocioEconomicEstimate
    unmet: UnmetRegister


def _refuse(message: str, session: Session) -> FollowUpServiceError:
    session.rollback()
    return FollowUpServiceError(message)


def plan_to_end(session: Session, application: Application) -> PlanToEnd:
    """Return the latest decided plan of a case.

    :raise FollowUpServiceError: when the case has no decided plan.
    """
    meeting = meeting_for(session, application_id=_id(application))
    versions = versions_of(session, meeting.id) if meeting and meeting.id else []
    if not versions:
        raise FollowUpServiceError("Ärendet har ingen beslutad plan att avsluta.")
    rows = [r for r in snapshot_rows(versions[0].snapshot) if r.item.status != "struken"]
    named = {r.item.intervention_id: r.name for r in rows}
    return PlanToEnd(versions[0], tuple(sorted(named.items(), key=lambda item: item[1])))


def ended_plan(session: Session, application: Application) -> PlanEnd | None:
    """Return how the case's plan ended, if it has."""
    return session.exec(
        select(PlanEnd).where(col(PlanEnd.application_id) == _id(application))
    ).first()


def _id(application: Application) -> int:
    if application.id is None:
        raise ValueError("application is not saved")
    return application.id


def _age_group(application: Application, start: date) -> str:
    """Return the age band at the start of the plan, or ``okand`` when the band is unsure."""
    if application.age_band in AGE_BANDS:
        return application.age_band
    ages = stored_age_range(
        personnummer=application.personnummer,
        birth_year=application.birth_year,
        age_band=application.age_band,
        today=start,
    )
    if ages is None:
        return UNKNOWN
    low, high = age_group(ages[0]), age_group(ages[1])
    return low if low == high else UNKNOWN


def end_plan(
    session: Session,
    *,
    application: Application,
    by: User,
    rule_set: RuleSet,
    end_date: date,
    end_reason: str,
    income_source: str,
    results: Mapping[str, str],
    today: date,
) -> PlanEnd:
    """Record how the plan ended and move the case to Uppföljning.

    :raise FollowUpServiceError: when the case has no decided plan or has already ended.
    :raise FollowUpError: when the form is wrong (Swedish, from the core).
    """
    # Uppföljning without a recorded end: a case moved on by a status button before the
    # end form was required; its end can still be recorded.
    if application.status not in (ApplicationStatus.PLAN_DECIDED, ApplicationStatus.FOLLOW_UP):
        raise FollowUpServiceError("Bara ett ärende med beslutad plan kan avslutas.")
    if ended_plan(session, application) is not None:
        raise FollowUpServiceError("Planen är redan avslutad.")
    plan = plan_to_end(session, application)
    start = min(v.decision_date for v in versions_of(session, plan.version.meeting_id))
    ended = read_ended_case(
        rule_set.outcomes,
        plan_interventions=[i for i, _ in plan.interventions],
        end_date=end_date,
        end_reason=end_reason,
        income_source=income_source,
        results=results,
        start_date=start,
        today=today,
    )
    record = PlanEnd(
        application_id=_id(application),
        plan_version_id=plan.version.id,
        start_date=start,
        end_date=ended.end_date,
        end_reason=ended.end_reason,
        income_source_at_end=ended.income_source_at_end,
        age_group=_age_group(application, start),
        due_6m=follow_up_due(ended.end_date, 6),
        due_12m=follow_up_due(ended.end_date, 12),
        recorded_by_user_id=by.id,
    )
    session.add(record)
    session.flush()
    if record.id is None:
        raise ValueError("plan end was not saved")
    for result in ended.interventions:
        session.add(
            PlanEndIntervention(
                plan_end_id=record.id, intervention_id=result.intervention, outcome=result.outcome
            )
        )
    application.status = ApplicationStatus.FOLLOW_UP
    session.add(application)
    add_audit(session, "plan_ended", user=by, object_type="application", object_id=application.id)
    session.commit()
    session.refresh(record)
    return record


def record_follow_up(
    session: Session,
    *,
    application: Application,
    by: User,
    rule_set: RuleSet,
    months: int,
    result: str,
    income_source: str,
    answered_on: date,
    today: date,
) -> FollowUpRecord:
    """Record a 6- or 12-month follow-up; the 12-month one closes the case (Avslutad).

    :raise FollowUpServiceError: when the plan has not ended or the follow-up is already done.
    :raise FollowUpError: when the form is wrong.
    """
    ended = ended_plan(session, application)
    if ended is None or ended.id is None:
        raise FollowUpServiceError("Planen är inte avslutad än, så det finns inget att följa upp.")
    answer = read_follow_up(
        rule_set.outcomes,
        end_date=ended.end_date,
        months=months,
        result=result,
        income_source=income_source,
        answered_on=answered_on,
        today=today,
    )
    done = session.exec(
        select(FollowUpRecord).where(
            col(FollowUpRecord.plan_end_id) == ended.id, col(FollowUpRecord.months) == months
        )
    ).first()
    if done is not None:
        raise FollowUpServiceError(f"Uppföljningen efter {months} månader är redan gjord.")
    record = FollowUpRecord(
        plan_end_id=ended.id,
        months=answer.months,
        result=answer.result,
        income_source=answer.income_source,
        answered_on=answer.answered_on,
        recorded_by_user_id=by.id,
    )
    session.add(record)
    if months == 12 and application.status is ApplicationStatus.FOLLOW_UP:
        application.status = ApplicationStatus.CLOSED
        session.add(application)
    add_audit(
        session, "follow_up_recorded", user=by, object_type="application", object_id=application.id
    )
    session.commit()
    session.refresh(record)
    return record


def due_follow_ups(session: Session, *, user: User, until: date | None = None) -> list[DueFollowUp]:
    """Return unanswered follow-ups due by ``until`` (all when None) that the user may see.

    A referrer sees their own cases; a team member the cases the person's consent
    lets them see; the steering group and admins see no cases.
    """
    if user.role not in (Role.MGT, Role.REMITTENT):
        return []
    limit = until or date.max
    # The one access rule, in SQL: a referrer's own cases, the team's by consent.
    query = only_visible(store.due_query(limit, None), user)
    return [
        DueFollowUp(plan_end, application, int(months), due)
        for plan_end, application, months, due in session.execute(query)
    ]


def plans_to_end(session: Session, *, user: User) -> list[Application]:
    """Return the cases with a decided plan that the user may end, oldest first."""
    if user.role not in (Role.MGT, Role.REMITTENT):
        return []
    query = select(Application).where(col(Application.status) == ApplicationStatus.PLAN_DECIDED)
    return list(session.exec(only_visible(query, user).order_by(col(Application.id))).all())


def reminder_count(session: Session, *, user: User, today: date) -> tuple[int, int]:
    """Return (overdue, due within REMINDER_DAYS) follow-ups for the home page."""
    due = due_follow_ups(session, user=user, until=today + timedelta(days=REMINDER_DAYS))
    overdue = sum(1 for item in due if item.overdue(today))
    return overdue, len(due) - overdue


def intervention_labels(rule_set: RuleSet) -> dict[str, str]:
    """Return each intervention's Swedish name."""
    return {i: item.name for i, item in rule_set.interventions.items()}


def results(session: Session, *, rule_set: RuleSet, chosen: ResultFilter) -> Results:
    """Return every figure for the period and filters, suppressed ("< 5").

    :raise FollowUpError: when the period is backwards.
    """
    if chosen.end < chosen.start:
        raise FollowUpError("Periodens slut ligger före dess början.")
    outcomes = rule_set.outcomes
    targets = target_report(outcomes, store.end_counts(session, chosen))
    per_intervention = intervention_results(
        outcomes, store.intervention_counts(session, chosen), intervention_labels(rule_set)
    )
    follow_ups = follow_up_table(store.follow_up_counts(session, chosen))
    need_labels = {n: rule_set.taxonomy.label(n) for n in _recorded_needs(session)}
    unmet = unmet_register(
        store.unmet_counts(session, chosen.start, chosen.end),
        store.unmet_texts(session, chosen.start, chosen.end),
        need_labels,
    )
    estimate = socio_economic_estimate(outcomes, targets, follow_ups)
    return Results(chosen, targets, per_intervention, follow_ups, estimate, unmet)


def _recorded_needs(session: Session) -> Sequence[str]:
    return list(session.exec(select(col(UnmetNeedEntry.need_id)).distinct()).all())


def export(
    session: Session, *, rule_set: RuleSet, chosen: ResultFilter, by: User
) -> list[ExportRow]:
    """Return the national follow-up export's rows for the period; the download is logged."""
    if chosen.end < chosen.start:
        raise FollowUpError("Periodens slut ligger före dess början.")
    rows = export_rows(
        rule_set.outcomes,
        store.participant_counts(session, chosen, list(EXPORT_VARIABLES)),
        period_start=chosen.start,
        period_end=chosen.end,
        intervention_labels=intervention_labels(rule_set),
    )
    add_audit(session, "follow_up_exported", user=by, object_type="export")
    session.commit()
    return rows


def case_for(session: Session, *, user: User, application_id: int) -> Application:
    """Return a case the user may end or follow up: the referrer's own, or the team's by consent.

    :raise NotFound: when the user may not know the case.
    """
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound(application_id)
    own = user.role is Role.REMITTENT and application.referrer_user_id == user.id
    if application.status is ApplicationStatus.DRAFT and not own:
        raise NotFound(application_id)
    if not decision_for(session, user, application).allowed:
        record_denial(session, user, "application", application_id)
        raise NotFound(application_id)
    return application
