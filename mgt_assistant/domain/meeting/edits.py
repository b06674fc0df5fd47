"""Edits of the draft plan as pure functions: each returns new rows and a Swedish summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from mgt_assistant.domain.meeting.model import (
    PHASE_LABELS,
    ROW_STATUSES,
    DecidedRow,
    EditError,
    PlanItem,
)
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import DraftPlan, RuleSet

Rows = tuple[PlanItem, ...]
_PHONE: Final = re.compile(r"\+?[0-9][0-9 ()-]{4,28}[0-9]")
# A plan spans at most five years; start and length are both counted from 1.
MAX_WEEKS: Final = 260


def from_draft(draft: DraftPlan) -> Rows:
    """Turn the drafter's rows into plan items: the one place the two row types meet."""
    return tuple(
        PlanItem(
            intervention_id=row.intervention,
            party=row.party,
            unit=row.unit,
            lane=row.lane,
            phase=row.phase,
            start_week=row.start_week,
            weeks=row.weeks,
            why=row.why,
            rule_id=row.rule,
        )
        for row in draft.rows
    )


def merge_proposal(
    rows: Sequence[PlanItem], proposed: Sequence[PlanItem], removed: Iterable[str] = ()
) -> tuple[Rows, Rows]:
    """Add proposed rows the plan lacks; the team's rows stay as they are. Return (plan, added).

    ``removed`` are interventions the team took out: a proposal never brings them back.
    """
    present = {row.intervention_id for row in rows} | set(removed)
    added = tuple(row for row in proposed if row.intervention_id not in present)
    return (*rows, *added), added


def _find(rows: Sequence[PlanItem], intervention_id: str, rule_set: RuleSet) -> PlanItem:
    for row in rows:
        if row.intervention_id == intervention_id:
            return row
    raise EditError(f"{name_of(rule_set, intervention_id)} finns inte i planen.")


def name_of(rule_set: RuleSet, intervention_id: str) -> str:
    """Return the Swedish name of an intervention."""
    intervention = rule_set.interventions.get(intervention_id)
    return intervention.name if intervention is not None else intervention_id


def named(rows: Sequence[PlanItem], rule_set: RuleSet) -> tuple[DecidedRow, ...]:
    """Give each row the Swedish names of its intervention and unit in this rule set."""
    return tuple(
        DecidedRow(
            row,
            name_of(rule_set, row.intervention_id),
            rule_set.unit_name(row.party, row.unit or ""),
        )
        for row in rows
    )


def add_row(rows: Sequence[PlanItem], rule_set: RuleSet, intervention_id: str) -> tuple[Rows, str]:
    """Add a catalogue intervention; it starts with the rows already in its phase."""
    intervention = rule_set.interventions.get(intervention_id)
    if intervention is None:
        raise EditError("Insatsen finns inte i insatskatalogen.")
    if any(row.intervention_id == intervention_id for row in rows):
        raise EditError(f"{intervention.name} finns redan i planen.")
    start = min((r.start_week for r in rows if r.phase == intervention.phase), default=0)
    row = PlanItem(
        intervention_id=intervention.id,
        party=intervention.party,
        unit=intervention.unit,
        lane=intervention.lane,
        phase=intervention.phase,
        start_week=start,
        weeks=intervention.weeks,
        why="Tillagd av teamet.",
        status="planerad",
    )
    return (*rows, row), f"La till {intervention.name}."


def remove_row(
    rows: Sequence[PlanItem], rule_set: RuleSet, intervention_id: str
) -> tuple[Rows, str]:
    """Take an intervention out of the plan."""
    row = _find(rows, intervention_id, rule_set)
    kept = tuple(r for r in rows if r is not row)
    return kept, f"Tog bort {name_of(rule_set, intervention_id)}."


def set_field(
    rows: Sequence[PlanItem],
    rule_set: RuleSet,
    intervention_id: str,
    field: str,
    value: str | int | None,
) -> tuple[Rows, str]:
    """Change one field of a row: unit ('party/unit'), party, contact, start, weeks, status, phase.

    A start is a week number as the team says it: vecka 1 is the plan's first week.
    """
    row = _find(rows, intervention_id, rule_set)
    name = name_of(rule_set, intervention_id)
    changed, what = _changed(row, rule_set, field, value)
    return tuple(changed if r is row else r for r in rows), f"{what} för {name}."


def _changed(
    row: PlanItem, rule_set: RuleSet, field: str, value: str | int | None
) -> tuple[PlanItem, str]:
    if field == "unit":
        party, _, unit = str(value).partition("/")
        partner = rule_set.partners.get(party)
        if partner is None or partner.unit(unit) is None:
            raise EditError("Enheten finns inte hos någon part.")
        label = rule_set.unit_name(party, unit)
        return replace(row, party=party, unit=unit), f"Ansvarig enhet är nu {label}"
    if field == "party":
        partner = rule_set.partners.get(str(value))
        if partner is None:
            raise EditError("Parten finns inte.")
        first = partner.units[0].id if partner.units else None
        label = PARTY_NAMES.get(partner.id, partner.name)
        return replace(row, party=partner.id, unit=first), f"Ansvarig part är nu {label}"
    if field == "contact_phone":
        phone = " ".join(str(value or "").split())
        if phone and not _PHONE.fullmatch(phone):
            raise EditError("Skriv telefonnumret med siffror, till exempel 0498-26 90 00.")
        return replace(row, contact_phone=phone or None), f"Telefon är nu {phone or 'inget'}"
    if field == "contact_person":
        contact = str(value or "").strip()[:200] or None
        return replace(row, contact_person=contact), f"Kontaktperson är nu {contact or 'ingen'}"
    if field in ("start_week", "weeks"):
        number = int(value) if isinstance(value, int | str) and str(value).isdigit() else -1
        if not 1 <= number <= MAX_WEEKS:
            what = "en startvecka" if field == "start_week" else "ett antal veckor"
            raise EditError(f"Ange {what} mellan 1 och {MAX_WEEKS}.")
        if field == "start_week":
            return replace(row, start_week=number - 1), f"Start är nu vecka {number}"
        return replace(row, weeks=number), f"Längden är nu {number} veckor"
    if field == "phase":
        if value not in PHASE_LABELS:
            raise EditError("Fasen finns inte i processen.")
        return replace(row, phase=str(value)), f"Fasen är nu {PHASE_LABELS[str(value)].lower()}"
    if field == "status" and value in ROW_STATUSES:
        return replace(row, status=str(value)), f"Status är nu {ROW_STATUSES[str(value)].lower()}"
    raise EditError("Det fältet går inte att ändra.")


def planned_end_week(rows: Sequence[PlanItem]) -> int:
    """Return the week the plan's steps end, before efterstöd (0 for an empty plan)."""
    ends = [r.end_week for r in rows if r.phase != "efterstod" and r.status != "struken"]
    return max(ends, default=0)
