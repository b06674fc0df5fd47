"""Gallring: which cases are due, for what, from when."""

from __future__ import annotations

from datetime import date, timedelta

from mgt_assistant.domain.retention import Action, CaseClock, RetentionPolicy, due

TODAY = date(2026, 12, 1)
POLICY = RetentionPolicy(
    draft_days=90,
    not_relevant_days=60,
    revoked_days=30,
    closed_after_follow_up_days=30,
    closed_max_days=730,
)


def _days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_untouched_draft_is_deleted_after_its_period() -> None:
    fresh = CaseClock(1, "utkast", last_changed=_days_ago(89))
    old = CaseClock(2, "utkast", last_changed=_days_ago(90))
    assert due(fresh, POLICY, TODAY) is None
    verdict = due(old, POLICY, TODAY)
    assert verdict is not None
    assert (verdict.action, verdict.due_on) == (Action.DELETE, TODAY)


def test_not_relevant_case_uses_its_own_period() -> None:
    case = CaseClock(3, "ej_aktuell", last_changed=_days_ago(61))
    verdict = due(case, POLICY, TODAY)
    assert verdict is not None and verdict.action is Action.DELETE


def test_closed_case_with_plan_is_anonymised_after_the_12_month_follow_up() -> None:
    waiting = CaseClock(4, "avslutad", _days_ago(400), plan_decided=True, ended_on=_days_ago(400))
    assert due(waiting, POLICY, TODAY) is None
    followed = CaseClock(
        5,
        "avslutad",
        _days_ago(40),
        plan_decided=True,
        ended_on=_days_ago(400),
        follow_up_12_done_on=_days_ago(31),
    )
    verdict = due(followed, POLICY, TODAY)
    assert verdict is not None
    assert verdict.action is Action.ANONYMISE
    assert "12 månader" in verdict.reason


def test_closed_case_never_followed_up_is_anonymised_at_the_outer_limit() -> None:
    case = CaseClock(6, "avslutad", _days_ago(731), plan_decided=True, ended_on=_days_ago(731))
    verdict = due(case, POLICY, TODAY)
    assert verdict is not None and verdict.action is Action.ANONYMISE


def test_revoked_consent_before_a_plan_deletes_and_the_earliest_reason_is_given() -> None:
    case = CaseClock(7, "bokad", _days_ago(5), consent_revoked_on=_days_ago(30))
    verdict = due(case, POLICY, TODAY)
    assert verdict is not None
    assert verdict.action is Action.DELETE
    assert "återkallades" in verdict.reason


def test_ongoing_and_already_anonymised_cases_are_left_alone() -> None:
    assert due(CaseClock(8, "plan_beslutad", _days_ago(1000)), POLICY, TODAY) is None
    done = CaseClock(9, "utkast", _days_ago(1000), anonymised=True)
    assert due(done, POLICY, TODAY) is None


def test_ended_plan_whose_follow_ups_never_came_is_anonymised_at_the_outer_limit() -> None:
    waiting = CaseClock(
        10, "uppfoljning", _days_ago(729), plan_decided=True, ended_on=_days_ago(729)
    )
    assert due(waiting, POLICY, TODAY) is None
    late = CaseClock(11, "uppfoljning", _days_ago(10), plan_decided=True, ended_on=_days_ago(730))
    verdict = due(late, POLICY, TODAY)
    assert verdict is not None and verdict.action is Action.ANONYMISE
    assert verdict.due_on == TODAY
