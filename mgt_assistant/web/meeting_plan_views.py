"""What the plan's editors show: rows, a row's editor, removed rows and the decision form.

Split from ``meeting_views``, which builds the whole page from these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from mgt_assistant.db.models import Meeting, PlanVersion
from mgt_assistant.domain.access import Denial
from mgt_assistant.domain.meeting import (
    LANE_LABELS,
    PHASE_LABELS,
    ROW_STATUSES,
    DecidedRow,
    PlanItem,
)
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.services.access import ConsentStanding
from mgt_assistant.web.rendering import View

Options = list[tuple[str, str]]


@dataclass(frozen=True)
class PlanRowView:
    """A plan row with the Swedish names the templates show (``item`` is the row itself)."""

    row: DecidedRow
    party_name: str
    lane_label: str
    phase_label: str
    status_label: str
    # Set when the person's consent no longer lets the row's party or unit take part.
    consent_note: str = ""

    @property
    def item(self) -> PlanItem:
        """Return the plan row itself."""
        return self.row.item

    @property
    def name(self) -> str:
        """Return the intervention's name."""
        return self.row.name

    @property
    def unit_name(self) -> str:
        """Return the responsible unit's name."""
        return self.row.unit_name

    @property
    def form_values(self) -> dict[str, str]:
        """Return the row as its editor sends it."""
        return self.row.item.form_values

    def shown(self, field_name: str) -> str:
        """Return one field of the row as the team reads it."""
        item = self.row.item
        if field_name == "unit":
            return f"{self.party_name}, {self.unit_name}"
        if field_name == "start_week":
            return f"vecka {item.start_week + 1}"
        if field_name == "weeks":
            return f"{item.weeks} veckor"
        if field_name == "status":
            return self.status_label
        if field_name == "phase":
            return self.phase_label
        if field_name == "contact_phone":
            return item.contact_phone or "inget"
        return item.contact_person or "ingen"


ROW_FIELD_LABELS: Final = {
    "unit": "Ansvarig enhet",
    "contact_person": "Kontaktperson",
    "contact_phone": "Telefon",
    "start_week": "Start",
    "weeks": "Längd",
    "status": "Status",
    "phase": "Fas",
}


@dataclass(frozen=True)
class RowEditorView(View):
    """One row's editor shown again after a conflict: what was typed and what is saved now."""

    meeting: Meeting
    revision: int
    view: PlanRowView
    typed: Mapping[str, str]
    conflict: list[str]
    unit_options: list[tuple[str, Options]]
    row_statuses: Mapping[str, str]
    phase_options: Mapping[str, str]


def row_conflict(view: PlanRowView, seen: Mapping[str, str]) -> list[str]:
    """Say which fields someone else changed while the editor was open: the value now."""
    now = view.form_values
    return [
        f"{label} är nu {view.shown(key)}."
        for key, label in ROW_FIELD_LABELS.items()
        if key in seen and seen[key] != now[key]
    ]


@dataclass(frozen=True)
class RemovedRowView:
    """An intervention the team took out of the plan: who, when, and how to add it back."""

    intervention_id: str
    name: str
    by: str
    at: datetime


@dataclass(frozen=True)
class DecisionForm:
    """What the decision form shows: the previous version's answers, or what was just typed."""

    decision_date: str
    attendees: Mapping[str, str]
    person_took_part: bool = False
    person_agrees: bool = False
    planned_end: str = ""
    follow_up_6m: str = ""
    follow_up_12m: str = ""
    errors: Mapping[str, str] = field(default_factory=dict)


def decision_form(versions: Sequence[PlanVersion], today: date) -> DecisionForm:
    """Start the next decision from the latest one: who took part and what the person said.

    The dates start empty, so the planned end follows the plan as it is now.
    """
    if not versions:
        return DecisionForm(today.isoformat(), {})
    latest = versions[0]
    return DecisionForm(
        today.isoformat(),
        {str(k): str(v) for k, v in latest.attendees.items()},
        latest.person_took_part,
        latest.person_agrees,
    )


# What a plan row says when consent no longer lets its party or unit take part.
CONSENT_NOTES: Final = {
    Denial.REVOKED: "Samtycke återkallat",
    Denial.EXPIRED: "Samtycket har gått ut",
    Denial.NO_CONSENT: "Samtycke saknas",
}


def row_views(
    rows: Sequence[DecidedRow], standing: ConsentStanding | None = None
) -> list[PlanRowView]:
    """Return plan rows with the Swedish names the templates show, marked by consent."""
    return [
        PlanRowView(
            row=row,
            party_name=PARTY_NAMES.get(row.item.party, row.item.party),
            lane_label=LANE_LABELS.get(row.item.lane, row.item.lane),
            phase_label=PHASE_LABELS.get(row.item.phase, row.item.phase),
            status_label=ROW_STATUSES.get(row.item.status, row.item.status),
            consent_note=_consent_note(standing, row.item),
        )
        for row in rows
    ]


def _consent_note(standing: ConsentStanding | None, item: PlanItem) -> str:
    denial = standing.of(item.party, item.unit) if standing is not None else None
    return CONSENT_NOTES.get(denial, "") if denial is not None else ""


def unit_options(rule_set: RuleSet) -> list[tuple[str, Options]]:
    """Return the units a row can be given, grouped by party, as the editor's select sends them."""
    return [
        (partner.name, [(f"{partner.id}/{unit.id}", unit.name) for unit in partner.units])
        for partner in rule_set.partners.values()
    ]
