"""The meeting's case facts: signals read from what was said, consent per unit, handled alerts.

``case_of`` is the one place that builds the rules' ``Case`` for a meeting. Signals
(alerts, services in place, diagnoses, income) are stored beside the needs with
their evidence and reviewed the same way; a rejected one never reaches the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final, cast

from sqlmodel import Session

from mgt_assistant.db import meetings as store
from mgt_assistant.db.consent import consent_rows
from mgt_assistant.db.engine import start_write
from mgt_assistant.db.models import (
    EVIDENCE_MAX,
    Application,
    Consent,
    Meeting,
    MeetingAlertHandled,
    MeetingMessage,
    MeetingSignal,
    PlanRowRemoval,
    User,
)
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain import access, swedish_time
from mgt_assistant.domain.meeting import (
    EditError,
    MeetingCore,
    MeetingState,
    NeedRecord,
    PlanItem,
    UndoEntry,
)
from mgt_assistant.domain.needs import Lexicon, NeedStatus, Signal, SignalKind, read_text
from mgt_assistant.domain.rules import (
    Case,
    DraftPlan,
    Referrer,
    RuleSet,
    draft_plan,
    resolve_unit,
    with_signals,
)
from mgt_assistant.domain.rules.plan import plan_alerts
from mgt_assistant.domain.target_group import age_met
from mgt_assistant.services.applications import target_group_facts
from mgt_assistant.services.meeting_log import say

REVIEWS = ("confirmed", "rejected", "detected")
# How the team judged a signal, in the words of the profile and the change log.
REVIEW_WORDS: Final = {"confirmed": "bekräftad", "rejected": "stämmer inte", "detected": "obedömd"}


def record_signals(
    session: Session, meeting_id: int, signals: Iterable[Signal], *, message_id: int | None
) -> None:
    """Add the signals read from a message, waiting for the team's review (caller commits)."""
    for signal in signals:
        session.add(
            MeetingSignal(
                meeting_id=meeting_id,
                kind=signal.kind,
                signal_id=signal.id,
                status=str(signal.status),
                review="detected",
                message_id=message_id,
                evidence=signal.evidence[:EVIDENCE_MAX],
                start=signal.start,
                end=signal.end,
            )
        )


def read_booked_signals(session: Session, meeting: Meeting, lexicon: Lexicon) -> None:
    """Read the signals of the application's text the booking put first, once, and commit.

    Booking stores the application's needs; its signals are read here the first
    time the meeting is opened, and the message is marked so it is never read twice.
    """
    if not _unread_booking(store.first_message(session, _id(meeting))):
        return
    # Read again under the write lock: two screens opening the meeting read it once.
    start_write(session)
    first = store.first_message(session, _id(meeting))
    if first is None or not _unread_booking(first):
        session.rollback()
        return
    payload = dict(first.payload or {})
    signals = read_text(first.text, lexicon).signals
    record_signals(session, _id(meeting), signals, message_id=first.id)
    payload["signals"] = [[s.start, s.end, s.kind, s.id, str(s.status)] for s in signals]
    first.payload = payload
    session.add(first)
    session.commit()


def _unread_booking(first: MeetingMessage | None) -> bool:
    payload = (first.payload or {}) if first is not None else {}
    return payload.get("source") == "ansokan" and "signals" not in payload


def excluded_units(
    consents: Sequence[Consent], rule_set: RuleSet, today: date
) -> frozenset[tuple[str, str]]:
    """Return every (party, unit) the person's consent leaves out today.

    Consent rows name units as written in the form ("Psykiatri"); they are resolved
    to the unit ids of ``rules/partners.yaml`` first. A unit name no partner knows
    stays as written, so it covers no known unit rather than the whole party.
    """
    units = {pid: tuple(u.id for u in p.units) for pid, p in rule_set.partners.items()}
    grants = [
        access.Grant(
            party=row.party,
            unit=_unit_id(rule_set, row.party, row.unit),
            included=row.included,
            given_on=row.given_on,
            valid_until=row.valid_until,
            revoked=row.revoked_at is not None,
        )
        for row in consents
    ]
    taking = access.taking_part(grants, units, today)
    return frozenset(
        (party, unit) for party, ids in units.items() for unit in ids if (party, unit) not in taking
    )


def _unit_id(rule_set: RuleSet, party: str, written: str | None) -> str | None:
    if written is None or not written.strip():
        return None
    partner = rule_set.partners.get(party)
    unit = resolve_unit(partner, written) if partner is not None else None
    return unit.id if unit is not None else written


def case_of(
    session: Session,
    application: Application,
    rule_set: RuleSet,
    today: date,
    meeting: Meeting | None = None,
) -> Case:
    """Return what the recommender knows about the case apart from the needs.

    With a meeting: the signals the team has not rejected and the alerts it handled.
    """
    named = not application.anonymous and application.id is not None
    units = (
        excluded_units(consent_rows(session, application.id), rule_set, today)
        if named and application.id is not None
        else frozenset[tuple[str, str]]()
    )
    facts = target_group_facts(session, application, today)
    ages = facts.age_range
    case = Case(
        age=_one_age(ages, rule_set),
        # The same possible age as the case page's pre-check, so both give one verdict.
        age_range=ages,
        referrer=Referrer(
            application.referrer_party, application.referrer_unit, application.referrer_name
        ),
        income_source=application.income_source,
        consent_given=True if application.anonymous else application.consent_obtained,
        excluded_parties=facts.excluded_parties,
        own_resources_tried=facts.own_resources_tried,
        excluded_units=units,
        # The day the plan is drafted for: winter matters for homelessness.
        as_of=today,
    )
    if meeting is None or meeting.id is None:
        return case
    return _with_meeting(
        case,
        meeting,
        store.handled_alerts_of(session, meeting.id),
        store.signal_picture(session, meeting.id),
    )


