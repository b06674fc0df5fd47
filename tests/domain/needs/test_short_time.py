"""Long-term unemployment needs a long time (round 5, after blind set 4)."""

from __future__ import annotations

from datetime import date

import pytest

from mgt_assistant.domain.needs import Lexicon, extract_needs
from mgt_assistant.domain.needs.matching import expand_abbreviations
from mgt_assistant.domain.needs.short_time import short_time
from mgt_assistant.domain.needs.text import tokenize

LONG = "work_readiness.long_unemployment"


def _long(text: str, lexicon: Lexicon) -> set[str]:
    return {m.status.value for m in extract_needs(text, lexicon) if m.id == LONG}


@pytest.mark.parametrize(
    "text",
    [
        "Har varit arbetssökande i två månader.",
        "Inskriven på AF sedan i våras.",
        "Har varit arbetslös ett par veckor.",
        "Inskriven hos AF sedan tre veckor.",
        "Jag är inskriven på AF och har sökt typ trettio jobb. Har fått två intervjuer.",
    ],
)
def test_a_short_time_or_a_moving_search_is_no_long_unemployment(
    lexicon: Lexicon, text: str
) -> None:
    assert "present" not in _long(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Är arbetslös.",
        "Arbetslös sedan 2019.",
        "Har varit arbetslös i tre år.",
        "Har varit arbetslös i 18 månader.",
        "Är arbetslös och har möte på AF om en vecka.",
        "Har sökt typ femtio jobb utan att få svar.",
        "Hon har sökt hundratals jobb men aldrig fått komma på intervju.",
    ],
)
def test_a_long_or_unstated_time_stays_long_unemployment(lexicon: Lexicon, text: str) -> None:
    assert _long(text, lexicon) == {"present"}


@pytest.mark.parametrize(
    ("text", "today", "short"),
    [
        ("arbetslös sedan september", date(2026, 12, 1), True),
        ("arbetslös sedan februari", date(2026, 12, 1), False),
        ("arbetslös sedan november", date(2027, 2, 1), True),
        ("arbetslös sedan i höstas", date(2026, 12, 1), True),
        ("arbetslös i 14 månader", date(2026, 12, 1), False),
    ],
)
def test_a_month_is_short_within_half_a_year(
    lexicon: Lexicon, text: str, today: date, short: bool
) -> None:
    tokens = expand_abbreviations(tokenize(text)[0], lexicon)
    assert short_time(tokens, 0, today) is short
