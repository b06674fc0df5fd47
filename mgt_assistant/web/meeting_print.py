"""'Din plan': the decided plan (or the draft) in plain Swedish, for the person and on paper."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Application, Meeting
from mgt_assistant.domain.meeting import Engine
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.swedish_time import format_date
from mgt_assistant.web.meeting_pages import owner_label, person_label, row_views


def _when(start_week: int, weeks: int, start: date | None) -> str:
    if start is None:
        return f"Från vecka {start_week + 1}, i ungefär {weeks} veckor"
    begins = start + timedelta(weeks=start_week)
    ends = begins + timedelta(weeks=weeks)
    return f"{format_date(begins)} – {format_date(ends)}"


def print_context(
    session: Session, meeting: Meeting, application: Application, engine: Engine
) -> dict[str, Any]:
    """Build 'Din plan' from the latest decided version, else from the current draft."""
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    rule_set = engine.rule_set
    versions = store.versions_of(session, meeting.id)
    latest = versions[0] if versions else None
    if latest is not None:
        rows: list[dict[str, Any]] = list(latest.snapshot.get("rows", []))
        goal = str(latest.snapshot.get("goal", ""))
        start: date | None = latest.decision_date
    else:
        rows = [
            {**v, **v["item"].__dict__}
            for v in row_views(store.plan_items(store.rows_of(session, meeting.id)), rule_set)
        ]
        goal, start = meeting.person_goal, None
    steps = []
    for row in sorted(rows, key=lambda r: (r["start_week"], r["name"])):
        if row.get("status") == "struken":
            continue
        intervention = rule_set.interventions.get(row["intervention_id"])
        steps.append(
            {
                "name": row["name"],
                "what": intervention.description if intervention is not None else "",
                "who": PARTY_NAMES.get(row["party"], row["party"]),
                "unit": row.get("unit_name") or "",
                "contact": row.get("contact_person") or "",
                "when": _when(row["start_week"], row["weeks"], start),
            }
        )
    return {
        "title": "Din plan",
        "meeting": meeting,
        "person": person_label(application),
        "goal": goal,
        "steps": steps,
        "owner": owner_label(application),
        "owner_contact": application.referrer_contact,
        "version": latest,
        "follow_ups": [format_date(d) for d in (latest.follow_up_6m, latest.follow_up_12m) if d]
        if latest
        else [],
        "decided_on": format_date(latest.decision_date) if latest else None,
    }
