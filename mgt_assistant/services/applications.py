"""Applications to the MGT: saving and submitting, the status lifecycle and booking.

The lifecycle is ``utkast → inskickad → mottagen → bokad → plan beslutad →
uppföljning → avslutad``, or ``ej aktuell`` with the MGT's suggested
alternative. Booking creates the meeting: the application's goal, the
description as the first message (spoken by the referrer) and the needs found
in it, waiting for the team's review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from mgt_assistant.db.applications import (
    applications_query,
    find_application,
    meeting_for,
    save_needs,
    stored_needs,
)
from mgt_assistant.db.consent import excluded_parties, processing_blocked, record_consents
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Meeting,
    PlanEnd,
    User,
    utcnow,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.needs import Lexicon, NeedMention, read_text
from mgt_assistant.domain.referral import ValidatedApplication, stored_age_range
from mgt_assistant.services.access import only_visible
from mgt_assistant.services.errors import ServiceError
from mgt_assistant.services.meeting_log import record_need, say

Status = ApplicationStatus
__all__ = [
    "FORM_FIELDS",
    "NEXT_STEP",
    "TEAM_TRANSITIONS",
    "ApplicationError",
    "Status",
    "application_needs",
    "book_meeting",
    "change_status",
    "find_application",
    "mark_not_relevant",
    "meeting_for",
    "save_application",
    "submit_application",
    "visible_applications",
]

# Fields the form sets; everything else is owned by the lifecycle.
FORM_FIELDS = (
    "anonymous",
    "person_name",
    "personnummer",
    "birth_year",
    "age_band",
    "gender",
    "home_area",
    "income_source",
    "paying_party",
    "time_without_work",
    "education_level",
    "referrer_party",
    "referrer_unit",
    "referrer_name",
    "referrer_contact",
    "goal",
    "own_resources_tried",
    "description",
    "brings_companion",
    "person_informed",
    "payer_informed_and_approved",
    "consent_obtained",
)

# What the team may move an application to, from where.
TEAM_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.SUBMITTED}),
    Status.BOOKED: frozenset({Status.SUBMITTED, Status.RECEIVED, Status.BOOKED}),
    Status.NOT_RELEVANT: frozenset({Status.SUBMITTED, Status.RECEIVED}),
    Status.PLAN_DECIDED: frozenset({Status.BOOKED}),
    Status.FOLLOW_UP: frozenset({Status.PLAN_DECIDED}),
    Status.CLOSED: frozenset({Status.PLAN_DECIDED, Status.FOLLOW_UP}),
}
# The plain "next step" buttons (booking and "ej aktuell" need more input). A decided plan
# moves on only through the end form (services.followup.end_plan), never by a button.
NEXT_STEP: dict[Status, Status] = {
    Status.SUBMITTED: Status.RECEIVED,
    Status.BOOKED: Status.PLAN_DECIDED,
    Status.FOLLOW_UP: Status.CLOSED,
}
END_FORM_FIRST = (
    "Avsluta planen med formuläret ”Avsluta plan” (slutdatum, orsak, inkomst vid avslut och "
    "hur varje insats gick) innan ärendet får status Uppföljning eller Avslutad."
)


class ApplicationError(ServiceError):
    """The change is not allowed now; the message is Swedish."""


def visible_applications(session: Session, *, user: User) -> list[Application]:
    """Return the cases the one access rule lets the user see, newest first.

    A referrer's own (drafts too); the team's by consent (never a draft); none for
    admins and the steering group. Filtered in SQL (``services.access.only_visible``).
    """
    return list(session.exec(only_visible(applications_query(), user)).all())


def save_application(
    session: Session,
    *,
    validated: ValidatedApplication,
    by: User,
    lexicon: Lexicon,
    application: Application | None = None,
) -> Application:
    """Create or update a draft from validated form values, its consent choices and needs.

    The description is read for needs here, once; everything later uses what was stored.
    """
    if application is None:
        if by.id is None:
            raise ValueError("user is not saved")
        application = Application(referrer_user_id=by.id, referrer_party="", referrer_name="")
    elif application.status is not Status.DRAFT:
        raise ApplicationError("Ansökan är redan inskickad och kan inte ändras.")
    for name in FORM_FIELDS:
        setattr(application, name, validated.values[name])
    application.updated_at = utcnow()
    session.add(application)
    session.flush()
    if not application.anonymous:
        record_consents(session, application=application, choices=validated.consents, by=by)
    _read_needs(session, application, lexicon)
    add_audit(
        session, "application_saved", user=by, object_type="application", object_id=application.id
    )
    session.commit()
    session.refresh(application)
    return application


def submit_application(session: Session, *, application: Application, by: User) -> None:
    """Send a draft to the MGT."""
    if application.status is not Status.DRAFT:
        raise ApplicationError("Ansökan är redan inskickad.")
    application.status = Status.SUBMITTED
    application.submitted_at = application.updated_at = utcnow()
    _commit(session, application, "application_submitted", by)


def _check_transition(session: Session, application: Application, to: Status) -> None:
    if application.status not in TEAM_TRANSITIONS.get(to, frozenset()):
        raise ApplicationError("Ärendet kan inte få den statusen nu.")
    if to is not Status.CLOSED and processing_blocked(session, application):
        raise ApplicationError("Samtycket är återkallat: ärendet får inte behandlas vidare.")


def change_status(session: Session, *, application: Application, to: Status, by: User) -> None:
    """Move the application one step on in the lifecycle.

    :raise ApplicationError: when the step is not allowed from the current status.
    """
    if to in (Status.BOOKED, Status.NOT_RELEVANT):
        raise ApplicationError("Använd bokningen eller formuläret för ej aktuell.")
    _check_transition(session, application, to)
    if to is Status.FOLLOW_UP or (to is Status.CLOSED and not plan_has_ended(session, application)):
        raise ApplicationError(END_FORM_FIRST)
    application.status = to
    application.updated_at = utcnow()
    _commit(session, application, f"application_{to.value}", by)


def plan_has_ended(session: Session, application: Application) -> bool:
    """Tell whether the case's plan end (date, reason, income, results) has been recorded."""
    found = session.exec(select(PlanEnd.id).where(PlanEnd.application_id == application.id))
    return found.first() is not None


