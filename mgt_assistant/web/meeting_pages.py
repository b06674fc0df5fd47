"""What the meeting templates show: built from the database and the core, for ``meetings``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Depends
from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.consent import access_denied_reason
from mgt_assistant.db.models import Application, Meeting, MeetingMessage, MeetingNeed, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import (
    LANE_LABELS,
    NEED_STATUS_LABELS,
    PHASE_LABELS,
    REVIEW_LABELS,
    ROW_STATUSES,
    SPEAKERS,
    Engine,
    PlanItem,
    domain_profiles,
    highlight,
    make_engine,
    planned_end_week,
    summarise_needs,
)
from mgt_assistant.domain.meeting.assistant import owner_text
from mgt_assistant.domain.meeting.versions import compare
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.web.deps import RulesDep

MEETING_STATUS_LABELS = {
    "planerat": "Planerat",
    "pagaende": "Pågår",
    "beslutat": "Plan beslutad",
    "installt": "Inställt",
}
TIMELINE_BLOCK = 4  # weeks per timeline column
TIMELINE_MAX_BLOCKS = 26

_engines: dict[str, Engine] = {}


def get_engine(rules: RulesDep) -> Engine:
    """Return the meeting core for the active rule set (built once per rule set)."""
    engine = _engines.get(rules.rule_set.hash)
    if engine is None:
        engine = _engines[rules.rule_set.hash] = make_engine(rules.rule_set, rules.recommender)
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def person_label(application: Application) -> str:
    """Return the person's name, or 'Anonym konsultation'."""
    if application.anonymous or not application.person_name:
        return "Anonym konsultation"
    return application.person_name


def owner_label(application: Application) -> str:
    """Return the plan owner: the referrer's name, party and unit."""
    return owner_text(
        application.referrer_party, application.referrer_name, application.referrer_unit
    )


def _message_view(
    message: MeetingMessage, spans: list[tuple[int, int, str, str]]
) -> dict[str, Any]:
    payload = message.payload or {}
    return {
        "id": message.id,
        "speaker": message.speaker,
        "speaker_label": SPEAKERS.get(message.speaker, "Assistenten"),
        "assistant": message.speaker == "assistent",
        "at": message.at,
        "segments": highlight(message.text, spans),
        "source": payload.get("source"),
    }


def _messages(
    session: Session, meeting_id: int, needs: Sequence[MeetingNeed]
) -> list[dict[str, Any]]:
    # Evidence comes from the needs table, so needs found at booking are highlighted too.
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for need in needs:
        if need.message_id is not None and need.start is not None and need.end is not None:
            spans.setdefault(need.message_id, []).append(
                (need.start, need.end, need.need_id, need.status)
            )
    return [
        _message_view(m, spans.get(m.id or 0, [])) for m in store.messages_of(session, meeting_id)
    ]


def row_views(rows: Sequence[PlanItem], rule_set: RuleSet) -> list[dict[str, Any]]:
    """Return plan rows with the Swedish names the templates show."""
    return [
        {
            "item": row,
            "name": rule_set.interventions[row.intervention_id].name
            if row.intervention_id in rule_set.interventions
            else row.intervention_id,
            "party_name": PARTY_NAMES.get(row.party, row.party),
            "unit_name": rule_set.unit_name(row.party, row.unit or ""),
            "unit_value": f"{row.party}/{row.unit}",
            "lane_label": LANE_LABELS.get(row.lane, row.lane),
            "phase_label": PHASE_LABELS.get(row.phase, row.phase),
            "status_label": ROW_STATUSES.get(row.status, row.status),
        }
        for row in rows
    ]


def _grid(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "lane": lane,
            "label": label,
            "cells": [
                [v for v in views if v["item"].lane == lane and v["item"].phase == phase]
                for phase in PHASE_LABELS
            ],
        }
        for lane, label in LANE_LABELS.items()
    ]


