"""What the meeting shows of the case facts: signals, the acute-risk stop, in place, later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from mgt_assistant.domain.meeting import REVIEW_LABELS
from mgt_assistant.domain.needs import NEED_STATUS_LABELS
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import PlanAlert, RuleSet
from mgt_assistant.services.meeting_facts import REVIEW_WORDS
from mgt_assistant.services.meeting_reads import MeetingRecord

SIGNAL_GROUPS: Final = {
    "alert": "Akuta varningar",
    "in_place": "Insatser som nämnts (pågår, planeras eller inte)",
    "diagnosis": "Diagnoser",
    "income": "Försörjning",
}
# A diagnosis said to be present is known; an uncertain one is suspected ("misstänkt ADHD").
DIAGNOSIS_STATUS: Final = {"present": "känd diagnos", "uncertain": "misstänkt, inte utredd"}
PLANNED_STATUS: Final = {"uncertain": "planerad eller ansökt"}
# An uncertain alert (the reader's safety net: "vill inte existera") stops nothing; the team
# asks about it and confirms it or marks it wrong.
ALERT_STATUS: Final = {"uncertain": "osäkert – fråga personen om det"}


@dataclass(frozen=True)
class SignalView:
    """One signal in the needs profile, with all the words it was read from."""

    kind: str
    signal_id: str
    label: str
    status_label: str
    review: str
    review_label: str
    evidence: list[str]


@dataclass(frozen=True)
class SignalGroup:
    """The signals of one kind (alerts, in place, diagnoses, income)."""

    kind: str
    label: str
    signals: list[SignalView]


@dataclass(frozen=True)
class HandledView:
    """An alert the team marked handled, by whom and when."""

    label: str
    by: str
    at: datetime


@dataclass(frozen=True)
class InPlaceView:
    """A step the person already has: "pågår redan", with its party and unit."""

    intervention: str
    name: str
    party_name: str
    unit_name: str
    evidence: str


@dataclass(frozen=True)
class WaitingView:
    """A proposal that waits ("nästa steg, senare") or was set aside, with its reason."""

    intervention: str
    name: str
    why: str


@dataclass(frozen=True)
class FactsView:
    """Everything the meeting shows from the case facts and the current draft."""

    signal_groups: list[SignalGroup]
    alerts: list[PlanAlert]
    alert_kinds: str
    handled: list[HandledView]
    in_place: list[InPlaceView]
    later: list[WaitingView]
    dropped: list[WaitingView]


def _status_label(kind: str, status: str) -> str:
    extra = (
        DIAGNOSIS_STATUS
        if kind == "diagnosis"
        else ALERT_STATUS
        if kind == "alert"
        else PLANNED_STATUS
    )
    return extra.get(status) or NEED_STATUS_LABELS.get(status, status)


def _signal_groups(
    record: MeetingRecord, labels: Mapping[tuple[str, str], str]
) -> list[SignalGroup]:
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for signal in record.signals:
        key = (signal.kind, signal.signal_id)
        grouped.setdefault(key, []).append((signal.status, signal.review, signal.evidence))
    groups = []
    for kind, group_label in SIGNAL_GROUPS.items():
        views = []
        for (k, sid), mentions in grouped.items():
            if k != kind:
                continue
            statuses = [m[0] for m in mentions]
            reviews = {m[1] for m in mentions}
            # As for needs: a present mention wins; one confirmation confirms them all.
            status = "present" if "present" in statuses else statuses[0]
            review = (
                "confirmed"
                if "confirmed" in reviews
                else "rejected"
                if reviews == {"rejected"}
                else "detected"
            )
            evidence = list(dict.fromkeys(m[2] for m in mentions if m[2]))
            views.append(
                SignalView(
                    kind,
                    sid,
                    labels.get((kind, sid), sid),
                    _status_label(kind, status),
                    review,
                    REVIEW_WORDS.get(review, REVIEW_LABELS.get(review, review)),
                    evidence,
                )
            )
        if views:
            groups.append(SignalGroup(kind, group_label, views))
    return groups


def _unit_name(rule_set: RuleSet, party: str, unit: str) -> str:
    partner = rule_set.partners.get(party)
    found = partner.unit(unit) if partner is not None else None
    return found.name if found is not None else unit


def _name(rule_set: RuleSet, intervention: str) -> str:
    found = rule_set.interventions.get(intervention)
    return found.name if found is not None else intervention


def facts_view(record: MeetingRecord, rule_set: RuleSet) -> FactsView:
    """Build the signals, the open alerts, what is in place, what waits and what was set aside."""
    draft = record.draft
    alerts = [] if draft is None else draft.alerts
    labels = {a.kind: a.label for a in alerts}
    planned = {row.intervention_id for row in record.plan}
    return FactsView(
        signal_groups=_signal_groups(record, rule_set.lexicon.signal_labels),
        alerts=list(alerts),
        alert_kinds=",".join(a.kind for a in alerts),
        handled=[
            HandledView(
                labels.get(h.kind) or rule_set.lexicon.signal_labels.get(("alert", h.kind), h.kind),
                record.user_names.get(h.handled_by_user_id, "okänd användare"),
                h.handled_at,
            )
            for h in record.handled
        ],
        in_place=[]
        if draft is None
        else [
            InPlaceView(
                i.intervention,
                i.name,
                PARTY_NAMES.get(i.party, i.party),
                _unit_name(rule_set, i.party, i.unit),
                i.evidence,
            )
            for i in draft.in_place
        ],
        # A step the team already put in the plan is shown there, not again as waiting.
        later=[]
        if draft is None
        else [
            WaitingView(w.intervention, w.name, w.why)
            for w in draft.later
            if w.intervention not in planned
        ],
        dropped=[]
        if draft is None
        else [
            WaitingView(d.intervention, _name(rule_set, d.intervention), d.reason)
            for d in draft.dropped
        ],
    )


def announce(facts: FactsView, shown: str | None) -> bool:
    """Tell whether an alert appeared that the screen did not show (only then role="alert")."""
    if shown is None:
        return False
    before = {kind for kind in shown.split(",") if kind}
    return any(alert.kind not in before for alert in facts.alerts)
