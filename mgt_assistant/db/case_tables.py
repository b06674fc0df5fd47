"""The tables that hang off a case, named once for gallring and for the register extract."""

from __future__ import annotations

from typing import Any

from mgt_assistant.db import models

# Tables that hang off a meeting, in the order they are deleted (needs and signals
# point at messages).
MEETING_CHILDREN: tuple[tuple[str, Any], ...] = (
    ("meeting_needs", models.MeetingNeed),
    ("signals", models.MeetingSignal),
    ("alerts_handled", models.MeetingAlertHandled),
    ("plan_rows", models.PlanRowRecord),
    ("meeting_edits", models.MeetingEdit),
    ("messages", models.MeetingMessage),
)
# Tables that hang off the application and hold what the person or the team wrote.
CASE_CHILDREN: tuple[tuple[str, Any], ...] = (
    ("application_needs", models.ApplicationNeed),
    ("consents", models.Consent),
    ("consent_events", models.ConsentEvent),
)

# Everything stored per meeting and per case, as a register extract lists it:
# the messages first, then what was read from them, then the decided versions.
MEETING_RECORDS: tuple[tuple[str, Any], ...] = (
    ("messages", models.MeetingMessage),
    *(table for table in MEETING_CHILDREN if table[0] != "messages"),
    ("plan_versions", models.PlanVersion),
)
CASE_RECORDS: tuple[tuple[str, Any], ...] = (
    *CASE_CHILDREN,
    ("self_ratings", models.SelfRating),
    ("unmet_needs", models.UnmetNeedEntry),
)
