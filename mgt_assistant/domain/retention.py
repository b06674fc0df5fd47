"""Gallring: when a case's personal data is due to be deleted or anonymised.

Periods are the data controller's decision (the kommun or region running the team,
in its dokumenthanteringsplan), so they come from settings; the defaults below are a
cautious starting point, not law. A case that never reached a plan is deleted
whole. A case with a decided plan is anonymised: what the follow-up counts (year,
gender, age group, parties, income source, end reason, interventions and their
outcomes) stays without anything that identifies the person [DOMAIN.md §3: national
follow-up registers a participant anonymously, with only year and gender].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final


class Action(StrEnum):
    """What gallring does to a case."""

    DELETE = "radera"
    ANONYMISE = "avidentifiera"


@dataclass(frozen=True)
class RetentionPolicy:
    """How many days personal data is kept after each kind of end."""

    draft_days: int = 90
    not_relevant_days: int = 90
    revoked_days: int = 30
    closed_after_follow_up_days: int = 30
    # A closed case whose 12-month follow-up never came is kept at most this long.
    closed_max_days: int = 730


@dataclass(frozen=True)
class CaseClock:
    """The dates that decide a case's retention (no personal data)."""

    case_id: int
    status: str
    last_changed: date
    plan_decided: bool = False
    ended_on: date | None = None
    follow_up_12_done_on: date | None = None
    consent_revoked_on: date | None = None
    anonymised: bool = False


@dataclass(frozen=True)
class Due:
    """A case that gallring acts on, with the date it became due and why (Swedish)."""

    case_id: int
    action: Action
    due_on: date
    reason: str


def _after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def due(case: CaseClock, policy: RetentionPolicy, today: date) -> Due | None:
    """Return what gallring should do with ``case`` today, or None if nothing yet."""
    if case.anonymised:
        return None
    action = Action.ANONYMISE if case.plan_decided else Action.DELETE
    candidates: list[tuple[date, str]] = []
    if case.consent_revoked_on is not None:
        candidates.append(
            (
                _after(case.consent_revoked_on, policy.revoked_days),
                f"samtycket återkallades {case.consent_revoked_on.isoformat()}",
            )
        )
    if case.status == "utkast":
        candidates.append(
            (_after(case.last_changed, policy.draft_days), "utkastet har inte ändrats")
        )
    elif case.status == "ej_aktuell":
        candidates.append(
            (
                _after(case.last_changed, policy.not_relevant_days),
                "ärendet bedömdes inte aktuellt för MGT",
            )
        )
    elif case.status in ("avslutad", "uppfoljning"):
        # "uppfoljning": the plan has ended and the follow-ups are still to be recorded;
        # if they never are, the outer limit below still ends the wait.
        if case.follow_up_12_done_on is not None:
            candidates.append(
                (
                    _after(case.follow_up_12_done_on, policy.closed_after_follow_up_days),
                    "ärendet är avslutat och uppföljningen efter 12 månader är gjord",
                )
            )
        ended = case.ended_on or case.last_changed
        candidates.append(
            (
                _after(ended, policy.closed_max_days),
                "ärendet avslutades för längesedan utan att uppföljningen gjordes",
            )
        )
    ripe = sorted(candidate for candidate in candidates if candidate[0] <= today)
    if not ripe:
        return None
    due_on, reason = ripe[0]
    return Due(case.case_id, action, due_on, reason)


# What gallring and an erasure count, in the order and words they are reported in.
# Only numbers are ever reported or logged, never a row's contents.
CATEGORY_LABELS: Final[Mapping[str, str]] = {
    "cases_deleted": "Ärenden som raderas helt",
    "cases_anonymised": "Ärenden som avidentifieras (uppföljningens siffror behålls)",
    "application_needs": "Behov lästa ur ansökan, med citat",
    "consents": "Samtycken",
    "consent_events": "Händelser i samtyckesloggen",
    "meetings": "Möten",
    "messages": "Meddelanden i mötessamtalet",
    "meeting_needs": "Behov i mötets behovsbild, med citat",
    "signals": "Signaler i mötet (larm, insatser, diagnoser, försörjning)",
    "alerts_handled": "Akuta larm markerade som hanterade",
    "plan_rows": "Rader i planutkast",
    "meeting_edits": "Ändringar i ångra-loggen",
    "plan_versions": "Beslutade planversioner",
    "plan_ends": "Avslut av plan",
    "plan_end_interventions": "Insatsers utfall vid avslut",
    "follow_ups": "Uppföljningar efter 6 och 12 månader",
    "self_ratings": "Egna skattningar",
    "unmet_needs_unlinked": "Behov utan insats som kopplas loss från ärendet",
}


def summarise(dues: Iterable[Due]) -> dict[str, int]:
    """Return how many due cases will be deleted and how many anonymised."""
    found = list(dues)
    return {
        "cases_deleted": sum(1 for d in found if d.action is Action.DELETE),
        "cases_anonymised": sum(1 for d in found if d.action is Action.ANONYMISE),
    }


def report_lines(counts: Mapping[str, int]) -> list[str]:
    """Return one Swedish line per category, in the fixed order, e.g. 'Möten: 3'."""
    return [f"{label}: {counts.get(key, 0)}" for key, label in CATEGORY_LABELS.items()]
