"""Rule sets: loading, linting, evaluating and drafting the parallel plan.

The public API the web app, the CLI and the tests use::

    rule_set = load_rule_set(rules_dir)            # strict; raises RuleSetError
    rule_set, findings = check_rule_set(rules_dir)  # collect-all, for review pages
    recommender = Recommender(rule_set)            # compile once
    case = read_case(rule_set, data)               # raises CaseError (Swedish)
    evaluation = recommender.evaluate(case)        # why and why not
    plan = draft_plan(rule_set, evaluation)        # stores rule_set.version + .hash
    case = with_signals(case, reader_signals)      # alerts, in place, diagnoses, income

The one target-group check lives in ``mgt_assistant.domain.target_group``;
``check_target_group(rule_set, case)`` applies it to a rules case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgt_assistant.domain.lazy import lazy_exports

if TYPE_CHECKING:
    from mgt_assistant.domain.needs.signals import Signal
    from mgt_assistant.domain.rules.case import (
        Case,
        CaseError,
        NeedEntry,
        Referrer,
        read_case,
    )
    from mgt_assistant.domain.rules.case_merge import with_signals, with_text_needs
    from mgt_assistant.domain.rules.evaluator import (
        Evaluation,
        NotRecommended,
        Recommendation,
        Recommender,
    )
    from mgt_assistant.domain.rules.facts import Fact, SignalFacts, facts_from_signals
    from mgt_assistant.domain.rules.files import RuleSetError, content_hash
    from mgt_assistant.domain.rules.loader import (
        check_rule_set,
        load_rule_set,
    )
    from mgt_assistant.domain.rules.model import Finding, RuleSet
    from mgt_assistant.domain.rules.plan import (
        DraftPlan,
        Dropped,
        InPlace,
        Later,
        PlanAlert,
        PlanOwner,
        PlanRow,
        check_target_group,
        draft_plan,
    )
    from mgt_assistant.domain.rules.report import explain_text, recommendation_document, to_json
    from mgt_assistant.domain.rules.scenarios import ScenarioReport, run_scenarios
    from mgt_assistant.domain.rules.units import fold, resolve_any_unit, resolve_unit
    from mgt_assistant.domain.target_group import TargetGroupCheck

# Each public name and the module that defines it: a name is imported when first used,
# so taking one part (a compiled rule set, the needs reader) does not load the rest.
_MODULES = {
    "Signal": "mgt_assistant.domain.needs.signals",
    "Case": "mgt_assistant.domain.rules.case",
    "CaseError": "mgt_assistant.domain.rules.case",
    "NeedEntry": "mgt_assistant.domain.rules.case",
    "Referrer": "mgt_assistant.domain.rules.case",
    "read_case": "mgt_assistant.domain.rules.case",
    "with_signals": "mgt_assistant.domain.rules.case_merge",
    "with_text_needs": "mgt_assistant.domain.rules.case_merge",
    "Evaluation": "mgt_assistant.domain.rules.evaluator",
    "NotRecommended": "mgt_assistant.domain.rules.evaluator",
    "Recommendation": "mgt_assistant.domain.rules.evaluator",
    "Recommender": "mgt_assistant.domain.rules.evaluator",
    "Fact": "mgt_assistant.domain.rules.facts",
    "SignalFacts": "mgt_assistant.domain.rules.facts",
    "facts_from_signals": "mgt_assistant.domain.rules.facts",
    "RuleSetError": "mgt_assistant.domain.rules.files",
    "check_rule_set": "mgt_assistant.domain.rules.loader",
    "content_hash": "mgt_assistant.domain.rules.files",
    "load_rule_set": "mgt_assistant.domain.rules.loader",
    "Finding": "mgt_assistant.domain.rules.model",
    "RuleSet": "mgt_assistant.domain.rules.model",
    "DraftPlan": "mgt_assistant.domain.rules.plan",
    "Dropped": "mgt_assistant.domain.rules.plan",
    "InPlace": "mgt_assistant.domain.rules.plan",
    "Later": "mgt_assistant.domain.rules.plan",
    "PlanAlert": "mgt_assistant.domain.rules.plan",
    "PlanOwner": "mgt_assistant.domain.rules.plan",
    "PlanRow": "mgt_assistant.domain.rules.plan",
    "check_target_group": "mgt_assistant.domain.rules.plan",
    "draft_plan": "mgt_assistant.domain.rules.plan",
    "explain_text": "mgt_assistant.domain.rules.report",
    "recommendation_document": "mgt_assistant.domain.rules.report",
    "to_json": "mgt_assistant.domain.rules.report",
    "ScenarioReport": "mgt_assistant.domain.rules.scenarios",
    "run_scenarios": "mgt_assistant.domain.rules.scenarios",
    "fold": "mgt_assistant.domain.rules.units",
    "resolve_any_unit": "mgt_assistant.domain.rules.units",
    "resolve_unit": "mgt_assistant.domain.rules.units",
    "TargetGroupCheck": "mgt_assistant.domain.target_group",
}

__all__ = [
    "Case",
    "CaseError",
    "DraftPlan",
    "Dropped",
    "Evaluation",
    "Fact",
    "Finding",
    "InPlace",
    "Later",
    "NeedEntry",
    "NotRecommended",
    "PlanAlert",
    "PlanOwner",
    "PlanRow",
    "Recommendation",
    "Recommender",
    "Referrer",
    "RuleSet",
    "RuleSetError",
    "ScenarioReport",
    "Signal",
    "SignalFacts",
    "TargetGroupCheck",
    "check_rule_set",
    "check_target_group",
    "content_hash",
    "draft_plan",
    "explain_text",
    "facts_from_signals",
    "fold",
    "load_rule_set",
    "read_case",
    "recommendation_document",
    "resolve_any_unit",
    "resolve_unit",
    "run_scenarios",
    "to_json",
    "with_signals",
    "with_text_needs",
]


__getattr__, __dir__ = lazy_exports(globals(), _MODULES)
