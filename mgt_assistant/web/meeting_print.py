"""'Din plan': the decided plan (or the draft) in plain Swedish, for the person and on paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mgt_assistant.db.models import Meeting, PlanVersion
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import DecidedRow, named
from mgt_assistant.domain.meeting.versions import snapshot_rows
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.domain.swedish_time import format_date
from mgt_assistant.services.access import ConsentStanding
from mgt_assistant.services.meeting_reads import MeetingRecord
from mgt_assistant.web.meeting_views import owner_label, person_label, standing_of
from mgt_assistant.web.rendering import View


@dataclass(frozen=True)
class Step:
    """One step of the plan as the person reads it."""

    name: str
    what: str
    who: str
    unit: str
    contact: str
    when: str


@dataclass(frozen=True)
class PrintView(View):
    """'Din plan' for the person: goal, steps, plan owner and follow-ups."""

    meeting: Meeting
    person: str
    goal: str
    steps: list[Step]
    owner: str
    owner_contact: str | None
    version: PlanVersion | None
    follow_ups: list[str]
    decided_on: str | None
    # The parties the person's consent lets take part ("Arbetsförmedlingen och kommunen").
    team: str = ""


def _when(start_week: int, weeks: int, start: date | None) -> str:
    if start is None:
        return f"Från vecka {start_week + 1}, i ungefär {weeks} veckor"
    begins = start + timedelta(weeks=start_week)
    ends = begins + timedelta(weeks=weeks)
    return f"{format_date(begins)} – {format_date(ends)}"


def print_view(record: MeetingRecord, rule_set: RuleSet, today: date | None = None) -> PrintView:
    """Build 'Din plan' from the latest decided version, else from the current draft.

    A row whose party or unit the person's consent no longer covers (revoked, expired
    or never given) is left out: the paper names no party the person has withdrawn.
    """
    standing = standing_of(record, rule_set, today or swedish_time.today())
    latest = record.versions[0] if record.versions else None
    rows: list[DecidedRow]
    if latest is not None:
        rows = snapshot_rows(latest.snapshot)
        goal = str(latest.snapshot.get("goal", ""))
        start: date | None = latest.decision_date
    else:
        rows = list(named(record.plan, rule_set))
        goal, start = record.meeting.person_goal, None
    steps = []
    for row in sorted(rows, key=lambda r: (r.item.start_week, r.name)):
        item = row.item
        if item.status == "struken" or standing.of(item.party, item.unit) is not None:
            continue
        intervention = rule_set.interventions.get(item.intervention_id)
        steps.append(
            Step(
                name=row.name,
                what=intervention.description if intervention is not None else "",
                who=PARTY_NAMES.get(item.party, item.party),
                unit=row.unit_name,
                contact=item.contact_person or "",
                when=_when(item.start_week, item.weeks, start),
            )
        )
    return PrintView(
        title="Din plan",
        meeting=record.meeting,
        person=person_label(record.application),
        goal=goal,
        steps=steps,
        owner=owner_label(record.application),
        owner_contact=record.application.referrer_contact,
        version=latest,
        follow_ups=[format_date(d) for d in (latest.follow_up_6m, latest.follow_up_12m) if d]
        if latest
        else [],
        decided_on=format_date(latest.decision_date) if latest else None,
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
