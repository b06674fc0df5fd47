"""A service an agency offers is not yet the person's need (round 5, after blind set 4)."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, extract_needs


def _statuses(text: str, lexicon: Lexicon, need_id: str) -> set[str]:
    return {m.status.value for m in extract_needs(text, lexicon) if m.id == need_id}


@pytest.mark.parametrize(
    ("text", "need_id"),
    [
        ("Kommunen kan erbjuda arbetsträning på Återbruket.", "work_readiness.work_training"),
        ("AF kan ordna en praktik.", "work_readiness.work_training"),
        (
            "Han har blivit erbjuden plats på arbetsträning men inte svarat.",
            "work_readiness.work_training",
        ),
        ("Kommunen erbjuder boendestöd.", "housing.support"),
    ],
)
def test_an_offered_service_is_uncertain(lexicon: Lexicon, text: str, need_id: str) -> None:
    assert _statuses(text, lexicon, need_id) == {"uncertain"}


@pytest.mark.parametrize(
    ("text", "need_id"),
    [
        ("Han behöver arbetsträning.", "work_readiness.work_training"),
        ("Soc har erbjudit härbärge men han sover i bilen.", "housing.homeless"),
        ("Hon har ångest och kommunen kan erbjuda samtalsstöd.", "health.mental"),
    ],
)
def test_a_need_stated_or_a_condition_is_not_an_offer(
    lexicon: Lexicon, text: str, need_id: str
) -> None:
    assert "present" in _statuses(text, lexicon, need_id)
