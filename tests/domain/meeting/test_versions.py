"""Decisions: follow-up dates and the comparison of versions."""

from __future__ import annotations

from datetime import date

from mgt_assistant.domain.meeting import DecidedRow, PlanItem, UndoEntry
from mgt_assistant.domain.meeting.versions import Decision, add_months, compare, with_defaults


def test_months_are_added_to_the_same_day_or_the_months_last() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_follow_ups_default_to_6_and_12_months_after_the_planned_end() -> None:
    rows = [
        PlanItem("kbt", "region", "primarvard", "vard", "insats", 2, 12, "x"),
        PlanItem("mentorskap", "kommun", "x", "arbetsliv", "efterstod", 26, 52, "x"),
    ]
    decided = with_defaults(Decision(date(2026, 1, 1)), rows)
    # Efterstöd comes after the end; the plan's last step ends after week 14.
    assert decided.planned_end == date(2026, 4, 9)
    assert decided.follow_up_6m == date(2026, 10, 9)
    assert decided.follow_up_12m == date(2027, 4, 9)


def _row(iid: str, name: str, unit_name: str, weeks: int) -> dict[str, object]:
    item = PlanItem(iid, "region", "u", "vard", "insats", 0, weeks, "x")
    return DecidedRow(item, name, unit_name).to_json()


def test_compare_lists_added_removed_and_changed_rows() -> None:
    old = {
        "rows": [_row("kbt", "KBT", "Primärvården", 12), _row("act", "ACT", "Primärvården", 8)],
        "goal": "Jobb",
    }
    new = {
        "rows": [_row("kbt", "KBT", "Vuxenpsykiatrin", 12), _row("se", "SE", "AME", 26)],
        "goal": "Jobb",
    }
    assert compare(old, new) == [
        "Tillagd: SE.",
        "Borttagen: ACT.",
        "KBT: ansvarig enhet Primärvården → Vuxenpsykiatrin.",
    ]
    assert compare(None, new) == ["Första beslutade versionen."]
    assert compare(new, new) == ["Inga ändringar i planen."]


def test_a_decided_row_reads_back_what_it_wrote() -> None:
    item = PlanItem("kbt", "region", "primarvard", "vard", "insats", 2, 12, "x", "Eva", "planerad")
    row = DecidedRow(item, "KBT", "Primärvården")
    assert DecidedRow.from_json(row.to_json()) == row
    # The plan row ignores the names, so the undo log and the snapshot share one form.
    assert PlanItem.from_json(row.to_json()) == item


def test_an_undo_entry_reads_back_what_it_wrote() -> None:
    item = PlanItem("kbt", "region", "primarvard", "vard", "insats", 2, 12, "x")
    entry = UndoEntry(rows=(item,), reviews={7: "detected"}, added_needs=(9,), goal="Jobb")
    stored = entry.to_json()
    assert stored["reviews"] == {"7": "detected"}
    assert UndoEntry.from_json(stored) == entry
    assert UndoEntry.from_json(UndoEntry(rows=()).to_json()).rows == ()
    assert UndoEntry().to_json() == {}
