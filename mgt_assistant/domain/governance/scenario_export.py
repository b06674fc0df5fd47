"""A meeting's case as a golden scenario: anonymised YAML in the format of rules/tests/."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from mgt_assistant.domain.governance.examples import case_summary
from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.evaluator import Evaluation
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.domain.rules.plan import check_target_group

HEADER = (
    "# Testfall från ett möte i MGT-assistenten (anonymiserat: inga namn, ingen fritext).\n"
    "# Granska det, justera förväntningarna och lägg det under rules/tests/ i en ändring\n"
    "# som styrgruppen granskar. Kör: mgt-assistant rules test\n"
)


def scenario_yaml(
    rule_set: RuleSet,
    case: Case,
    facts: Mapping[str, Any],
    evaluation: Evaluation,
    planned: Sequence[str],
) -> str:
    """Return one golden scenario: the case facts and what the rules propose that the team kept.

    Proposals the team left out of its plan are named in a comment, not as expectations,
    so that the scenario passes with today's rules until a maintainer decides otherwise.
    """
    proposed = [r.intervention.id for r in evaluation.recommendations]
    kept = sorted({iid for iid in proposed if iid in set(planned)})
    left_out = sorted(set(proposed) - set(kept))
    expect: dict[str, Any] = {
        "recommended": kept,
        "in_target_group": check_target_group(rule_set, case).in_target_group,
    }
    document = {
        "scenarios": [
            {
                "name": f"Från möte: {case_summary(rule_set, case)}",
                "case": dict(facts),
                "expect": expect,
            }
        ]
    }
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    note = ""
    if left_out:
        note = (
            "# Föreslogs av reglerna men togs inte med i teamets plan: "
            + ", ".join(left_out)
            + "\n"
        )
    return HEADER + note + body
