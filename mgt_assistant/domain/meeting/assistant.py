"""What the assistant says: what it understood, the next question, proposals, why and why not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.meeting.edits import name_of
from mgt_assistant.domain.meeting.model import PlanItem
from mgt_assistant.domain.meeting.profile import DomainProfile
from mgt_assistant.domain.needs import NEED_STATUS_LABELS, Lexicon, NeedMention, NeedStatus, Signal
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules import DraftPlan, Evaluation, RuleSet

# Basic security first (a home, money), then health, then the way to work, which
# builds on the rest; the person's own story usually starts the meeting anyway.
QUESTION_ORDER: Final = ("housing", "economy", "health", "work_readiness")


@dataclass(frozen=True)
class Segment:
    """A piece of a message: plain text, or evidence for a need (``need`` set)."""

    text: str
    need: str | None = None
    status: str | None = None


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> list[Segment]:
    """Split a message into plain and evidence segments; spans are (start, end, need, status)."""
    segments: list[Segment] = []
    position = 0
    for start, end, need, status in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue  # overlapping or stale spans are shown as plain text
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], need, status))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def understood(mentions: Sequence[NeedMention], taxonomy: NeedTaxonomy) -> list[dict[str, str]]:
    """Describe each need heard, once per need and status, with all its evidence."""
    items: dict[tuple[str, str], dict[str, str]] = {}
    for m in mentions:
        key = (m.id, str(m.status))
        if key in items:
            items[key]["evidence"] += f"”, ”{m.evidence}"
            continue
        items[key] = {
            "need": m.id,
            "label": taxonomy.label(m.id),
            "status": str(m.status),
            "status_label": NEED_STATUS_LABELS.get(str(m.status), str(m.status)),
            "evidence": m.evidence,
        }
    return list(items.values())


def understood_text(items: Sequence[dict[str, str]]) -> str:
    """Return the opening sentence of a reply to a conversation message."""
    if not items:
        return "Jag hittade inga nya behov i meddelandet."
    parts = [f"{i['label']} ({i['status_label']}, ”{i['evidence']}”)" for i in items]
    return "Jag uppfattade: " + "; ".join(parts) + "."


def uncertain_alerts_text(signals: Iterable[Signal], lexicon: Lexicon) -> str:
    """Return a sentence naming the uncertain alerts of a message, or "" when there are none.

    Such an alert stops nothing (only a present one does), so the reply itself asks the
    team to bring it up with the person.
    """
    parts = [
        f"{lexicon.signal_labels.get((s.kind, s.id), s.id)} (”{s.evidence}”)"
        for s in signals
        if s.kind == "alert" and s.status == NeedStatus.UNCERTAIN
    ]
    if not parts:
        return ""
    return " Osäkert, fråga personen om det: " + "; ".join(parts) + "."


def next_question(
    profiles: Sequence[DomainProfile], asked: Iterable[str], taxonomy: NeedTaxonomy
) -> tuple[str, str] | None:
    """Return (domain, question) for the first unknown core domain not asked yet, or None."""
    unknown = {p.domain for p in profiles if p.state == "unknown"}
    already = set(asked)
    for domain_id in QUESTION_ORDER:
        if domain_id in unknown and domain_id not in already:
            domain = taxonomy.domain(domain_id)
            if domain is not None:
                return domain_id, domain.question
    return None


def all_core_known(profiles: Sequence[DomainProfile]) -> bool:
    """Tell whether every core domain is present or said not to be."""
    return all(p.state != "unknown" for p in profiles if p.domain in QUESTION_ORDER)


def proposal_text(
    rule_set: RuleSet, added: Sequence[PlanItem], total: int, kept_out: Sequence[str] = ()
) -> str:
    """Return the reply to a proposal: what was added to the plan and why, what stays out."""
    out = ""
    if kept_out:
        names = ", ".join(name_of(rule_set, i) for i in kept_out)
        out = f" Borttaget av teamet lades inte tillbaka: {names}."
    if not added and total == 0:
        return (
            "Jag har inga förslag än: behovsbilden räcker inte för någon regel. "
            "Berätta mer, eller lägg till behov för hand." + out
        )
    if not added:
        return "Planen innehåller redan allt som reglerna föreslår." + out
    lines = [f"{name_of(rule_set, row.intervention_id)} – {row.why}" for row in added]
    return (
        "Jag föreslår och har lagt in i planen: "
        + " ".join(f"({n}) {line}" for n, line in enumerate(lines, start=1))
        + out
    )


def why(
    rule_set: RuleSet, evaluation: Evaluation, rows: Sequence[PlanItem], intervention_id: str
) -> str:
    """Answer 'varför X?': the rule and the need behind it, or that the team added it."""
    name = name_of(rule_set, intervention_id)
    for rec in evaluation.recommendations:
        if rec.intervention.id == intervention_id:
            needs = [value for column, value in rec.inputs if column == "need"]
            behind = f" Behov: {needs[0]}." if needs else ""
            return f"{name} föreslås enligt regel {rec.rule} ({rec.table}): {rec.why}{behind}"
    row = next((r for r in rows if r.intervention_id == intervention_id), None)
    if row is not None:
        return f"{name} finns i planen för att teamet lade till den: {row.why}"
    return f"{name} föreslås inte. " + why_not(rule_set, evaluation, intervention_id)


def why_not(
    rule_set: RuleSet,
    evaluation: Evaluation,
    intervention_id: str,
    draft: DraftPlan | None = None,
) -> str:
    """Answer 'varför inte X?' with the drafter's or the evaluator's reason."""
    name = name_of(rule_set, intervention_id)
    if draft is not None:
        # The drafter sets proposals aside (in place, alternative, cap, acute): say so first.
        for had in draft.in_place:
            if had.intervention == intervention_id:
                partner = rule_set.partners.get(had.party)
                unit = partner.unit(had.unit) if partner is not None else None
                where = PARTY_NAMES.get(had.party, had.party)
                place = f"{where}, {unit.name}" if unit is not None else where
                return f"{name} pågår redan ({place}): ”{had.evidence}”."
        for dropped in draft.dropped:
            if dropped.intervention == intervention_id:
                return f"{name} föreslås inte: {dropped.reason}."
        for waiting in draft.later:
            if waiting.intervention == intervention_id:
                return f"{name} är ett nästa steg, senare: {waiting.why}."
    for rec in evaluation.recommendations:
        if rec.intervention.id == intervention_id:
            return f"{name} föreslås faktiskt, enligt regel {rec.rule}: {rec.why}"
    for rejected in evaluation.not_recommended:
        if rejected.intervention.id == intervention_id:
            return f"{name} föreslås inte: {rejected.reason}."
    return f"{name} föreslås inte."


def owner_text(party: str, name: str, unit: str | None) -> str:
    """Return 'Sara Holm, Kommunen (Ekonomiskt bistånd)'."""
    where = PARTY_NAMES.get(party, party)
    return f"{name}, {where}" + (f" ({unit})" if unit else "")
