"""Follow-up test data: a case with a decided plan, and ended cases with exact counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    FollowUpRecord,
    PlanEnd,
    PlanEndIntervention,
    User,
)
from mgt_assistant.domain.followup import follow_up_due
from mgt_assistant.domain.meeting.commands import Propose
from mgt_assistant.domain.meeting.versions import Decision
from mgt_assistant.services import decisions
from mgt_assistant.services import meetings as actions
from tests.meeting_factory import meeting_core, named_meeting


def decided_case(db: Session, team: User, decided_on: date) -> Application:
    """Return a named, consenting case whose plan the team has decided (version 1)."""
    meeting = named_meeting(db, team)
    assert meeting.id is not None
    meeting_id = meeting.id
    meeting, application = store.load(db, meeting_id=meeting_id)
    actions.post_message(
        db,
        meeting=meeting,
        application=application,
        speaker="individen",
        text="Han har skulder och är deprimerad.",
        by=team,
        core=meeting_core(),
    )
    meeting, application = store.load(db, meeting_id=meeting_id)
    actions.command(
        db,
        meeting=meeting,
        application=application,
        action=Propose(),
        revision=None,
        by=team,
        core=meeting_core(),
    )
    meeting, application = store.load(db, meeting_id=meeting_id)
    decisions.save_decision(
        db,
        meeting=meeting,
        application=application,
        decision=Decision(decided_on, {"af": "Lena Berg"}, True, True),
        revision=meeting.revision,
        by=team,
        rule_set=meeting_core().rule_set,
    )
    return store.load(db, meeting_id=meeting_id)[1]


def ended(
    db: Session,
    referrer: User,
    *,
    end_reason: str,
    end_date: date,
    interventions: Mapping[str, str],
    gender: str | None = "kvinna",
    party: str = "kommun",
    age_group: str = "25-29",
    follow_ups: Mapping[int, str] | None = None,
) -> PlanEnd:
    """Add one ended case with exactly these facts (no random data)."""
    assert referrer.id is not None
    application = Application(
        status=ApplicationStatus.FOLLOW_UP,
        person_name="Test Påhittad",
        gender=gender,
        age_band=age_group,
        home_area="tatort",
        income_source="ekonomiskt_bistand",
        education_level="gymnasium",
        referrer_user_id=referrer.id,
        referrer_party=party,
        referrer_name="Sara Holm",
    )
    db.add(application)
    db.flush()
    assert application.id is not None
    record = PlanEnd(
        application_id=application.id,
        end_date=end_date,
        end_reason=end_reason,
        income_source_at_end="lon",
        age_group=age_group,
        due_6m=follow_up_due(end_date, 6),
        due_12m=follow_up_due(end_date, 12),
    )
    db.add(record)
    db.flush()
    assert record.id is not None
    for intervention, outcome in interventions.items():
        db.add(
            PlanEndIntervention(
                plan_end_id=record.id, intervention_id=intervention, outcome=outcome
            )
        )
    for months, result in (follow_ups or {}).items():
        db.add(
            FollowUpRecord(
                plan_end_id=record.id,
                months=months,
                result=result,
                income_source="lon",
                answered_on=follow_up_due(end_date, months),
            )
        )
    db.commit()
    return record
