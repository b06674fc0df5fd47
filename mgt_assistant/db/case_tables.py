"""The tables that hang off a case, named once for gallring and for the register extract."""

from __future__ import annotations

from typing import Any

from mgt_assistant.db.models import (
    ApplicationNeed,
    Consent,
    ConsentEvent,
    MeetingAlertHandled,
    MeetingEdit,
    MeetingMessage,
    MeetingNeed,
    MeetingSignal,
    PlanRowRecord,
    PlanVersion,
    SelfRating,
    UnmetNeedEntry,
)

# Tables that hang off a meeting, in the order they are deleted (needs and signals
# point at messages).
MEETING_CHILDREN: tuple[tuple[str, Any], ...] = (
    ("meeting_needs", MeetingNeed),
    ("signals", MeetingSignal),
    ("alerts_handled", MeetingAlertHandled),
    ("plan_rows", PlanRowRecord),
    ("meeting_edits", MeetingEdit),
    ("messages", MeetingMessage),
)
# Tables that hang off the application and hold what the person or the team wrote.
CASE_CHILDREN: tuple[tuple[str, Any], ...] = (
    ("application_needs", ApplicationNeed),
    ("consents", Consent),
    ("consent_events", ConsentEvent),
)

# Everything stored per meeting and per case, as a register extract lists it:
# the messages first, then what was read from them, then the decided versions.
MEETING_RECORDS: tuple[tuple[str, Any], ...] = (
    ("messages", MeetingMessage),
    *(table for table in MEETING_CHILDREN if table[0] != "messages"),
    ("plan_versions", PlanVersion),
)
CASE_RECORDS: tuple[tuple[str, Any], ...] = (
    *CASE_CHILDREN,
    ("self_ratings", SelfRating),
    ("unmet_needs", UnmetNeedEntry),
)
