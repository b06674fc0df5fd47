"""The case facts the rules saw: stored with each decision, read back for what-if replay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Application, Meeting, PlanVersion
from mgt_assistant.domain.governance import StoredCase, case_facts
from mgt_assistant.domain.governance.scenario_export import scenario_yaml
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.domain.meeting.profile import case_needs, summarise_needs
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.domain.rules.case import Case
from mgt_assistant.services.meeting_facts import case_of

FACTS_KEY = "case_facts"


def meeting_case(
    session: Session, meeting: Meeting, application: Application, rule_set: RuleSet, today: date
) -> Case:
    """Return the case as the rules evaluate it in the meeting: facts, signals and needs."""
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    records = store.need_records(store.needs_of(session, meeting.id))
    needs = case_needs(summarise_needs(records, rule_set.taxonomy))
    return replace(case_of(session, application, rule_set, today, meeting), needs=needs)


def meeting_facts(
    session: Session, meeting: Meeting, application: Application, rule_set: RuleSet, today: date
) -> dict[str, Any]:
    """Return the anonymised facts of a meeting's case (no names, no free text)."""
    return case_facts(meeting_case(session, meeting, application, rule_set, today))


def stored_cases(session: Session, rule_set: RuleSet, today: date) -> list[StoredCase]:
    """Return one anonymised case per meeting: the facts its latest decision stored, else now.

    Ids are opaque ("beslut-7", "möte-3"): the replay shows no names.
    """
    decided: dict[int, PlanVersion] = {}
    for version in session.exec(select(PlanVersion).order_by(col(PlanVersion.number))):
        if isinstance(version.snapshot.get(FACTS_KEY), dict):
            decided[version.meeting_id] = version
    cases: list[StoredCase] = []
    meetings = session.exec(select(Meeting, Application).join(Application)).all()
    for meeting, application in meetings:
        if meeting.id is None:
            continue
        stored = decided.get(meeting.id)
        if stored is not None:
            cases.append(StoredCase(f"beslut-{stored.id}", stored.snapshot[FACTS_KEY]))
        else:
            facts = meeting_facts(session, meeting, application, rule_set, today)
            cases.append(StoredCase(f"möte-{meeting.id}", facts))
    return cases


def meeting_scenario(
    session: Session, meeting: Meeting, application: Application, core: MeetingCore, today: date
) -> str:
    """Return the meeting's case as an anonymised golden scenario (YAML)."""
    case = meeting_case(session, meeting, application, core.rule_set, today)
    planned = [
        row.intervention_id
        for row in store.plan_of(session, _id(meeting))
        if row.status != "struken"
    ]
    return scenario_yaml(
        core.rule_set, case, case_facts(case), core.recommender.evaluate(case), planned
    )


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    return meeting.id
