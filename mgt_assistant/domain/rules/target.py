"""The MGT target-group check for a rules case: the one check in ``domain.target_group``."""

from __future__ import annotations

from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.domain.target_group import Limits, TargetGroupCheck, check_target_group


def limits_of(rule_set: RuleSet) -> Limits:
    """Return the target-group limits the rule set approves."""
    return rule_set.target_group


def case_target_group(rule_set: RuleSet, case: Case) -> TargetGroupCheck:
    """Check a case against the target group with the same logic as the pre-check."""
    taxonomy = rule_set.taxonomy
    parties = {party for need in case.active_needs for party in taxonomy.parties_for(need)}
    return check_target_group(
        age_range=case.age_span,
        parties=parties,
        own_resources_tried=case.own_resources_tried,
        consent_given=case.consent_given,
        excluded_parties=case.excluded_parties,
        limits=limits_of(rule_set),
    )
