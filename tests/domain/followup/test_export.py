"""The national follow-up export: columns, counts, suppression, CSV and XLSX on a fixed fixture."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from mgt_assistant.domain.followup.export import (
    EXPORT_COLUMNS,
    ExportRow,
    ParticipantCount,
    age_group,
    export_rows,
    to_csv,
    to_xlsx,
)
from mgt_assistant.domain.followup.records import FollowUpError
from mgt_assistant.domain.rules import RuleSet

LABELS = {"a": "Arbetsträning", "b": "Studiestöd"}
START, END = date(2024, 1, 1), date(2024, 12, 31)
# (intervention, gender): 6 women and 3 men in a; 7 women and 8 men in b; 24 in all.
PEOPLE = {
    "age_group": [("a", "kvinna", "20-24", 6), ("a", "man", "25-29", 3),
                  ("b", "kvinna", "30-39", 7), ("b", "man", "30-39", 5), ("b", "man", "40-49", 3)],
    "education": [("a", "kvinna", "gymnasium", 6), ("a", "man", "okand", 3),
                  ("b", "kvinna", "gymnasium", 7), ("b", "man", "eftergymnasial", 8)],
    "income_start": [("a", "kvinna", "ekonomiskt_bistand", 6), ("a", "man", "sjukpenning", 3),
                     ("b", "kvinna", "ekonomiskt_bistand", 7), ("b", "man", "a_kassa", 8)],
    "income_end": [("a", "kvinna", "lon", 6), ("a", "man", "sjukpenning", 3),
                   ("b", "kvinna", "csn", 7), ("b", "man", "lon", 8)],
    "end_reason": [("a", "kvinna", "arbete_utan_stod", 6), ("a", "man", "ohalsa", 3),
                   ("b", "kvinna", "studier", 7), ("b", "man", "arbete_med_stod", 8)],
    "home_area": [("a", "kvinna", "tatort", 6), ("a", "man", "landsbygd", 3),
                  ("b", "kvinna", "tatort", 7), ("b", "man", "tatort", 8)],
}  # fmt: skip


def counts() -> list[ParticipantCount]:
    return [
        ParticipantCount(i, g, variable, c, n)
        for variable, rows in PEOPLE.items()
        for i, g, c, n in rows
    ]


def rows(rule_set: RuleSet) -> list[ExportRow]:
    return export_rows(
        rule_set.outcomes, counts(), period_start=START, period_end=END, intervention_labels=LABELS
    )


def line(found: list[ExportRow], variable: str, intervention: str, category: str) -> list[str]:
    (row,) = [
        r
        for r in found
        if (r.variable, r.intervention_id, r.category_id) == (variable, intervention, category)
    ]
    return [f.text for f in row.figures]


def test_columns_are_one_constant() -> None:
    assert [header for header, _ in EXPORT_COLUMNS] == [
        "Period från",
        "Period till",
        "Insats-id",
        "Insats",
        "Bakgrundsvariabel",
        "Kategori-id",
        "Kategori",
        "Antal kvinna",
        "Antal man",
        "Antal annat",
        "Antal vill inte uppge",
        "Antal okänt",
        "Antal totalt",
    ]


def test_counts_margins_and_suppression(rule_set: RuleSet) -> None:
    found = rows(rule_set)
    # Categories + Totalt per variable: 11 + 7 + 14 + 14 + 15 + 4 = 65, for a, b and Totalt.
    assert len(found) == 195
    # 3 men in a: "< 5"; a's 6 women hide too, or 9 − 6 would give the 3 back.
    assert line(found, "Åldersgrupp", "a", "totalt")[:2] == ["x", "< 5"]
    # The 3 men aged 25–29 are the whole row: both the cell and its total show "< 5".
    assert line(found, "Åldersgrupp", "a", "25-29") == ["0", "< 5", "0", "0", "0", "< 5"]
    assert line(found, "Åldersgrupp", "b", "40-49") == ["0", "< 5", "0", "0", "0", "< 5"]
    # 13 women and 11 men in all: shown, since a's and b's splits are hidden on both sides
    # (a: 9 = x + "< 5"; b: 15 = x + x), which leaves a's men anywhere in 1–4.
    for variable in ("Åldersgrupp", "Avslutsorsak", "Tätort eller landsbygd"):
        assert line(found, variable, "totalt", "totalt") == ["13", "11", "0", "0", "0", "24"]
    assert line(found, "Åldersgrupp", "b", "totalt") == ["x", "x", "0", "0", "0", "15"]
    # The same margin is hidden under every variable, so no variable gives it away.
    for variable in ("Utbildningsnivå", "Försörjning vid start", "Tätort eller landsbygd"):
        assert line(found, variable, "a", "totalt") == line(found, "Åldersgrupp", "a", "totalt")
    for row in found:
        assert sum(1 for f in row.figures if f.hidden) != 1, row


def test_csv_is_semicolon_separated_utf8_with_bom(rule_set: RuleSet) -> None:
    data = to_csv(rows(rule_set))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0] == [header for header, _ in EXPORT_COLUMNS]
    assert len(table) == 196
    wanted = ["2024-01-01", "2024-12-31", "a", "Arbetsträning", "Åldersgrupp", "25-29", "25–29 år"]
    assert [*wanted, "0", "< 5", "0", "0", "0", "< 5"] in table
    grand = ["totalt", "Totalt", "Åldersgrupp", "totalt", "Totalt", "13", "11", "0", "0", "0", "24"]
    assert [*table[1][:2], *grand] in table


def test_xlsx_holds_the_same_cells_with_numbers_as_numbers(rule_set: RuleSet) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(rows(rule_set))), read_only=True)
    assert workbook.sheetnames == ["Uppföljning", "Förklaring"]
    sheet = workbook["Uppföljning"]
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(table) == 196
    assert table[0] == [header for header, _ in EXPORT_COLUMNS]
    totals = [r for r in table if r[2:4] == ["totalt", "Totalt"] and r[5] == "totalt"]
    assert totals[0][7:] == [13, 11, 0, 0, 0, 24]
    small = [r for r in table if r[2] == "a" and r[4] == "Åldersgrupp" and r[5] == "25-29"]
    assert small[0][7:] == [0, "< 5", 0, 0, 0, "< 5"]
    legend = next(workbook["Förklaring"].iter_rows(values_only=True))[0]
    assert isinstance(legend, str) and "färre än 5" in legend
    workbook.close()


def test_text_that_excel_would_run_is_neutralised(rule_set: RuleSet) -> None:
    found = export_rows(
        rule_set.outcomes,
        counts(),
        period_start=START,
        period_end=END,
        intervention_labels={"a": "=HYPERLINK(1)"},
    )
    assert "'=HYPERLINK(1)" in to_csv(found).decode("utf-8-sig")


def test_variables_that_disagree_are_refused(rule_set: RuleSet) -> None:
    broken = [c for c in counts() if (c.variable, c.category) != ("education", "okand")]
    with pytest.raises(FollowUpError, match="Utbildningsnivå räknar 0 deltagare för a/man"):
        export_rows(
            rule_set.outcomes, broken, period_start=START, period_end=END, intervention_labels={}
        )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (ParticipantCount("a", "kvinna", "skostorlek", "42", 5), "Okänd bakgrundsvariabel"),
        (ParticipantCount("a", "robot", "home_area", "tatort", 5), "Okänt kön"),
        (ParticipantCount("a", "man", "income_end", "ingen", 5), "Okänd kategori 'ingen'"),
        (ParticipantCount("a", "man", "home_area", "tatort", -1), "positiva"),
    ],
)
def test_bad_counts_are_refused(rule_set: RuleSet, bad: ParticipantCount, message: str) -> None:
    with pytest.raises(FollowUpError, match=message):
        export_rows(
            rule_set.outcomes, [bad], period_start=START, period_end=END, intervention_labels={}
        )


def test_age_groups_follow_the_application_form() -> None:
    assert [age_group(a) for a in (15, 16, 24, 25, 64, 65)] == [
        "under-16",
        "16-19",
        "20-24",
        "25-29",
        "60-64",
        "65+",
    ]
