"""The shipped rule set, compiled once for the meeting-core tests, and a fake reader."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.meeting import MeetingCore, MeetingState, build_vocabulary
from mgt_assistant.domain.needs import NeedMention, NeedStatus, Reading
from mgt_assistant.domain.rules import Case, Recommender, Referrer, RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR

# Words the fake reader knows; the real one is tested in tests/domain/needs.
WORDS = {
    "vräkning": "housing.eviction_risk",
    "skulder": "economy.debt",
    "deprimerad": "health.mental",
    "arbetslös": "work_readiness.long_unemployment",
    "lägenhet": "housing",
}


def fake_read(text: str, second_opinion: bool) -> Reading:
    """Find the known words as needs ('inga X' is negated); no signals."""
    found = []
    for word, need in WORDS.items():
        start = text.find(word)
        if start >= 0:
            negated = text[max(0, start - 5) : start].strip() == "inga"
            status = NeedStatus.NEGATED if negated else NeedStatus.PRESENT
            end = start + len(word)
            domain = need.split(".")[0]
            found.append(NeedMention(domain, need, word, status, word, start, end, 0.9))
    return Reading(tuple(found), ())


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    """The rule set in rules/."""
    return load_rule_set(DEFAULT_RULES_DIR)


@pytest.fixture(scope="session")
def core(rule_set: RuleSet) -> MeetingCore:
    """The meeting core with the fake reader."""
    return MeetingCore(rule_set, Recommender(rule_set), build_vocabulary(rule_set), fake_read)


@pytest.fixture
def empty_state() -> MeetingState:
    """A meeting with nothing said yet, referred by the kommun."""
    return MeetingState((), (), (), Case(age=34, referrer=Referrer("kommun", None, "Sara Holm")))
