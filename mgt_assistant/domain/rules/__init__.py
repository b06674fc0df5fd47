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
from mgt_assistant.domain.rules.loader import (
    RuleSetError,
    check_rule_set,
    content_hash,
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
