"""The shipped rule set, compiled once for the meeting-core tests, and a fake extractor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from mgt_assistant.domain.meeting import Engine, MeetingState, build_vocabulary
from mgt_assistant.domain.rules import Case, Recommender, Referrer, RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR


@dataclass(frozen=True)
class FakeMention:
    """A mention as the extractor reports it."""

    id: str
    domain: str
    status: str
    evidence: str
    start: int
    end: int
    score: float = 0.9


# Words the fake extractor knows; the real one is tested in tests/domain/needs.
WORDS = {
    "vräkning": "housing.eviction_risk",
    "skulder": "economy.debt",
    "deprimerad": "health.mental",
    "arbetslös": "work_readiness.long_unemployment",
    "lägenhet": "housing",
}


def fake_extract(text: str) -> Sequence[FakeMention]:
    """Find the known words; 'inga X' is negated."""
    found = []
    for word, need in WORDS.items():
        start = text.find(word)
        if start >= 0:
            negated = text[max(0, start - 5) : start].strip() == "inga"
            status = "negated" if negated else "present"
            end = start + len(word)
            found.append(FakeMention(need, need.split(".")[0], status, word, start, end))
    return found


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    """The rule set in rules/."""
    return load_rule_set(DEFAULT_RULES_DIR)


@pytest.fixture(scope="session")
def engine(rule_set: RuleSet) -> Engine:
    """The meeting core with the fake extractor."""
    return Engine(rule_set, Recommender(rule_set), build_vocabulary(rule_set), fake_extract)


@pytest.fixture
def empty_state() -> MeetingState:
    """A meeting with nothing said yet, referred by the kommun."""
    return MeetingState((), (), (), Case(age=34, referrer=Referrer("kommun", None, "Sara Holm")))
