"""Add what the needs reader found in text to a case: needs, and alerts, services, diagnoses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mgt_assistant.domain.needs.extractor import NeedMention
from mgt_assistant.domain.needs.signals import Signal
from mgt_assistant.domain.rules.case import NEED_STATUSES, Case, NeedEntry
from mgt_assistant.domain.rules.facts import facts_from_signals, merge_facts


def with_text_needs(case: Case, mentions: Iterable[NeedMention]) -> Case:
    """Add needs found in the case's text to the needs given explicitly.

    A need given explicitly wins over the same need found in text; among text
    mentions of one need, an active one (present, uncertain) wins.
    """
    merged = {need.id: need for need in case.needs}
    for mention in mentions:
        if mention.status not in NEED_STATUSES:
            continue
        entry = NeedEntry(mention.id, mention.id.split(".", 1)[0], mention.status, mention.evidence)
        known = merged.get(entry.id)
        if known is None or (entry.active and not known.active and known not in case.needs):
            merged[entry.id] = entry
    return replace(case, needs=tuple(merged.values()))


def with_signals(case: Case, signals: Iterable[Signal]) -> Case:
    """Add alerts, services in place, diagnoses and income read from text to a case.

    Facts given explicitly win; an income source read from text fills only an
    unknown one.
    """
    found = facts_from_signals(signals)
    known = merge_facts(case.known_diagnoses, found.known_diagnoses)
    known_ids = {fact.id for fact in known}
    suspected = merge_facts(case.suspected_diagnoses, found.suspected_diagnoses)
    income, evidence = case.income_source, case.income_evidence
    if income is None and found.income_source is not None:
        income, evidence = found.income_source.id, found.income_source.evidence
    return replace(
        case,
        alerts=merge_facts(case.alerts, found.alerts),
        services_in_place=merge_facts(case.services_in_place, found.services_in_place),
        known_diagnoses=known,
        suspected_diagnoses=tuple(f for f in suspected if f.id not in known_ids),
        income_source=income,
        income_evidence=evidence,
    )
