"""The shipped lexicon, compiled once for the needs tests."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, load_lexicon
from mgt_assistant.paths import DEFAULT_RULES_DIR


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The lexicon in rules/."""
    return load_lexicon(DEFAULT_RULES_DIR)
