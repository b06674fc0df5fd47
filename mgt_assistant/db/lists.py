"""The applications and meetings lists as pages: a few queries per page, filters in SQL.

Each list is a ``select`` with the filters applied, counted once and read one
page at a time (``LIMIT``/``OFFSET`` on an indexed order): meetings joined with
their applications; applications, then the page's latest meetings in one query.
``restrict`` lets the service narrow the query further, e.g. to what the user's
consent lets them see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Final

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import Session, col, func, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Meeting,
    MeetingStatus,
    Role,
    User,
)

PAGE_SIZE: Final = 50
# A narrowing of a list's query (for access); the identity leaves it as it is.
Restrict = Callable[[Any, User], Any]


@dataclass(frozen=True)
class ListFilter:
    """What a list is filtered on; empty means no filter."""

    search: str = ""
    status: str = ""
    party: str = ""
    # Applications: "bokat" or "ej-bokat"; meetings: "kommande" or "tidigare".
    when: str = ""


def _unrestricted(query: Any, _user: User) -> Any:
    return query


def _text_match(search: str, *columns: Any) -> ColumnElement[bool]:
    # A number is a case number; anything else is part of a name (case-insensitive).
    text = search.strip()
    if text.isdigit():
        return col(Application.id) == int(text) if len(text) < 16 else false()
    needle = f"%{text.lower()}%"
    return or_(*(func.lower(column).like(needle) for column in columns))


def _search_and_party(query: Any, chosen: ListFilter) -> Any:
    # Both lists search the application's names and filter on the referrer's party.
    if chosen.search.strip():
        query = query.where(
            _text_match(chosen.search, Application.person_name, Application.referrer_name)
        )
    if chosen.party:
        query = query.where(col(Application.referrer_party) == chosen.party)
    return query


def _count(session: Session, query: Any) -> int:
    return int(session.exec(select(func.count()).select_from(query.subquery())).one())


def _one_page(query: Any, page: int) -> Any:
    return query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)


def _has_meeting() -> Any:
    return (
        select(col(Meeting.id))
        .where(col(Meeting.application_id) == col(Application.id))
        .correlate(Application)
        .exists()
    )


def latest_meetings(session: Session, application_ids: list[int]) -> dict[int, Meeting]:
    """Return the latest meeting of each of these applications, in one query."""
    if not application_ids:
        return {}
    latest = (
        select(func.max(col(Meeting.id)))
        .where(col(Meeting.application_id).in_(application_ids))
        .group_by(col(Meeting.application_id))
    )
    found = session.exec(select(Meeting).where(col(Meeting.id).in_(latest))).all()
    return {meeting.application_id: meeting for meeting in found}


def application_page(
    session: Session,
    *,
    user: User,
    chosen: ListFilter,
    page: int,
    restrict: Restrict = _unrestricted,
) -> tuple[list[tuple[Application, Meeting | None]], int]:
    """Return one page of (application, latest meeting), newest first, and the total.

    The page is read on the primary key's order (cheap at any offset); the page's
    meetings come in one more query, so a page costs three queries at any size.
    """
    query: Any = select(Application)
    if user.role is Role.REMITTENT:
        query = query.where(col(Application.referrer_user_id) == user.id)
    else:
        query = query.where(col(Application.status) != ApplicationStatus.DRAFT)
    query = _search_and_party(query, chosen)
    if chosen.status in {s.value for s in ApplicationStatus}:
        query = query.where(col(Application.status) == ApplicationStatus(chosen.status))
    if chosen.when == "bokat":
        query = query.where(_has_meeting())
    elif chosen.when == "ej-bokat":
        query = query.where(~_has_meeting())
    query = restrict(query, user)
    total = _count(session, query)
    applications = session.exec(_one_page(query.order_by(col(Application.id).desc()), page)).all()
    meetings = latest_meetings(session, [a.id for a in applications if a.id is not None])
    return [(a, meetings.get(a.id or 0)) for a in applications], total


def meeting_page(
    session: Session,
    *,
    user: User,
    chosen: ListFilter,
    page: int,
    today: date,
    restrict: Restrict = _unrestricted,
) -> tuple[list[tuple[Meeting, Application]], int]:
    """Return one page of (meeting, application) and the total.

    Upcoming meetings (today and later) come soonest first; earlier ones latest first.
    """
    start = datetime.combine(today, time.min, tzinfo=UTC)
    query: Any = select(Meeting, Application).join(
        Application, col(Meeting.application_id) == col(Application.id)
    )
    earlier = chosen.when == "tidigare"
    if earlier:
        query = query.where(
            (col(Meeting.scheduled_at) < start) | col(Meeting.scheduled_at).is_(None)
        )
    elif chosen.when != "alla":
        query = query.where(col(Meeting.scheduled_at) >= start)
    query = _search_and_party(query, chosen)
    if chosen.status in {s.value for s in MeetingStatus}:
        query = query.where(col(Meeting.status) == MeetingStatus(chosen.status))
    query = restrict(query, user)
    total = _count(session, query)
    order = (
        (col(Meeting.scheduled_at).desc(), col(Meeting.id).desc())
        if earlier or chosen.when == "alla"
        else (col(Meeting.scheduled_at), col(Meeting.id))
    )
    rows = session.exec(_one_page(query.order_by(*order), page)).all()
    return [(m, a) for m, a in rows], total
