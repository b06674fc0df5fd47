"""Reading meetings for the screens: the list, one meeting's whole state, every read logged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.access import visible_to
from mgt_assistant.db.models import (
    Application,
    Meeting,
    MeetingAlertHandled,
    MeetingEdit,
    MeetingMessage,
    MeetingNeed,
    MeetingSignal,
    PlanRowRemoval,
    PlanVersion,
    User,
)
from mgt_assistant.domain.access import Grant
from mgt_assistant.domain.meeting import MeetingCore, NeedRecord, PlanItem
from mgt_assistant.domain.rules import DraftPlan
from mgt_assistant.services.access import case_grants, check_case, person_of
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.errors import NotFound
from mgt_assistant.services.meeting_facts import current_draft


@dataclass(frozen=True)
class MeetingRecord:
    """Everything stored about one meeting, as the meeting page and its parts show it."""

    meeting: Meeting
    application: Application
    needs: tuple[MeetingNeed, ...]
    plan: tuple[PlanItem, ...]
    messages: tuple[MeetingMessage, ...]
    versions: tuple[PlanVersion, ...]
    edits: tuple[MeetingEdit, ...]
    user_names: Mapping[int | None, str]
    signals: tuple[MeetingSignal, ...] = ()
    handled: tuple[MeetingAlertHandled, ...] = ()
    # The draft the rules make now (alerts, in place, later), when read with the core.
    draft: DraftPlan | None = None
    # The person's consents, as the access rule reads them (none for an anonymous case).
    grants: tuple[Grant, ...] = ()
    # Interventions the team took out of the plan (not those added back since).
    removals: tuple[PlanRowRemoval, ...] = ()

    @property
    def need_records(self) -> tuple[NeedRecord, ...]:
        """Return the needs picture as the core reads it."""
        return store.need_records(self.needs)


@dataclass(frozen=True)
class ListedMeeting:
    """A meeting in the list (only meetings the user's consent lets them see are listed)."""

    meeting: Meeting
    application: Application
    hidden: bool = False


def open_meeting(session: Session, *, user: User, meeting_id: int) -> tuple[Meeting, Application]:
    """Return a meeting and its case for a user the one access rule lets in.

    Every part, action, version and print of a meeting opens it here.

    :raise NotFound: when there is no such meeting.
    :raise AccessDenied: with the rule's notice (the refusal is logged).
    """
    try:
        meeting, application = store.load(session, meeting_id=meeting_id)
    except store.MeetingNotFound:
        raise NotFound(meeting_id) from None
    check_case(
        session, user=user, application=application, object_type="meeting", object_id=meeting_id
    )
    return meeting, application


def list_meetings(
    session: Session, *, user: User, today: date
) -> tuple[list[ListedMeeting], list[ListedMeeting]]:
    """Return (today's and upcoming, recent) meetings the user may see; the listing is logged."""
    visible = visible_to(person_of(user), today)
    upcoming, recent = store.list_meetings(session, today=today, visible=visible)
    record_event(session, "meetings_listed", user=user)

    def listed(pairs: Iterable[tuple[Meeting, Application]]) -> list[ListedMeeting]:
        return [ListedMeeting(m, a) for m, a in pairs]

    return listed(upcoming), listed(recent)


def read_meeting(
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore | None = None,
) -> MeetingRecord:
    """Load a meeting's conversation, needs, signals, plan, versions and latest changes.

    With the core, the record also holds the draft the rules make now.
    """
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    versions = tuple(store.versions_of(session, meeting.id))
    handled = tuple(store.handled_alerts_of(session, meeting.id))
    plan = store.plan_of(session, meeting.id)
    in_plan = {row.intervention_id for row in plan}
    removals = tuple(
        r for r in store.removals_of(session, meeting.id) if r.intervention_id not in in_plan
    )
    authors = (
        {v.created_by_user_id for v in versions}
        | {h.handled_by_user_id for h in handled}
        | {r.removed_by_user_id for r in removals}
    )
    return MeetingRecord(
        meeting=meeting,
        application=application,
        needs=tuple(store.needs_of(session, meeting.id)),
        plan=plan,
        messages=tuple(store.messages_of(session, meeting.id)),
        versions=versions,
        edits=tuple(store.edits_of(session, meeting.id)),
        user_names={user_id: _user_name(session, user_id) for user_id in authors},
        signals=tuple(store.signals_of(session, meeting.id)),
        handled=handled,
        draft=None if core is None else current_draft(session, meeting, application, core),
        grants=case_grants(session, application),
        removals=removals,
    )


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else "okänd användare"
