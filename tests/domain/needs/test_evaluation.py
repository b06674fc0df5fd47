"""The evaluation set: recall and false alarms over the core domains, with a floor.

recall: of the (sentence, core domain) pairs a reader labels present, the share
reported present or uncertain. false-alarm rate: of the pairs reported present,
the share the label calls absent, negated, historical or someone else's
(1 − precision; stricter than the issue, which does not count historical).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from mgt_assistant.domain.needs import CORE_DOMAINS, Lexicon, NeedStatus, extract_needs, summarise
from mgt_assistant.domain.needs.evaluation import expected_domains
from mgt_assistant.domain.yaml_strict import load_file

DATA = Path(__file__).parents[2] / "data"
# The development sets: issue 4, issue 10, the spent blind set 1, development set 3 and
# the check sets of December 2026 (check sets 6 and 7: rounds 4 and 6, each scored once
# before tuning).
DEVELOPMENT_SETS = tuple(
    DATA / name
    for name in (
        *("needs_eval.yaml", "needs_dev.yaml", "needs_blind.yaml", "needs_dev2.yaml"),
        *("needs_check.yaml", "needs_check2.yaml", "needs_check3.yaml", "needs_check4.yaml"),
        *("needs_check5.yaml", "needs_check6.yaml", "needs_check7.yaml"),
    )
)
MIN_RECALL = 0.95
MAX_FALSE_ALARM_RATE = 0.05
ORDER = [status.value for status in NeedStatus]


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    """The labelled sentences."""
    loaded: list[dict[str, Any]] = []
    for path in DEVELOPMENT_SETS:
        loaded += load_file(path, path.name)
    return loaded


def test_the_set_is_large_and_covers_every_kind_of_sentence(
    items: list[dict[str, Any]], lexicon: Lexicon
) -> None:
    assert len(items) >= 400
    tags = {tag for item in items for tag in item.get("tags", ())}
    assert {"typo", "abbreviation", "negation", "history", "uncertainty", "other_person"} <= tags
    assert "trap" in tags
    labelled = {need_id for item in items for need_id in item["expect"]}
    all_sub_needs = {s.id for d in lexicon.taxonomy.domains for s in d.sub_needs}
    assert all_sub_needs - labelled == set()
    assert all(status in ORDER for item in items for status in item["expect"].values())


def test_recall_and_false_alarm_rate(
    items: list[dict[str, Any]], lexicon: Lexicon, capsys: pytest.CaptureFixture[str]
) -> None:
    expected_present = found = reported = false_alarms = 0
    for item in items:
        expected = expected_domains(item["expect"])
        summary = summarise(extract_needs(item["text"], lexicon))
        for domain in CORE_DOMAINS:
            label, got = expected.get(domain), summary.get(domain)
            if label == "present":
                expected_present += 1
                found += got in (NeedStatus.PRESENT, NeedStatus.UNCERTAIN)
            if got == NeedStatus.PRESENT:
                reported += 1
                false_alarms += label not in ("present", "uncertain")
    recall = found / expected_present
    false_alarm_rate = false_alarms / reported
    with capsys.disabled():
        print(
            f"\nBehovsläsaren, {len(items)} meningar, kärnområden: recall {recall:.3f} "
            f"({found}/{expected_present}), falsklarm {false_alarm_rate:.3f} "
            f"({false_alarms}/{reported})"
        )
    assert recall >= MIN_RECALL
    assert false_alarm_rate <= MAX_FALSE_ALARM_RATE


def test_every_sub_need_is_found_where_it_is_labelled_present(
    items: list[dict[str, Any]], lexicon: Lexicon
) -> None:
    found: set[str] = set()
    for item in items:
        ids = {m.id for m in extract_needs(item["text"], lexicon)}
        found |= {i for i, status in item["expect"].items() if status == "present" and i in ids}
    all_sub_needs = {s.id for d in lexicon.taxonomy.domains for s in d.sub_needs}
    assert all_sub_needs - found == set()


def test_every_evidence_is_the_text_at_its_offsets(
    items: list[dict[str, Any]], lexicon: Lexicon
) -> None:
    for item in items:
        text = item["text"]
        for mention in extract_needs(text, lexicon):
            assert text[mention.start : mention.end] == mention.evidence


def test_reading_is_deterministic(items: list[dict[str, Any]], lexicon: Lexicon) -> None:
    text = " ".join(item["text"] for item in items)
    first = [m.to_json() for m in extract_needs(text, lexicon)]
    assert first == [m.to_json() for m in extract_needs(text, lexicon)]


def test_threads_read_the_same_as_one_thread(items: list[dict[str, Any]], lexicon: Lexicon) -> None:
    # The web app serves requests from a thread pool with one shared lexicon.
    texts = [str(item["text"]) for item in items] * 3
    alone = [[m.to_json() for m in extract_needs(text, lexicon)] for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: [m.to_json() for m in extract_needs(t, lexicon)], texts))
    assert together == alone
