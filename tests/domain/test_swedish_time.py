"""Swedish dates and times: one format for a date, one for a moment, Stockholm's today."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mgt_assistant.domain import swedish_time


def test_a_date_is_day_month_year_in_swedish() -> None:
    assert swedish_time.format_date(date(2026, 12, 3)) == "3 december 2026"
    assert swedish_time.format_date(None) == "–"


def test_a_moment_is_shown_in_stockholm_time() -> None:
    # 23:30 UTC on 31 December is already the new year in Stockholm (UTC+1 in winter).
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert swedish_time.format_datetime(moment) == "1 januari 2027 kl. 00:30"
    assert swedish_time.format_time(datetime(2026, 7, 1, 7, 5, tzinfo=UTC)) == "09:05"


def test_weekday_and_month_names() -> None:
    assert swedish_time.weekday_name(date(2026, 12, 3)) == "torsdag"
    assert swedish_time.month_name(5) == "maj"
    with pytest.raises(ValueError, match="1–12"):
        swedish_time.month_name(13)


def test_today_is_stockholms_date() -> None:
    assert swedish_time.today() == datetime.now(swedish_time.STOCKHOLM).date()
