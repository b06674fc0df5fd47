"""The rule set the running app uses: loaded once, swapped only for a clean one.

A rule set is identified by its content hash, so loading the same files again
(as every test app does) reuses the compiled set instead of parsing it anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mgt_assistant.domain.meeting import MeetingCore, make_meeting_core
from mgt_assistant.domain.rules import (
    Finding,
    Recommender,
    RuleSet,
    RuleSetError,
    check_rule_set,
    content_hash,
)

_cache: dict[tuple[Path, str], ActiveRules] = {}


@dataclass(frozen=True)
class ActiveRules:
    """A checked rule set with its compiled recommender, meeting core and linter findings."""

    rule_set: RuleSet
    recommender: Recommender
    findings: tuple[Finding, ...]
    meeting_core: MeetingCore


def load_active_rules(rules_dir: Path) -> ActiveRules:
    """Load, lint and compile a rule set; raise RuleSetError if it has errors."""
    key = (rules_dir.resolve(), content_hash(rules_dir))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    rule_set, findings = check_rule_set(rules_dir)
    if rule_set is None:
        raise RuleSetError(findings)
    recommender = Recommender(rule_set)
    core = make_meeting_core(rule_set, recommender)
    active = ActiveRules(rule_set, recommender, tuple(findings), core)
    _cache[key] = active
    return active
