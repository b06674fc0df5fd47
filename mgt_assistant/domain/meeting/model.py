"""Plain data for a meeting's state: needs, plan rows and what the extractor reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol

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

NEED_STATUS_LABELS: Final = {
    "present": "finns",
    "negated": "finns inte",
    "historical": "tidigare, inte nu",
    "uncertain": "osäkert",
    "other_person": "gäller någon annan",
}
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
PHASE_LABELS: Final = {
    "kartlaggning": "Kartläggning",
    "forsteg": "Försteg",
    "insats": "Insatser",
    "matchning": "Matchning till nästa steg",
    "efterstod": "Efterstöd",
}


class Mention(Protocol):
    """What the needs extractor reports for one need found in a message."""

    @property
    def id(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def evidence(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def score(self) -> float: ...


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
    rule_id: str | None = None

    @property
    def end_week(self) -> int:
        """Return the week after the row's last week."""
        return self.start_week + self.weeks


class EditError(ValueError):
    """An edit that cannot be made; the message is one Swedish sentence for the team."""