def _timeline(views: list[dict[str, Any]]) -> dict[str, Any]:
    last = max((v["item"].end_week for v in views), default=0)
    blocks = min(max(1, -(-last // TIMELINE_BLOCK)), TIMELINE_MAX_BLOCKS)
    columns = [(n * TIMELINE_BLOCK + 1, (n + 1) * TIMELINE_BLOCK) for n in range(blocks)]
    return {
        "columns": columns,
        "rows": [
            {
                "view": v,
                "cells": [
                    v["item"].start_week < end and v["item"].end_week >= start
                    for start, end in columns
                ],
            }
            for v in views
        ],
    }


def _unit_options(rule_set: RuleSet) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (partner.name, [(f"{partner.id}/{unit.id}", unit.name) for unit in partner.units])
        for partner in rule_set.partners.values()
    ]


def meeting_context(
    session: Session, meeting: Meeting, application: Application, engine: Engine
) -> dict[str, Any]:
    """Build everything the meeting page and its parts show."""
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    rule_set = engine.rule_set
    taxonomy = rule_set.taxonomy
    needs = store.needs_of(session, meeting.id)
    summaries = summarise_needs(store.need_records(needs), taxonomy)
    rows = store.plan_items(store.rows_of(session, meeting.id))
    views = row_views(rows, rule_set)
    versions = store.versions_of(session, meeting.id)
    messages = _messages(session, meeting.id, needs)
    latest_reply = next((m for m in reversed(messages) if m["assistant"]), None)
    today = swedish_time.today()
    return {
        "title": f"Möte: {person_label(application)}",
        "meeting": meeting,
        "application": application,
        "person": person_label(application),
        "owner": owner_label(application),
        "status_label": MEETING_STATUS_LABELS.get(meeting.status.value, meeting.status.value),
        "messages": messages,
        "latest_reply": latest_reply,
        "speakers": SPEAKERS,
        "profiles": domain_profiles(summaries, taxonomy),
        "need_statuses": NEED_STATUS_LABELS,
        "reviews": REVIEW_LABELS,
        "rows": views,
        "grid": _grid(views),
        "phases": PHASE_LABELS,
        "timeline": _timeline(views),
        "row_statuses": ROW_STATUSES,
        "catalogue": sorted(
            ((i.id, i.name) for i in rule_set.interventions.values()), key=lambda p: p[1]
        ),
        "in_plan": {row.intervention_id for row in rows},
        "unit_options": _unit_options(rule_set),
        "need_options": [(need, taxonomy.label(need)) for need in taxonomy.all_ids()],
        "versions": [
            (v, compare(versions[n + 1].snapshot if n + 1 < len(versions) else None, v.snapshot))
            for n, v in enumerate(versions)
        ],
        "edits": store.edits_of(session, meeting.id),
        "revision": meeting.revision,
        "attendee_parties": [(p, PARTY_NAMES[p]) for p in FINSAM_PARTIES],
        "today": today,
        "planned_end": today + timedelta(weeks=planned_end_week(rows)),
        "rule_set": rule_set,
        "need_label": taxonomy.label,
        "user_names": {
            v.created_by_user_id: _user_name(session, v.created_by_user_id) for v in versions
        },
    }


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else "okänd användare"


def list_context(session: Session, user: User, today: date) -> dict[str, Any]:
    """Build the meetings list: today's and upcoming, then recent."""

    upcoming, recent = store.list_meetings(session, today=today)

    def view(pair: tuple[Meeting, Application]) -> dict[str, Any]:
        meeting, application = pair
        hidden = access_denied_reason(session, user, application) is not None
        return {
            "meeting": meeting,
            "person": "Dold (samtycke saknas för din part)"
            if hidden
            else person_label(application),
            "referrer": owner_label(application),
            "status": MEETING_STATUS_LABELS.get(meeting.status.value, meeting.status.value),
        }

    return {
        "title": "Möten",
        "upcoming": [view(p) for p in upcoming],
        "recent": [view(p) for p in recent],
        "parties": [(p, PARTY_NAMES[p]) for p in FINSAM_PARTIES],
    }
