"""The evaluation set: recall and false alarms over the core domains, with a floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.domain.needs import CORE_DOMAINS, Lexicon, extract_needs, summarise
from mgt_assistant.domain.yaml_strict import load_file

EVALUATION_SET = Path(__file__).parents[2] / "data" / "needs_eval.yaml"
MIN_RECALL = 0.90
MAX_FALSE_ALARM_RATE = 0.10


def test_recall_and_false_alarm_rate(lexicon: Lexicon, capsys: pytest.CaptureFixture[str]) -> None:
    items = load_file(EVALUATION_SET, "needs_eval.yaml")
    assert len(items) >= 80
    expected_present = found = reported = false_alarms = 0
    for item in items:
        expected = item["expect"] or {}
        summary = summarise(extract_needs(item["text"], lexicon))
        for domain in CORE_DOMAINS:
            label, got = expected.get(domain), summary.get(domain)
            if label == "present":
                expected_present += 1
                found += got in ("present", "uncertain")
            if got == "present":
                reported += 1
                false_alarms += label not in ("present", "uncertain")
    recall = found / expected_present
    false_alarm_rate = false_alarms / reported
    with capsys.disabled():
        print(
            f"\nBehovsläsaren på {len(items)} meningar: recall {recall:.3f} "
            f"({found}/{expected_present}), falsklarm {false_alarm_rate:.3f} "
            f"({false_alarms}/{reported})"
        )
    assert recall >= MIN_RECALL
    assert false_alarm_rate <= MAX_FALSE_ALARM_RATE


def test_every_evidence_is_the_text_at_its_offsets(lexicon: Lexicon) -> None:
    for item in load_file(EVALUATION_SET, "needs_eval.yaml"):
        text = item["text"]
        for mention in extract_needs(text, lexicon):
            assert text[mention.start : mention.end] == mention.evidence
