"""Recorded decisions: the frozen plan, follow-up dates and what changed between versions."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mgt_assistant.domain.meeting.edits import planned_end_week
from mgt_assistant.domain.meeting.model import PHASE_LABELS, ROW_STATUSES, DecidedRow, PlanItem
from mgt_assistant.domain.meeting.profile import NeedSummary
from mgt_assistant.domain.parties import PARTY_NAMES

FOLLOW_UP_MONTHS = (6, 12)  # [seed 000]: follow-up 6 and 12 months after the end


@dataclass(frozen=True)
class Decision:
    """What the team records with 'Spara beslut'."""

    decision_date: date
    attendees: Mapping[str, str] = field(default_factory=dict)
    person_took_part: bool = False
    person_agrees: bool = False
    planned_end: date | None = None
    follow_up_6m: date | None = None
    follow_up_12m: date | None = None


def decision_errors(decision: Decision) -> dict[str, str]:
    """Return what makes a decision incomplete, per form field (empty when it can be saved)."""
    errors: dict[str, str] = {}
    if not any(name.strip() for name in decision.attendees.values()):
        errors["attendees"] = (
            "Ange vilka som deltog i beslutet: minst en deltagare från en part eller remittenten."
        )
    if decision.planned_end is not None and decision.planned_end < decision.decision_date:
        errors["planned_end"] = "Planerat slut kan inte ligga före beslutsdatum."
    first, second = decision.follow_up_6m, decision.follow_up_12m
    if first is not None and second is not None and second <= first:
        errors["follow_up_12m"] = "Uppföljningen efter 12 månader ska ligga efter den efter 6."
    return errors


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def with_defaults(decision: Decision, rows: Sequence[PlanItem]) -> Decision:
    """Fill in the planned end from the plan and follow-ups 6 and 12 months after it."""
    end = decision.planned_end or decision.decision_date + timedelta(weeks=planned_end_week(rows))
    return Decision(
        decision.decision_date,
        dict(decision.attendees),
        decision.person_took_part,
        decision.person_agrees,
        end,
        decision.follow_up_6m or add_months(end, FOLLOW_UP_MONTHS[0]),
        decision.follow_up_12m or add_months(end, FOLLOW_UP_MONTHS[1]),
    )


def snapshot(
    rows: Sequence[DecidedRow],
    needs: Sequence[NeedSummary],
    goal: str,
    owner: Mapping[str, str | None],
) -> dict[str, Any]:
    """Freeze the plan as decided: rows with names, the needs picture, goal and owner."""
    return {
        "rows": [row.to_json() for row in rows],
        "needs": [
            {"need_id": n.need_id, "label": n.label, "status": n.status, "review": n.review}
            for n in needs
        ],
        "goal": goal,
        "owner": dict(owner),
    }


def snapshot_rows(data: Mapping[str, Any]) -> list[DecidedRow]:
    """Return the rows of a version's snapshot."""
    return [DecidedRow.from_json(row) for row in data.get("rows", [])]


_FIELDS = (
    ("unit_name", "ansvarig enhet"),
    ("contact_person", "kontaktperson"),
    ("contact_phone", "telefon"),
    ("start_week", "start (vecka)"),
    ("weeks", "längd (veckor)"),
    ("status", "status"),
    ("phase", "fas"),
)


def _show(key: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if key == "status":
        return ROW_STATUSES.get(str(value), str(value))
    if key == "phase":
        return PHASE_LABELS.get(str(value), str(value))
    if key == "party":
        return PARTY_NAMES.get(str(value), str(value))
    if key == "start_week" and isinstance(value, int):
        return f"v. {value + 1}"  # stored from 0; the team counts weeks from 1
    return str(value)


def _value(row: DecidedRow, key: str) -> Any:
    return row.unit_name if key == "unit_name" else getattr(row.item, key)


def compare(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """Describe in Swedish what changed in the plan from one version to the next."""
    if old is None:
        return ["Första beslutade versionen."]
    before = {r.item.intervention_id: r for r in snapshot_rows(old)}
    after = {r.item.intervention_id: r for r in snapshot_rows(new)}
    changes = [f"Tillagd: {after[i].name}." for i in after if i not in before]
    changes += [f"Borttagen: {before[i].name}." for i in before if i not in after]
    for iid in (i for i in after if i in before):
        for key, label in _FIELDS:
            old_value, new_value = _value(before[iid], key), _value(after[iid], key)
            if old_value != new_value:
                changes.append(
                    f"{after[iid].name}: {label} {_show(key, old_value)} → {_show(key, new_value)}."
                )
    if old.get("goal") != new.get("goal"):
        changes.append("Personens mål ändrades.")
    return changes or ["Inga ändringar i planen."]
