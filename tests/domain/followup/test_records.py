"""Ending a plan, follow-up answers, due dates and quarters in Europe/Stockholm."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mgt_assistant.domain.followup.records import (
    EndedCase,
    FollowUpError,
    InterventionResult,
    Quarter,
    follow_up_due,
    local_date,
    quarter_of,
    quarters_between,
    read_ended_case,
    read_follow_up,
)
from mgt_assistant.domain.rules import RuleSet

TODAY = date(2026, 11, 23)


def end(rule_set: RuleSet, **changes: object) -> EndedCase:
    fields: dict[str, object] = {
        "plan_interventions": ["sius", "kbt"],
        "end_date": date(2026, 10, 1),
        "end_reason": "arbete_med_stod",
        "income_source": "lon",
        "results": {"sius": "fullfoljd", "kbt": "inte_paborjad"},
        "start_date": date(2026, 3, 2),
    }
    fields.update(changes)
    return read_ended_case(rule_set.outcomes, today=TODAY, **fields)  # type: ignore[arg-type]


def test_an_ended_plan_keeps_each_intervention_outcome(rule_set: RuleSet) -> None:
    case = end(rule_set)
    assert case.interventions == (
        InterventionResult("kbt", "inte_paborjad"),
        InterventionResult("sius", "fullfoljd"),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": date(2026, 12, 1)}, "framtiden"),
        ({"end_date": date(2026, 3, 1)}, "före planens start"),
        ({"end_reason": "semester"}, "avslutsorsak"),
        ({"income_source": "ingen"}, "försörjning"),
        ({"results": {"sius": "fullfoljd"}}, "Ange hur insatsen kbt gick"),
        ({"results": {"sius": "klar", "kbt": "avbruten"}}, "fullföljd, avbruten eller inte"),
        (
            {"results": {"sius": "fullfoljd", "kbt": "avbruten", "mac": "avbruten"}},
            "mac finns inte",
        ),
    ],
)
def test_a_wrong_end_is_refused_in_swedish(
    rule_set: RuleSet, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(FollowUpError, match=message):
        end(rule_set, **changes)


def test_follow_up_answers_are_checked(rule_set: RuleSet) -> None:
    answer = read_follow_up(
        rule_set.outcomes,
        end_date=date(2026, 4, 1),
        months=6,
        result="studies",
        income_source="csn",
        answered_on=date(2026, 10, 5),
        today=TODAY,
    )
    assert (answer.months, answer.result, answer.income_source) == (6, "studies", "csn")
    with pytest.raises(FollowUpError, match="6 eller 12"):
        read_follow_up(
            rule_set.outcomes,
            end_date=date(2026, 4, 1),
            months=9,
            result="work",
            income_source="lon",
            answered_on=date(2026, 10, 5),
            today=TODAY,
        )
    with pytest.raises(FollowUpError, match="före avslutet"):
        read_follow_up(
            rule_set.outcomes,
            end_date=date(2026, 4, 1),
            months=6,
            result="work",
            income_source="lon",
            answered_on=date(2026, 3, 5),
            today=TODAY,
        )


def test_due_dates_keep_the_day_or_take_the_last_of_the_month() -> None:
    assert follow_up_due(date(2026, 3, 15), 6) == date(2026, 9, 15)
    assert follow_up_due(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert follow_up_due(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert follow_up_due(date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_quarters_use_the_swedish_date() -> None:
    # 31 March 22:30 UTC is 1 April 00:30 in Stockholm (summer time): the second quarter.
    instant = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    assert quarter_of(local_date(instant)) == Quarter(2026, 2)
    assert quarter_of(date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter(2026, 4).label == "2026 kv. 4"
    assert quarters_between(date(2025, 11, 2), date(2026, 4, 1)) == [
        Quarter(2025, 4),
        Quarter(2026, 1),
        Quarter(2026, 2),
    ]
    with pytest.raises(FollowUpError, match="tidszon"):
        local_date(datetime(2026, 3, 31, 22, 30))
