"""Fixtures for governance tests: the shipped rules and candidates edited from a copy of them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR

Edit = tuple[str, str, str]
# The standard candidate: one table row's age bound and one catalogue entry's age limit.
ROW_EDIT: Edit = (
    "recommendations/arbetsliv.yaml",
    "when: {need: = work_readiness.education, age: 16..29, work_need: true",
    "when: {need: = work_readiness.education, age: 16..34, work_need: true",
)
CATALOGUE_EDIT: Edit = (
    "interventions.yaml",
    "    eligibility:\n      min_age: 18\n    weeks: 26\n    capacity: Bistånd efter ansökan.",
    "    eligibility:\n      min_age: 20\n    weeks: 26\n    capacity: Bistånd efter ansökan.",
)


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` in a file (fails loudly otherwise)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def baseline() -> RuleSet:
    """The shipped rule set, loaded strictly once."""
    return load_rule_set(DEFAULT_RULES_DIR)


@pytest.fixture
def make_candidate(tmp_path: Path) -> Callable[..., Path]:
    """Return a builder: copy rules/ to tmp, apply (file, old, new) edits, return the folder."""
    counter = iter(range(1000))

    def build(*edits: Edit) -> Path:
        target = tmp_path / f"candidate-{next(counter)}"
        shutil.copytree(DEFAULT_RULES_DIR, target)
        for file, old, new in edits:
            replace_once(target / file, old, new)
        return target

    return build


@pytest.fixture(scope="session")
def candidate(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    """The standard candidate: ARB-04 age 16–29 → 16–34 and boendestöd from 20 years."""
    target = tmp_path_factory.mktemp("standard") / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    for file, old, new in (ROW_EDIT, CATALOGUE_EDIT):
        replace_once(target / file, old, new)
    return load_rule_set(target)
