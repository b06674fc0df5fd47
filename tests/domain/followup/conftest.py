"""Fixtures for the follow-up core: the shipped rule set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    """The shipped rule set, loaded strictly once."""
    return load_rule_set(DEFAULT_RULES_DIR)


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of rules/ that a test may break."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target
