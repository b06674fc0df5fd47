"""Fixtures for the rule-set tests: the shipped rules, and a writable copy of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgt_assistant.domain.rules import Recommender, RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    """The shipped rule set, loaded strictly once."""
    return load_rule_set(DEFAULT_RULES_DIR)


@pytest.fixture(scope="session")
def recommender(rule_set: RuleSet) -> Recommender:
    """The shipped rule set compiled for evaluation."""
    return Recommender(rule_set)


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of rules/ that a test may break."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` in a file (fails loudly otherwise)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line number where ``needle`` first occurs."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


TABLE_HEADER = """\
table: {name}
label: Testtabell
version: "1.0"
status: draft
effective_from: "2026-12-01"
hit_policy: {policy}
inputs:
  - id: need
    type: need
  - id: age
    type: integer
    min: 16
    max: 64
rows:
"""


def write_table(rules_dir: Path, name: str, policy: str, rows: str) -> Path:
    """Write a small decision table into a rules copy and return its path."""
    path = rules_dir / "recommendations" / f"{name}.yaml"
    path.write_text(TABLE_HEADER.format(name=name, policy=policy) + rows, encoding="utf-8")
    return path
