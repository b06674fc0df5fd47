"""What is stored when a plan ends and at each follow-up, and the counts SQL hands the core.

The results page and the export run ``GROUP BY`` queries over the ended cases
and pass *counts* (``EndCount``, ``InterventionOutcomeCount``, ``FollowUpCount``)
to the core, so nothing here ever loops over cases. Dates are local dates in
Europe/Stockholm: a plan ended at 00:30 on 1 April Swedish time belongs to Q2.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from mgt_assistant.domain.rules.model import Outcomes

STOCKHOLM: Final = ZoneInfo("Europe/Stockholm")

# How each intervention in the plan went, recorded when the plan ends [issue 11].
INTERVENTION_OUTCOMES: Final[Mapping[str, str]] = {
    "fullfoljd": "Fullföljd",
    "avbruten": "Avbruten",
    "inte_paborjad": "Inte påbörjad",
}
# Follow-up 6 and 12 months after the end, reported to the steering group [seed 000].
FOLLOW_UP_MONTHS: Final = (6, 12)
FOLLOW_UP_RESULTS: Final[Mapping[str, str]] = {
    "work": "Arbete",
    "studies": "Studier",
    "other_step": "Annat steg mot arbete eller studier",
    "no_change": "Ingen förändring",
    "not_reached": "Har inte gått att nå",
}
# Results that count as work or studies at a follow-up (seed 003 counts these people).
WORK_OR_STUDIES_RESULTS: Final = ("work", "studies")


class FollowUpError(ValueError):
    """Input to the follow-up core is wrong; the message is Swedish, for the form."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter of local (Europe/Stockholm) dates."""

    year: int
    number: int

    @property
    def label(self) -> str:
        """Return the Swedish label, e.g. ``2024 kv. 1``."""
        return f"{self.year} kv. {self.number}"

    @property
    def first_day(self) -> date:
        """Return the first day of the quarter."""
        return date(self.year, 3 * self.number - 2, 1)

    def next(self) -> Quarter:
        """Return the following quarter."""
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )


def quarter_of(day: date) -> Quarter:
    """Return the quarter a local date falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def local_date(instant: datetime) -> date:
    """Return the Europe/Stockholm date of an aware instant.

    :raise FollowUpError: when the instant has no time zone.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise FollowUpError("Tidpunkten saknar tidszon och kan inte räknas till ett datum.")
    return instant.astimezone(STOCKHOLM).date()


def quarters_between(start: date, end: date) -> list[Quarter]:
    """Return every quarter from the one holding ``start`` to the one holding ``end``."""
    if end < start:
        raise FollowUpError("Periodens slut ligger före dess början.")
    quarters, current, last = [], quarter_of(start), quarter_of(end)
    while current <= last:
        quarters.append(current)
        current = current.next()
    return quarters


def follow_up_due(end_date: date, months: int) -> date:
    """Return the day a follow-up is due: the same day ``months`` later (or the month's last)."""
    if months not in FOLLOW_UP_MONTHS:
        raise FollowUpError("Uppföljning görs efter 6 eller 12 månader.")
    month_index = end_date.month - 1 + months
    year, month = end_date.year + month_index // 12, month_index % 12 + 1
    for day in range(end_date.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue  # 31 August + 6 months has no 31 February: use the last day
    return date(year, month, end_date.day)


@dataclass(frozen=True)
class EndCount:
    """How many plans ended with one end reason, optionally within one slice."""

    end_reason: str
    count: int
    quarter: Quarter | None = None


@dataclass(frozen=True)
class InterventionOutcomeCount:
    """How many participants of one intervention ended with an outcome and end reason."""

    intervention: str
    outcome: str
    end_reason: str
    count: int
    year: int | None = None


@dataclass(frozen=True)
class FollowUpCount:
    """How many follow-ups at 6 or 12 months gave one result."""

    months: int
    result: str
    count: int


@dataclass(frozen=True)
class InterventionResult:
    """How one intervention in the plan went."""

    intervention: str
    outcome: str


@dataclass(frozen=True)
class EndedCase:
    """What is recorded when a plan ends."""

    end_date: date
    end_reason: str
    income_source_at_end: str
    interventions: tuple[InterventionResult, ...]


@dataclass(frozen=True)
class FollowUpAnswer:
    """A 6- or 12-month follow-up: the result and the income source now."""

    months: int
    result: str
    income_source: str
    answered_on: date


def read_ended_case(
    outcomes: Outcomes,
    *,
    plan_interventions: Collection[str],
    end_date: date,
    end_reason: str,
    income_source: str,
    results: Mapping[str, str],
    start_date: date | None,
    today: date,
) -> EndedCase:
    """Check the end of a plan and return it; every plan intervention needs an outcome.

    :raise FollowUpError: with a Swedish message naming the first fault.
    """
    if end_date > today:
        raise FollowUpError("Avslutsdatum kan inte ligga i framtiden.")
    if start_date is not None and end_date < start_date:
        raise FollowUpError("Avslutsdatum kan inte ligga före planens start.")
    if end_reason not in outcomes.end_reasons:
        raise FollowUpError("Välj en avslutsorsak i listan.")
    if income_source not in outcomes.income_sources:
        raise FollowUpError("Välj försörjning vid avslut i listan.")
    for intervention in results:
        if intervention not in plan_interventions:
            raise FollowUpError(f"Insatsen {intervention} finns inte i planen.")
    found: list[InterventionResult] = []
    for intervention in sorted(plan_interventions):
        outcome = results.get(intervention)
        if outcome is None:
            raise FollowUpError(f"Ange hur insatsen {intervention} gick.")
        if outcome not in INTERVENTION_OUTCOMES:
            raise FollowUpError("Utfallet måste vara fullföljd, avbruten eller inte påbörjad.")
        found.append(InterventionResult(intervention, outcome))
    return EndedCase(end_date, end_reason, income_source, tuple(found))


def read_follow_up(
    outcomes: Outcomes,
    *,
    end_date: date,
    months: int,
    result: str,
    income_source: str,
    answered_on: date,
    today: date,
) -> FollowUpAnswer:
    """Check a follow-up answer and return it.

    :raise FollowUpError: with a Swedish message naming the first fault.
    """
    if months not in FOLLOW_UP_MONTHS:
        raise FollowUpError("Uppföljning görs efter 6 eller 12 månader.")
    if result not in FOLLOW_UP_RESULTS:
        raise FollowUpError("Välj ett resultat i listan.")
    if income_source not in outcomes.income_sources:
        raise FollowUpError("Välj försörjning i listan.")
    if answered_on > today:
        raise FollowUpError("Uppföljningsdatum kan inte ligga i framtiden.")
    if answered_on < end_date:
        raise FollowUpError("Uppföljningen kan inte ligga före avslutet.")
    return FollowUpAnswer(months, result, income_source, answered_on)
