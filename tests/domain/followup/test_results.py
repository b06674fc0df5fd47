"""Results per intervention like seed 001's table, completion, and 6/12-month outcomes."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.followup.records import (
    FollowUpCount,
    FollowUpError,
    InterventionOutcomeCount,
)
from mgt_assistant.domain.followup.results import (
    completion_table,
    follow_up_table,
    intervention_results,
    result_columns,
)
from mgt_assistant.domain.followup.suppression import grid_relations
from mgt_assistant.domain.rules import RuleSet
from tests.domain.followup.audit import possible_values

LABELS = {"mac": "MAC", "odling": "Odling/Trädgård", "salix": "Salix", "upplevelse": "Upplevelse"}


def seed_001_counts() -> list[InterventionOutcomeCount]:
    """Västerås 2018 [seed 001]: MAC 5/3/12, Odling 5/1/7, Salix 2/1/3, Upplevelse 1/0/12."""
    rows = [
        ("mac", "fullfoljd", "arbete_utan_stod", 5),
        ("mac", "fullfoljd", "studier", 3),
        ("mac", "avbruten", "af_program", 12),
        ("odling", "fullfoljd", "arbete_utan_stod", 4),
        ("odling", "fullfoljd", "arbete_med_stod", 1),
        ("odling", "fullfoljd", "studier", 1),
        ("odling", "fullfoljd", "forstarkt_samarbete", 7),
        ("salix", "fullfoljd", "arbete_med_stod", 2),
        ("salix", "fullfoljd", "studier", 1),
        ("salix", "fullfoljd", "annan_parts_insats", 3),
        ("upplevelse", "fullfoljd", "arbete_utan_stod", 1),
        ("upplevelse", "fullfoljd", "af_program", 12),
        # Never started: left out of the results, kept in the completion table.
        ("mac", "inte_paborjad", "ater_remittent", 2),
    ]
    return [InterventionOutcomeCount(i, o, r, n, 2018) for i, o, r, n in rows]


def test_columns_split_work_and_studies_from_the_rule_set(rule_set: RuleSet) -> None:
    columns = result_columns(rule_set.outcomes)
    assert [c.id for c in columns] == ["work", "studies", "step", "early_end"]
    assert columns[0].end_reasons == ("arbete_utan_stod", "arbete_med_stod")
    assert columns[1].label == "Studier"


def test_seed_001_table_totals_and_suppression(rule_set: RuleSet) -> None:
    tables = intervention_results(rule_set.outcomes, seed_001_counts(), LABELS)
    table = tables[2018]
    assert list(tables) == [2018]
    lines = {label: [f.text for f in figures] for label, figures in table.lines()}
    # Seed 001: 13 (25 %) work, 5 (10 %) studies, 34 (65 %) further rehabilitation, 52 ended.
    assert lines["Totalt"] == ["13", "5", "34", "0", "52"]
    assert [lines[n][-1] for n in ("MAC", "Odling/Trädgård", "Salix", "Upplevelse")] == [
        "20",
        "13",
        "6",
        "13",
    ]
    assert lines["MAC"][1] == "< 5"  # 3 to studies
    assert lines["Salix"][:3] == ["< 5", "< 5", "< 5"]
    assert lines["MAC"][0] == "x"  # else 20 − 3 hidden − 12 would give MAC's 3 studies back
    assert table.cell("upplevelse", "studies").text == "0"
    keys = [k for k, _ in table.rows[:-1]]
    _, relations = grid_relations(keys, [k for k, _ in table.columns[:-1]])
    assert len(possible_values(table.figures, relations, ("mac", "studies"))) >= 2
    assert len(possible_values(table.figures, relations, ("salix", "work"))) >= 2


def test_completion_counts_every_outcome(rule_set: RuleSet) -> None:
    table = completion_table(seed_001_counts(), LABELS)
    assert table.cell("mac", "fullfoljd").text == "8"
    assert table.cell("mac", "inte_paborjad").text == "< 5"
    assert table.cell("total", "inte_paborjad").text == "< 5"
    # 54 = 40 completed + 12 broken off + 2 never started: the 12 must hide, and with
    # it MAC's 12 broken off (the only one in that column).
    assert table.cell("total", "avbruten").text == "x"
    assert table.cell("mac", "avbruten").text == "x"
    assert [table.cell("mac", "total").text, table.cell("total", "total").text] == ["22", "54"]
    assert table.cell("total", "fullfoljd").text == "40"


def test_follow_up_table_nests_work_or_studies() -> None:
    counts = [
        FollowUpCount(6, "work", 9),
        FollowUpCount(6, "studies", 3),
        FollowUpCount(6, "other_step", 10),
        FollowUpCount(6, "no_change", 12),
        FollowUpCount(6, "not_reached", 6),
        FollowUpCount(12, "work", 14),
        FollowUpCount(12, "studies", 6),
        FollowUpCount(12, "no_change", 8),
    ]
    table = follow_up_table(counts)
    six = [f.text for f in table.lines()[0][1]]
    # 9 + 3 = 12 in work or studies; 12 + 10 + 12 + 6 = 40 followed up. Studies 3 is small, so
    # work hides too (else 12 − 9 = 3); the 12 in work or studies stays.
    assert six == ["x", "< 5", "10", "12", "6", "12", "40"]
    twelve = [f.text for f in table.lines()[1][1]]
    assert twelve == ["14", "6", "0", "8", "0", "20", "28"]


def test_bad_counts_are_refused(rule_set: RuleSet) -> None:
    with pytest.raises(FollowUpError, match="6 eller 12"):
        follow_up_table([FollowUpCount(3, "work", 5)])
    with pytest.raises(FollowUpError, match="Okänt uppföljningsresultat"):
        follow_up_table([FollowUpCount(6, "lottovinst", 5)])
    bad = [InterventionOutcomeCount("mac", "klar", "studier", 5)]
    with pytest.raises(FollowUpError, match="Okänt utfall"):
        intervention_results(rule_set.outcomes, bad, LABELS)
    bad = [InterventionOutcomeCount("mac", "fullfoljd", "semester", 5)]
    with pytest.raises(FollowUpError, match="Okänd avslutsorsak"):
        intervention_results(rule_set.outcomes, bad, LABELS)
