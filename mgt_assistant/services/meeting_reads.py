"""Reading meetings for the screens: the list, one meeting's whole state, every read logged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import (
    Application,
    Meeting,
    MeetingAlertHandled,
    MeetingEdit,
    MeetingMessage,
    MeetingSignal,
    PlanRowRemoval,
    PlanVersion,
    User,
)
from mgt_assistant.domain.access import Grant
from mgt_assistant.domain.meeting import MeetingCore, NeedRecord, PlanItem
from mgt_assistant.domain.rules import DraftPlan
from mgt_assistant.services.access import case_grants, check_case
from mgt_assistant.services.errors import NotFound
from mgt_assistant.services.meeting_facts import current_draft, stored_facts

# How many of the latest messages the meeting page shows; "Visa tidigare" loads more.
MESSAGE_WINDOW: Final = 30


@dataclass(frozen=True)
class MeetingRecord:
    """Everything stored about one meeting, as the meeting page and its parts show it."""

    meeting: Meeting
    application: Application
    # The needs picture grouped in SQL: one record per distinct reading, not per mention.
    need_records: tuple[NeedRecord, ...]
    plan: tuple[PlanItem, ...]
    # A window of the conversation (the latest messages), oldest first.
    messages: tuple[MeetingMessage, ...]
    versions: tuple[PlanVersion, ...]
    edits: tuple[MeetingEdit, ...]
    user_names: Mapping[int | None, str]
    signals: tuple[MeetingSignal, ...] = ()
    handled: tuple[MeetingAlertHandled, ...] = ()
    # The draft the rules make now (alerts, in place, later), when read with the core.
    draft: DraftPlan | None = None
    # The marked words of the windowed messages: (start, end, need, status) by message id.
    spans: Mapping[int, list[tuple[int, int, str, str]]] = field(default_factory=dict)
    # Whether messages earlier than the window exist ("Visa tidigare").
    earlier: bool = False
    # The person's consents, as the access rule reads them (none for an anonymous case).
    grants: tuple[Grant, ...] = ()
    # Interventions the team took out of the plan (not those added back since).
    removals: tuple[PlanRowRemoval, ...] = ()


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


def read_meeting(
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore | None = None,
    *,
    window: int = MESSAGE_WINDOW,
    before: int | None = None,
    after: int | None = None,
) -> MeetingRecord:
    """Load a meeting's latest messages, needs, signals, plan, versions and latest changes.

    The conversation is a window of at most ``window`` messages: the latest, or the
    latest before the message id ``before`` ("Visa tidigare"), or only those after
    ``after`` (what a screen has not shown yet). Needs and signals are grouped in
    SQL, so the cost does not grow with the length of the meeting. With the core,
    the record also holds the draft the rules make now.
    """
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    versions = tuple(store.versions_of(session, meeting.id))
    # Read once: the page shows them and the rules' draft is made from them.
    facts = stored_facts(session, meeting.id)
    handled, plan = facts.handled, facts.rows
    in_plan = {row.intervention_id for row in plan}
    removals = tuple(r for r in facts.removals if r.intervention_id not in in_plan)
    authors = (
        {v.created_by_user_id for v in versions}
        | {h.handled_by_user_id for h in handled}
        | {r.removed_by_user_id for r in removals}
    )
    messages, earlier = store.message_window(
        session, meeting.id, limit=window, before=before, after=after
    )
    return MeetingRecord(
        meeting=meeting,
        application=application,
        need_records=facts.needs,
        plan=plan,
        messages=tuple(messages),
        versions=versions,
        edits=tuple(store.edits_of(session, meeting.id)),
        user_names={user_id: _user_name(session, user_id) for user_id in authors},
        signals=facts.signals,
        handled=handled,
        draft=(
            None
            if core is None
            else current_draft(session, meeting, application, core, facts=facts)
        ),
        spans=store.need_spans(session, meeting.id, (m.id for m in messages if m.id)),
        earlier=earlier,
        grants=case_grants(session, application),
        removals=removals,
    )


def read_messages(
    session: Session,
    meeting: Meeting,
    application: Application,
    *,
    before: int | None,
    window: int = MESSAGE_WINDOW,
) -> MeetingRecord:
    """Load only a window of messages before ``before`` with their marked words."""
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    messages, earlier = store.message_window(session, meeting.id, limit=window, before=before)
    return MeetingRecord(
        meeting=meeting,
        application=application,
        need_records=(),
        plan=(),
        messages=tuple(messages),
        versions=(),
        edits=(),
        user_names={},
        spans=store.need_spans(session, meeting.id, (m.id for m in messages if m.id)),
        earlier=earlier,
    )


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else "okänd användare"
