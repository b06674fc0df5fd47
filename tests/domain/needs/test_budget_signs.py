"""Budget trouble in other words (round 8): unopened bills, advances, the end of the month.

Sentences are new, written for these tests; the everyday sense is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text


def _budget(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    return [
        (need.status.value, need.evidence)
        for need in read_text(text, lexicon).needs
        if need.id == "economy.budget"
    ]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Posten ligger oöppnad på hallgolvet.", "Posten ligger oöppnad"),
        ("Det finns oöppnade kuvert överallt i lägenheten.", "oöppnade kuvert"),
        ("Hon bad om förskott på lönen igen.", "bad om förskott"),
        ("Han lånar av kompisar varje månad.", "lånar av kompisar"),
        ("Maten i slutet av månaden är det svåra.", "Maten i slutet av månaden"),
        ("Hon handlade för tusentals kronor på en kväll.", "handlade för tusentals kronor"),
    ],
)
def test_budget_trouble_is_read(lexicon: Lexicon, text: str, evidence: str) -> None:
    assert ("present", evidence) in _budget(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Jag öppnar posten varje lördag.",
        "Vi ses i slutet av veckan.",
        "Han lånar böcker på biblioteket.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    assert _budget(text, lexicon) == []
