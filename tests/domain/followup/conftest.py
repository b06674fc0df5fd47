"""Fixtures for the follow-up core: the shipped rule set."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    """The shipped rule set, loaded strictly once."""
    return load_rule_set(DEFAULT_RULES_DIR)
