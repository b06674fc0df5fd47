"""Time as the team reads it: one "today" in Stockholm and one Swedish format each for dates.

Every user-visible date goes through ``format_date`` ("3 december 2026") and every
moment through ``format_datetime`` ("3 december 2026 kl. 13:30"); the month and
weekday names come from babel's Swedish locale data, not from a table of our own.
Stored times are aware UTC; they are shown in Swedish local time. babel is imported where
a name is first asked for: the needs reader, which asks only for ``today``, runs without it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

STOCKHOLM: Final = ZoneInfo("Europe/Stockholm")
LOCALE: Final = "sv_SE"
EMPTY: Final = "–"


def month_names() -> list[str]:
    """Return the Swedish month names, "januari" to "december"."""
    from babel import dates as babel_dates

    return list(babel_dates.get_month_names("wide", locale=LOCALE).values())


def weekday_names() -> list[str]:
    """Return the Swedish weekday names, "måndag" to "söndag"."""
    from babel import dates as babel_dates

    names = babel_dates.get_day_names("wide", locale=LOCALE)
    return [names[day] for day in range(7)]


def now() -> datetime:
    """Return the current moment in Swedish local time."""
    return datetime.now(STOCKHOLM)


def today() -> date:
    """Return today's date in Sweden (not the server's, which may run on UTC)."""
    return now().date()


def local(value: datetime) -> datetime:
    """Return an aware moment in Swedish local time (a naive one is taken as local already)."""
    return value.astimezone(STOCKHOLM) if value.tzinfo is not None else value


def format_date(value: date | datetime | None) -> str:
    """Return '3 december 2026' (a moment is first moved to Swedish local time)."""
    from babel import dates as babel_dates

    if value is None:
        return EMPTY
    day = local(value).date() if isinstance(value, datetime) else value
    return babel_dates.format_date(day, "d MMMM y", locale=LOCALE)


def format_time(value: datetime | None) -> str:
    """Return '09:30' in Swedish local time."""
    from babel import dates as babel_dates

    if value is None:
        return ""
    return babel_dates.format_time(local(value), "HH:mm", locale=LOCALE)


def format_datetime(value: datetime | None) -> str:
    """Return '3 december 2026 kl. 09:30' in Swedish local time."""
    if value is None:
        return EMPTY
    return f"{format_date(value)} kl. {format_time(value)}"


def weekday_name(day: date) -> str:
    """Return the Swedish weekday, e.g. 'torsdag'."""
    from babel import dates as babel_dates

    return babel_dates.format_date(day, "EEEE", locale=LOCALE)


def month_name(month: int) -> str:
    """Return the Swedish name of a month 1–12, e.g. 'december'."""
    from babel import dates as babel_dates

    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    return str(babel_dates.get_month_names("wide", locale=LOCALE)[month])