def _with_meeting(
    case: Case,
    meeting: Meeting,
    handled: Iterable[MeetingAlertHandled],
    signals: Iterable[MeetingSignal],
) -> Case:
    # The signals the team has not rejected, the alerts it handled and the person's goal.
    return with_signals(
        replace(
            case,
            alerts_handled=frozenset(h.kind for h in handled),
            goal=meeting.person_goal or None,
        ),
        [_as_signal(s) for s in signals if s.review != "rejected"],
    )


def _as_signal(row: MeetingSignal) -> Signal:
    kind = cast(SignalKind, row.kind)
    status = NeedStatus(row.status)
    return Signal(kind, row.signal_id, status, row.evidence, row.start or 0, row.end or 0)


def _one_age(ages: tuple[int, int] | None, rule_set: RuleSet) -> int | None:
    # The case holds one age: a band (or a birth year) gives it only when every age in the
    # range gets the same target-group verdict; otherwise the age is unknown, not guessed.
    if ages is None or age_met(ages, rule_set.target_group) is None:
        return None
    return ages[0]


@dataclass(frozen=True)
class StoredFacts:
    """The meeting's stored plan, needs, signals, handled alerts and removals, as read once."""

    rows: tuple[PlanItem, ...]
    needs: tuple[NeedRecord, ...]
    signals: tuple[MeetingSignal, ...]
    handled: tuple[MeetingAlertHandled, ...]
    removals: tuple[PlanRowRemoval, ...]


def stored_facts(session: Session, meeting_id: int) -> StoredFacts:
    """Read what both the meeting page and the rules need, so neither reads it again."""
    return StoredFacts(
        rows=store.plan_of(session, meeting_id),
        needs=store.need_picture(session, meeting_id),
        signals=tuple(store.signal_picture(session, meeting_id)),
        handled=tuple(store.handled_alerts_of(session, meeting_id)),
        removals=tuple(store.removals_of(session, meeting_id)),
    )


def state_of(
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    *,
    facts: StoredFacts | None = None,
) -> MeetingState:
    """Load what the core needs to answer (``facts``: what the caller has read already)."""
    meeting_id = _id(meeting)
    if facts is None:
        facts = stored_facts(session, meeting_id)
    in_plan = {row.intervention_id for row in facts.rows}
    case = case_of(session, application, core.rule_set, swedish_time.today())
    return MeetingState(
        needs=facts.needs,
        rows=facts.rows,
        asked=store.asked_domains(session, meeting_id),
        case=_with_meeting(case, meeting, facts.handled, facts.signals),
        removed=tuple(
            r.intervention_id for r in facts.removals if r.intervention_id not in in_plan
        ),
    )


def current_draft(
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    *,
    facts: StoredFacts | None = None,
) -> DraftPlan:
    """Return the draft the rules make now: its alerts, what is in place, what waits."""
    state = state_of(session, meeting, application, core, facts=facts)
    return draft_plan(core.rule_set, core.evaluate(state))


def review_signal(
    session: Session,
    *,
    meeting: Meeting,
    kind: str,
    signal_id: str,
    review: str,
    revision: int,
    by: User,
    label: str,
) -> str:
    """Confirm or reject a signal (all its mentions), as one change to undo."""
    if review not in REVIEWS:
        raise EditError("Okänt beslut om uppgiften.")
    store.claim(session, meeting=meeting, revision=revision)
    rows = [
        s
        for s in store.signals_of(session, _id(meeting))
        if s.kind == kind and s.signal_id == signal_id
    ]
    if not rows:
        raise EditError("Uppgiften finns inte i behovsprofilen.")
    before = {s.id or 0: s.review for s in rows}
    for signal in rows:
        signal.review = review
        session.add(signal)
    summary = f"{label}: {REVIEW_WORDS[review]}."
    store.add_edit(
        session,
        meeting_id=_id(meeting),
        by=by,
        summary=summary,
        before=UndoEntry(signal_reviews=before),
    )
    add_audit(
        session, "meeting_signal_review", user=by, object_type="meeting", object_id=meeting.id
    )
    session.commit()
    return summary


def mark_alerts_handled(
    session: Session,
    *,
    meeting: Meeting,
    application: Application,
    revision: int,
    by: User,
    core: MeetingCore,
) -> str:
    """Record that the team handled every open alert outside MGT: who and when, audited."""
    store.claim(session, meeting=meeting, revision=revision)
    case = case_of(session, application, core.rule_set, swedish_time.today(), meeting)
    kinds = [alert.id for alert in case.open_alerts]
    if not kinds:
        raise EditError("Det finns ingen öppen varning att markera som hanterad.")
    for kind in kinds:
        session.add(
            MeetingAlertHandled(meeting_id=_id(meeting), kind=kind, handled_by_user_id=by.id)
        )
    labels = ", ".join(alert.label for alert in plan_alerts(core.rule_set, case))
    summary = (
        f"{by.display_name} markerade det akuta som hanterat utanför MGT ({labels}). "
        "Planen kan nu växa: tryck på Föreslå insatser."
    )
    say(session, meeting, summary, payload={"kind": "alerts_handled", "alerts": kinds})
    add_audit(
        session, "meeting_alerts_handled", user=by, object_type="meeting", object_id=meeting.id
    )
    session.commit()
    return summary


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting is not saved")
    return meeting.id
