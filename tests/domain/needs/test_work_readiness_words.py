"""Work readiness in other words (round 8): never tried a job, dropped by AF, goals.

Sentences are new, written for these tests; the everyday sense is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text


def _work(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    return {
        (need.id, need.status.value)
        for need in read_text(text, lexicon).needs
        if need.domain == "work_readiness"
    }


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("Han har aldrig testat något jobb.", "work_readiness.never_worked"),
        ("Hon är avaktualiserad sedan i somras.", "work_readiness.absence"),
        ("Han avaktualiserades från Arbetsförmedlingen i maj.", "work_readiness.absence"),
        ("Jag vill inte gå hemma mer.", "work_readiness.work_goal"),
        ("Planen är på sikt en anställning.", "work_readiness.work_goal"),
        ("FK prövar honom mot normalt förekommande arbete.", "work_readiness.unclear_capacity"),
        ("Hon läser på språkintroduktionen.", "work_readiness.language"),
        ("Han önskar praktisera i en butik.", "work_readiness.work_training"),
    ],
)
def test_work_readiness_in_other_words(lexicon: Lexicon, text: str, need: str) -> None:
    assert (need, "present") in _work(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Läkaren praktiserar i Karlstad.",
        "Ärendet avaktualiserades hos socialtjänsten.",
        "Han vill inte vara hemma när pappa är full.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    assert _work(text, lexicon) == set()
