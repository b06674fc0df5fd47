"""Decisions: follow-up dates and the comparison of versions."""

from __future__ import annotations

from datetime import date

from mgt_assistant.domain.meeting import PlanItem
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


def test_compare_lists_added_removed_and_changed_rows() -> None:
    old = {
        "rows": [
            {"intervention_id": "kbt", "name": "KBT", "unit_name": "Primärvården", "weeks": 12},
            {"intervention_id": "act", "name": "ACT", "unit_name": "Primärvården", "weeks": 8},
        ],
        "goal": "Jobb",
    }
    new = {
        "rows": [
            {"intervention_id": "kbt", "name": "KBT", "unit_name": "Vuxenpsykiatrin", "weeks": 12},
            {"intervention_id": "se", "name": "SE", "unit_name": "AME", "weeks": 26},
        ],
        "goal": "Jobb",
    }
    assert compare(old, new) == [
        "Tillagd: SE.",
        "Borttagen: ACT.",
        "KBT: ansvarig enhet Primärvården → Vuxenpsykiatrin.",
    ]
    assert compare(None, new) == ["Första beslutade versionen."]
    assert compare(new, new) == ["Inga ändringar i planen."]
