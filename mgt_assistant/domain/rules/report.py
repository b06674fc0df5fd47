"""Render a recommendation as the ``recommend --json`` document or as Swedish text.

The JSON document is the contract of issue 3; keys come in a fixed order and no
clock or random value enters it, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import INPUT_LABELS
from mgt_assistant.domain.rules.evaluator import Evaluation, Recommender
from mgt_assistant.domain.rules.plan import DraftPlan, draft_plan


def recommendation_document(recommender: Recommender, evaluation: Evaluation) -> dict[str, Any]:
    """Build the JSON-ready document for one evaluated case."""
    rule_set = recommender.rule_set
    plan = draft_plan(rule_set, evaluation)
    # Set aside by the drafter (alternative, in place, IPS, cap, acute hold): reason kept.
    set_aside = {d.intervention: d.reason for d in plan.dropped}
    set_aside.update({item.intervention: f"nästa steg, senare: {item.why}" for item in plan.later})
    return {
        "rule_set": {"version": rule_set.version, "hash": rule_set.hash},
        "alerts": [
            {"kind": a.kind, "message": a.message, "route": a.route, "evidence": a.evidence}
            for a in plan.alerts
        ],
        "needs": [
            {"id": n.id, "domain": n.domain, "status": n.status, "evidence": n.evidence}
            for n in evaluation.case.needs
        ],
        "eligibility": {
            "in_target_group": plan.target_group.in_target_group,
            "reasons": list(plan.target_group.reasons),
        },
        "recommendations": [
            {
                "intervention": r.intervention.id,
                "party": r.intervention.party,
                "unit": r.intervention.unit,
                "rule": r.rule,
                "why": r.why,
            }
            for r in evaluation.recommendations
            if r.intervention.id not in set_aside
        ],
        "not_recommended": [
            *({"intervention": iid, "reason": reason} for iid, reason in set_aside.items()),
            *(
                {"intervention": n.intervention.id, "reason": n.reason}
                for n in evaluation.not_recommended
            ),
        ],
        "in_place": [
            {
                "intervention": i.intervention,
                "party": i.party,
                "unit": i.unit,
                "evidence": i.evidence,
            }
            for i in plan.in_place
        ],
        "later": [{"intervention": item.intervention, "why": item.why} for item in plan.later],
        "plan": _plan(plan),
    }


def _plan(plan: DraftPlan) -> dict[str, Any]:
    owner: dict[str, Any] | None = None
    if plan.owner is not None:
        owner = {"party": plan.owner.party, "unit": plan.owner.unit, "role": plan.owner.role}
        if plan.owner.case_officer:
            owner["case_officer"] = plan.owner.case_officer
    return {
        "owner": owner,
        "rows": [
            {
                "intervention": row.intervention,
                "party": row.party,
                "unit": row.unit,
                "lane": row.lane,
                "phase": row.phase,
                "start_week": row.start_week,
                "weeks": row.weeks,
                "why": row.why,
            }
            for row in plan.rows
        ],
    }


def to_json(document: dict[str, Any]) -> str:
    """Serialise a document deterministically (fixed key order, UTF-8 text)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def explain_text(recommender: Recommender, evaluation: Evaluation) -> str:
    """Explain in Swedish why each intervention is proposed, and why the others are not."""
    rule_set = recommender.rule_set
    plan = draft_plan(rule_set, evaluation)
    verdict = {True: "ja", False: "nej", None: "okänt"}[plan.target_group.in_target_group]
    lines = [f"Regeluppsättning {rule_set.version} ({rule_set.short_hash})", ""]
    needs = [f"{rule_set.taxonomy.label(n.id)} ({n.status})" for n in evaluation.case.needs]
    lines.append("Behov: " + (", ".join(needs) or "inga kända"))
    for alert in plan.alerts:
        lines.append(f"LARM – {alert.label}: {alert.message} Väg: {alert.route}")
    lines.append(f"Inom MGT:s målgrupp: {verdict}")
    lines += [f"  - {reason}" for reason in plan.target_group.reasons]
    lines += ["", "Föreslås:"]
    for rec in evaluation.recommendations:
        item = rec.intervention
        where = f"{PARTY_NAMES[item.party]}, {rule_set.unit_name(item.party, item.unit)}"
        lines.append(f"  + {item.name} ({where}) – regel {rec.rule} i {rec.table}")
        lines.append(f"      varför: {rec.why}")
        read = "; ".join(f"{INPUT_LABELS.get(c, c)}={v}" for c, v in rec.inputs)
        lines.append(f"      läste: {read or 'inga villkor'}")
    if not evaluation.recommendations:
        lines.append("  (inget)")
    if plan.in_place:
        lines += ["", "Pågår redan:"]
        lines += [
            f"  = {i.name} ({PARTY_NAMES[i.party]}): {i.evidence or 'angivet'}"
            for i in plan.in_place
        ]
    if plan.later:
        lines += ["", "Nästa steg, senare:"]
        lines += [f"  > {item.name}: {item.why}" for item in plan.later]
    lines += ["", "Föreslås inte:"]
    lines += [f"  - {d.intervention}: {d.reason}" for d in plan.dropped]
    lines += [f"  - {n.intervention.name}: {n.reason}" for n in evaluation.not_recommended]
    return "\n".join(lines) + "\n"
