"""The socio-economic estimate from seed 003's rule of thumb, read from outcomes.yaml."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mgt_assistant.domain.followup.records import EndCount, FollowUpCount, FollowUpError
from mgt_assistant.domain.followup.results import follow_up_table
from mgt_assistant.domain.followup.socio import format_sek, socio_economic_estimate
from mgt_assistant.domain.followup.targets import target_report
from mgt_assistant.domain.rules import RuleSet, check_rule_set
from tests.domain.rules.conftest import replace_in


def test_seed_003_example_gives_6_804_000(rule_set: RuleSet) -> None:
    rule = rule_set.outcomes.socio_economic
    assert rule is not None
    assert (rule.monthly_amount_sek, rule.months, rule.group) == (16200, 12, "work_or_studies")
    assert rule.source.startswith("seed 003")
    # Seed 003: 35 people to work or studies × 16 200 kr × 12 months = 6 804 000 kr.
    targets = target_report(
        rule_set.outcomes, [EndCount("arbete_utan_stod", 30), EndCount("studier", 5)]
    )
    follow_ups = follow_up_table(
        [
            FollowUpCount(6, "work", 20),
            FollowUpCount(6, "no_change", 15),
            FollowUpCount(12, "studies", 3),
        ]
    )
    estimate = socio_economic_estimate(rule_set.outcomes, targets, follow_ups)
    at_end, six, twelve = estimate.lines
    assert at_end.people.shown == 35
    assert at_end.amount_sek == 6_804_000
    assert at_end.amount_text == "6\u00a0804\u00a0000 kr"
    # 20 × 16 200 × 12 = 3 888 000.
    assert six.amount_sek == 3_888_000
    # Three people at 12 months: the amount would give the count away, so it hides.
    assert twelve.amount_sek is None
    assert twelve.amount_text == "< 5"
    assert estimate.assumptions[0] == "Det här är en uppskattning, inte ett löfte."
    assert any("16\u00a0200 kr per månad" in a for a in estimate.assumptions)
    assert estimate.source == rule.source


def test_without_the_key_there_is_no_estimate(rule_set: RuleSet) -> None:
    outcomes = replace(rule_set.outcomes, socio_economic=None)
    targets = target_report(outcomes, [])
    with pytest.raises(FollowUpError, match="socio_economic"):
        socio_economic_estimate(outcomes, targets, follow_up_table([]))


def test_format_sek_uses_swedish_spacing() -> None:
    assert format_sek(16200) == "16\u00a0200"
    assert format_sek(500) == "500"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "monthly_amount_sek: 16200",
            "monthly_amount_sek: 0",
            "'monthly_amount_sek' måste vara större",
        ),
        ("  group: work_or_studies\n  source", "  group: lotto\n  source", "okänd grupp 'lotto'"),
        ("  months: 12\n", "  months: tolv\n", "'months' måste vara ett heltal"),
        ("  months: 12\n", "  months: 12\n  valuta: SEK\n", "okänd nyckel 'valuta'"),
    ],
)
def test_a_wrong_socio_economic_key_is_a_finding(
    rules_copy: Path, old: str, new: str, message: str
) -> None:
    replace_in(rules_copy / "outcomes.yaml", old, new)
    _, findings = check_rule_set(rules_copy)
    assert any(message in f.message and f.file == "outcomes.yaml" for f in findings)