def mark_not_relevant(
    session: Session, *, application: Application, alternative: str, by: User
) -> None:
    """Answer that the MGT is not the right step now, with the alternative the team suggests."""
    _check_transition(session, application, Status.NOT_RELEVANT)
    if not alternative.strip():
        raise ApplicationError("Beskriv vilket alternativ teamet föreslår.")
    application.status = Status.NOT_RELEVANT
    application.alternative_suggestion = alternative.strip()
    application.updated_at = utcnow()
    _commit(session, application, "application_ej_aktuell", by)


def book_meeting(
    session: Session,
    *,
    application: Application,
    scheduled_at: datetime,
    lexicon: Lexicon,
    by: User,
) -> Meeting:
    """Book the mapping meeting; a booked application is moved to the new time instead.

    A new meeting starts with the application's goal, the description as the
    referrer's first message and the needs read from it (``review="detected"``).
    """
    _check_transition(session, application, Status.BOOKED)
    if application.id is None:
        raise ValueError("application is not saved")
    needs = application_needs(session, application, lexicon)
    meeting = meeting_for(session, application_id=application.id)
    if meeting is not None:
        meeting.scheduled_at = scheduled_at
        meeting.updated_at = utcnow()
        meeting.revision += 1
        session.add(meeting)
        add_audit(
            session, "meeting_rescheduled", user=by, object_type="meeting", object_id=meeting.id
        )
        session.commit()
        return meeting
    meeting = Meeting(
        application_id=application.id,
        scheduled_at=scheduled_at,
        person_goal=application.goal,
        created_by_user_id=by.id,
    )
    session.add(meeting)
    session.flush()
    if meeting.id is None:
        raise ValueError("meeting was not saved")
    if application.description.strip():
        _first_message(session, meeting, application, needs)
    application.status = Status.BOOKED
    application.updated_at = utcnow()
    add_audit(session, "meeting_created", user=by, object_type="meeting", object_id=meeting.id)
    _commit(session, application, "application_bokad", by)
    session.refresh(meeting)
    return meeting


def application_needs(
    session: Session, application: Application, lexicon: Lexicon
) -> list[NeedMention]:
    """Return the needs read from the description.

    An application saved before needs were stored is read now, once, and the result kept.
    """
    if application.id is None:
        raise ValueError("application is not saved")
    if application.needs_read_at is None:
        _read_needs(session, application, lexicon)
        session.commit()
    return stored_needs(session, application.id)


def _read_needs(session: Session, application: Application, lexicon: Lexicon) -> None:
    if application.id is None:
        raise ValueError("application is not saved")
    save_needs(session, application.id, read_text(application.description, lexicon).needs)
    application.needs_read_at = utcnow()
    session.add(application)


def _first_message(
    session: Session, meeting: Meeting, application: Application, needs: Iterable[NeedMention]
) -> None:
    message = say(
        session,
        meeting,
        application.description,
        speaker="remittent",
        payload={"source": "ansokan", "application_id": application.id},
    )
    message.author_user_id = application.referrer_user_id
    for need in needs:
        record_need(session, meeting.id or 0, need, message_id=message.id, score=need.score)


def _commit(session: Session, application: Application, action: str, by: User) -> None:
    session.add(application)
    add_audit(session, action, user=by, object_type="application", object_id=application.id)
    session.commit()


@dataclass(frozen=True)
class TargetGroupFacts:
    """What the one target-group check reads about a stored case, the same on every page."""

    age_range: tuple[int, int] | None
    own_resources_tried: bool | None
    excluded_parties: frozenset[str]


def target_group_facts(session: Session, application: Application, today: date) -> TargetGroupFacts:
    """Return the case's age range, own resources and excluded parties for the check.

    The case page and the meeting both read these here, so one case gets one verdict.
    """
    shared = (
        not application.anonymous and application.consent_obtained and application.id is not None
    )
    return TargetGroupFacts(
        age_range=stored_age_range(
            personnummer=application.personnummer,
            birth_year=application.birth_year,
            age_band=application.age_band,
            today=today,
        ),
        # A blank description is not yet known, not a "no": the check says so.
        own_resources_tried=bool(application.own_resources_tried.strip()) or None,
        # Exclusions count once consent is recorded; before that no party is excluded yet.
        excluded_parties=excluded_parties(session, application.id or 0) if shared else frozenset(),
    )
