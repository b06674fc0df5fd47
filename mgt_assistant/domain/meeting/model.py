"""Plain data for a meeting's state: needs, plan rows and the undo log's entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Final

from mgt_assistant.domain.rules.model import PHASES

SPEAKERS: Final = {
    "individen": "Individen",
    "remittent": "Remittent",
    "af": "Arbetsförmedlingen",
    "fk": "Försäkringskassan",
    "region": "Regionen",
    "kommun": "Kommunen",
    "ovrig": "Övrig",
}
ASSISTANT: Final = "assistent"

REVIEW_LABELS: Final = {
    "detected": "ej bekräftat",
    "confirmed": "bekräftat",
    "rejected": "inte aktuellt",
    "manual": "tillagt av teamet",
}
ROW_STATUSES: Final = {
    "foreslagen": "Föreslagen",
    "planerad": "Planerad",
    "pagaende": "Pågår",
    "klar": "Klar",
    "struken": "Struken",
}
# The lanes and phases of the Gotland process model [seed 000], as the team says them.
LANE_LABELS: Final = {
    "vard": "Vård",
    "social": "Social/ekonomi/boende",
    "arbetsliv": "Arbetsliv/studier",
}
PHASE_LABELS: Final = PHASES


@dataclass(frozen=True)
class NeedRecord:
    """A need in the meeting's picture, as stored (one row per mention or manual entry)."""

    need_id: str
    domain: str
    status: str
    review: str
    evidence: str | None = None
    message_id: int | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class PlanItem:
    """One row of the draft plan; a meeting holds each intervention at most once."""

    intervention_id: str
    party: str
    unit: str | None
    lane: str
    phase: str
    start_week: int
    weeks: int
    why: str
    contact_person: str | None = None
    status: str = "foreslagen"
    contact_phone: str | None = None
    rule_id: str | None = None

    @property
    def end_week(self) -> int:
        """Return the week after the row's last week."""
        return self.start_week + self.weeks

    @property
    def form_values(self) -> dict[str, str]:
        """Return the row as its editor sends it (unit as 'party/unit', start week from 1)."""
        return {
            "unit": f"{self.party}/{self.unit}",
            "contact_person": self.contact_person or "",
            "contact_phone": self.contact_phone or "",
            "start_week": str(self.start_week + 1),
            "weeks": str(self.weeks),
            "status": self.status,
            "phase": self.phase,
        }

    def to_json(self) -> dict[str, Any]:
        """Return the row as JSON-ready data: the one stored form (undo log and decisions)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlanItem:
        """Read a row written by ``to_json``; keys it does not own (names) are ignored."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class DecidedRow:
    """A plan row as decided, with the names it had then (rules may rename things later)."""

    item: PlanItem
    name: str
    unit_name: str

    def to_json(self) -> dict[str, Any]:
        """Return the row's stored form plus its names: one row of a version's snapshot."""
        return {**self.item.to_json(), "name": self.name, "unit_name": self.unit_name}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DecidedRow:
        """Read a snapshot row written by ``to_json``."""
        item = PlanItem.from_json(data)
        return cls(item, str(data.get("name") or item.intervention_id), data.get("unit_name") or "")


@dataclass(frozen=True)
class RemovalMark:
    """An intervention the team took out of the plan: by whom (user id) and when (ISO time)."""

    intervention_id: str
    user_id: int | None
    at: str

    def to_json(self) -> dict[str, Any]:
        """Return the mark as stored in the edit log."""
        return asdict(self)


@dataclass(frozen=True)
class UndoEntry:
    """What one change replaced, so that 'ångra' can put it back.

    ``reviews`` maps a need record's id to its review before the change;
    ``added_needs`` are need records the change created (undo deletes them);
    ``signal_reviews`` maps a signal record's id to its review before the change;
    ``removals`` are the plan's removal marks before the change (None: not touched).
    """

    rows: tuple[PlanItem, ...] | None = None
    reviews: Mapping[int, str] = field(default_factory=dict)
    added_needs: tuple[int, ...] = ()
    goal: str | None = None
    signal_reviews: Mapping[int, str] = field(default_factory=dict)
    removals: tuple[RemovalMark, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the entry as stored in the edit log."""
        data: dict[str, Any] = {}
        if self.rows is not None:
            data["rows"] = [row.to_json() for row in self.rows]
        if self.reviews:
            data["reviews"] = {str(key): value for key, value in self.reviews.items()}
        if self.added_needs:
            data["added_needs"] = list(self.added_needs)
        if self.goal is not None:
            data["goal"] = self.goal
        if self.signal_reviews:
            data["signal_reviews"] = {str(k): v for k, v in self.signal_reviews.items()}
        if self.removals is not None:
            data["removals"] = [mark.to_json() for mark in self.removals]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> UndoEntry:
        """Read an entry written by ``to_json``."""
        rows = data.get("rows")
        removals = data.get("removals")
        return cls(
            rows=None if rows is None else tuple(PlanItem.from_json(row) for row in rows),
            reviews={int(key): str(value) for key, value in data.get("reviews", {}).items()},
            added_needs=tuple(int(n) for n in data.get("added_needs", [])),
            goal=data.get("goal"),
            signal_reviews={
                int(key): str(value) for key, value in data.get("signal_reviews", {}).items()
            },
            removals=None
            if removals is None
            else tuple(
                RemovalMark(str(m["intervention_id"]), m.get("user_id"), str(m["at"]))
                for m in removals
            ),
        )


class EditError(ValueError):
    """An edit that cannot be made; the message is one Swedish sentence for the team."""
