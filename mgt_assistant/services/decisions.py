"""Saving a decision as a new plan version, and reading versions back."""

from __future__ import annotations

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Meeting,
    MeetingStatus,
    PlanVersion,
    User,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.meeting import EditError, named, summarise_needs
from mgt_assistant.domain.meeting.versions import Decision, compare, snapshot, with_defaults
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.domain.swedish_time import today
from mgt_assistant.services.case_facts import FACTS_KEY, meeting_facts
from mgt_assistant.services.errors import NotFound

# Statuses from which a decision moves the application on; later ones are left alone.
_BEFORE_DECISION = (ApplicationStatus.RECEIVED, ApplicationStatus.BOOKED)


def save_decision(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    decision: Decision,
    revision: int,
    by: User,
    rule_set: RuleSet,
) -> PlanVersion:
    """Freeze the current plan as the next version, with who, when and the rules used.

    :raise MeetingConflict: when the screen's revision is stale.
    :raise EditError: when the plan is empty.
    """
    store.claim(session, meeting=meeting, revision=revision)
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    rows = store.plan_of(session, meeting.id)
    if not rows:
        session.rollback()
        raise EditError("Planen är tom. Lägg till insatser innan beslutet sparas.")
    decision = with_defaults(decision, rows)
    needs = summarise_needs(store.need_picture(session, meeting.id), rule_set.taxonomy)
    owner = {
        "party": application.referrer_party,
        "name": application.referrer_name,
        "unit": application.referrer_unit,
        "contact": application.referrer_contact,
    }
    frozen = snapshot(named(rows, rule_set), needs, meeting.person_goal, owner)
    # What the rules saw (anonymised), so a what-if replay uses what the team actually had.
    frozen[FACTS_KEY] = meeting_facts(session, meeting, application, rule_set, today())
    last = store.versions_of(session, meeting.id)
    version = PlanVersion(
        meeting_id=meeting.id,
        number=(last[0].number + 1) if last else 1,
        created_by_user_id=by.id,
        decision_date=decision.decision_date,
        attendees=dict(decision.attendees),
        person_took_part=decision.person_took_part,
        person_agrees=decision.person_agrees,
        rule_set_version=rule_set.version,
        rule_set_hash=rule_set.hash,
        planned_end=decision.planned_end,
        follow_up_6m=decision.follow_up_6m,
        follow_up_12m=decision.follow_up_12m,
        snapshot=frozen,
    )
    session.add(version)
    meeting.status = MeetingStatus.DECIDED
    session.add(meeting)
    if application.status in _BEFORE_DECISION:
        application.status = ApplicationStatus.PLAN_DECIDED
        session.add(application)
    session.flush()
    add_audit(
        session, "plan_version_saved", user=by, object_type="plan_version", object_id=version.id
    )
    session.commit()
    session.refresh(version)
    return version


def saved_message(version: PlanVersion) -> str:
    """Return what the team reads after saving a decision."""
    return f"Beslutet är sparat som version {version.number}."


def view_version(
    session: Session, *, meeting_id: int, number: int, by: User
) -> tuple[PlanVersion, list[str]]:
    """Return one recorded version and what changed since the one before; the read is logged.

    :raise NotFound: when the meeting has no such version.
    """
    saved = store.version(session, meeting_id=meeting_id, number=number)
    if saved is None:
        raise NotFound(number)
    previous = store.version(session, meeting_id=meeting_id, number=number - 1)
    add_audit(
        session, "plan_version_viewed", user=by, object_type="plan_version", object_id=saved.id
    )
    session.commit()
    return saved, compare(previous.snapshot if previous else None, saved.snapshot)
