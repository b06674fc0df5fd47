"""'Din plan': the decided plan (or the draft) in plain Swedish, for the person and on paper.

Written to the person ("du"), with their name and nothing more identifying, dated
from the meeting, and with whom to contact for every step: the contact person and
phone the team entered, else the responsible unit and the referrer's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from mgt_assistant.db.models import Application, Meeting, PlanVersion
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import DecidedRow, named
from mgt_assistant.domain.meeting.versions import snapshot_rows
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.domain.swedish_time import format_date
from mgt_assistant.services.access import ConsentStanding
from mgt_assistant.services.meeting_reads import MeetingRecord
from mgt_assistant.web.meeting_views import standing_of
from mgt_assistant.web.rendering import View

# The catalogue describes steps for the team ("personen"); the printed plan speaks to
# the person. Applied in order; tests check every description of the shipped catalogue.
TO_YOU: Final = (
    (re.compile(r"\bpersonens (uppdrag|samtycke)\b"), r"ditt \1"),
    (re.compile(r"\bremittenten\b"), "din handläggare"),
    (re.compile(r"\bpersonens\b"), "din"),
    (re.compile(r"\bpersonen\b"), "du"),
    # Reflexives in a step's description always mean the person.
    (re.compile(r"\bsig\b"), "dig"),
    (re.compile(r"\bsitt\b"), "ditt"),
    (re.compile(r"\bsina\b"), "dina"),
    (re.compile(r"\bsin\b"), "din"),
)


@dataclass(frozen=True)
class Step:
    """One step of the plan as the person reads it."""

    name: str
    what: str
    where: str
    contact: str
    when: str


@dataclass(frozen=True)
class PrintView(View):
    """'Din plan' for the person: goal, steps, plan owner and follow-ups."""

    meeting: Meeting
    person: str | None
    goal: str
    steps: list[Step]
    owner: str
    owner_contact: str | None
    version: PlanVersion | None
    follow_ups: list[str]
    meeting_date: str
    # The parties the person's consent lets take part ("Arbetsförmedlingen och kommunen").
    team: str = ""


def to_you(text: str) -> str:
    """Turn a catalogue description about 'personen' into one addressed to 'du'."""
    for pattern, replacement in TO_YOU:
        text = pattern.sub(replacement, text)
    return text


def _party(party: str) -> str:
    # "Regionen (hälso- och sjukvård)" reads "Regionen" next to a unit's name.
    return PARTY_NAMES.get(party, party).split(" (", 1)[0]


def where(party: str, unit_name: str) -> str:
    """Name the responsible unit with its party once ('Vuxenpsykiatrin, Regionen')."""
    name = _party(party)
    if not unit_name:
        return name
    if name.lower() in unit_name.lower():
        return unit_name
    return f"{unit_name}, {name}"


def contact(row: DecidedRow, owner_contact: str | None) -> str:
    """Say whom the person contacts for a step, with a number wherever there is one."""
    item = row.item
    if item.contact_person and item.contact_phone:
        return f"{item.contact_person}, telefon {item.contact_phone}."
    if item.contact_phone:
        return f"Telefon {item.contact_phone}."
    first = f"{item.contact_person}." if item.contact_person else "Enheten hör av sig."
    return f"{first} Frågor: din handläggare" + (f", {owner_contact}." if owner_contact else ".")


def _when(start_week: int, weeks: int, start: date | None) -> str:
    if start is None:
        return f"Från vecka {start_week + 1}, i ungefär {weeks} veckor"
    begins = start + timedelta(weeks=start_week)
    ends = begins + timedelta(weeks=weeks)
    return f"{format_date(begins)} – {format_date(ends)}"


def meeting_day(meeting: Meeting) -> date:
    """Return the day of the meeting (the day it was opened when it had no time)."""
    moment = meeting.scheduled_at or meeting.created_at
    return swedish_time.local(moment).date()


def _owner(application: Application, rule_set: RuleSet) -> str:
    unit = application.referrer_unit or ""
    unit_name = rule_set.unit_name(application.referrer_party, unit) if unit else ""
    return f"{application.referrer_name} på {where(application.referrer_party, unit_name)}"


def _person(application: Application) -> str | None:
    if application.anonymous or not application.person_name:
        return None
    return application.person_name


def print_view(record: MeetingRecord, rule_set: RuleSet, today: date | None = None) -> PrintView:
    """Build 'Din plan' from the latest decided version, else from the current draft.

    A row whose party or unit the person's consent no longer covers (revoked, expired
    or never given) is left out: the paper names no party the person has withdrawn.
    """
    standing = standing_of(record, rule_set, today or swedish_time.today())
    latest = record.versions[0] if record.versions else None
    application = record.application
    day = meeting_day(record.meeting)
    rows: list[DecidedRow]
    if latest is not None:
        rows = snapshot_rows(latest.snapshot)
        goal = str(latest.snapshot.get("goal", ""))
        start: date | None = day
    else:
        rows = list(named(record.plan, rule_set))
        goal, start = record.meeting.person_goal, None
    steps = []
    for row in sorted(rows, key=lambda r: (r.item.start_week, r.name)):
        item = row.item
        if item.status == "struken" or standing.of(item.party, item.unit) is not None:
            continue
        intervention = rule_set.interventions.get(item.intervention_id)
        place = where(item.party, row.unit_name)
        steps.append(
            Step(
                name=row.name,
                what=to_you(intervention.description) if intervention is not None else "",
                where=place,
                contact=contact(row, application.referrer_contact),
                when=_when(item.start_week, item.weeks, start),
            )
        )
    return PrintView(
        title="Din plan",
        meeting=record.meeting,
        person=_person(application),
        goal=goal,
        steps=steps,
        owner=_owner(application, rule_set),
        owner_contact=application.referrer_contact,
        version=latest,
        follow_ups=[format_date(d) for d in (latest.follow_up_6m, latest.follow_up_12m) if d]
        if latest
        else [],
        meeting_date=format_date(day),
        team=_team(standing),
    )


# The parties as the sentence "teamet från ..." names them.
TEAM_WORDS = {
    "af": "Arbetsförmedlingen",
    "fk": "Försäkringskassan",
    "region": "regionen",
    "kommun": "kommunen",
}


def _team(standing: ConsentStanding) -> str:
    names = [word for party, word in TEAM_WORDS.items() if standing.of(party, None) is None]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]
