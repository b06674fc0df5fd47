"""The applications and meetings lists, a page at a time, every listing logged.

Access: ``restrict`` narrows the list's query in SQL — by default the one access
rule (``services.access.only_visible``), so a row the user may not see is never
read — and ``notices`` may give, for the page's rows only, a notice that hides a
person (none by default: what the rule lets through is shown). A list therefore
costs one joined query and one count whatever the number of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlmodel import Session

from mgt_assistant.db import lists as store
from mgt_assistant.db.models import Application, Meeting, User
from mgt_assistant.services.access import only_visible
from mgt_assistant.services.audit import record_event

PAGE_SIZE: Final = store.PAGE_SIZE
MAX_PAGE: Final = 100_000
RECENT_LIMIT: Final = 20
ListFilter = store.ListFilter
Restrict = store.Restrict
# The notice that hides each application's person from this user (None: shown).
Notices = Callable[[Session, User, Sequence[Application]], Mapping[int, str | None]]


def consent_notices(
    session: Session, user: User, applications: Sequence[Application]
) -> dict[int, str | None]:
    """Return no notice: the access rule already left out every row the user may not see."""
    return dict.fromkeys((a.id or 0 for a in applications), None)


@dataclass(frozen=True)
class Listed:
    """A row of a list: the application, its (latest) meeting, and consent's notice."""

    application: Application
    meeting: Meeting | None
    notice: str | None


@dataclass(frozen=True)
class ListPage:
    """One page of a list and where it stands among the others."""

    rows: list[Listed]
    total: int
    page: int
    pages: int
    chosen: store.ListFilter


def _page_of(
    session: Session,
    user: User,
    pairs: Sequence[tuple[Application, Meeting | None]],
    total: int,
    page: int,
    chosen: store.ListFilter,
    notices: Notices,
) -> ListPage:
    found = notices(session, user, [a for a, _ in pairs])
    rows = [Listed(a, m, found.get(a.id or 0)) for a, m in pairs]
    if chosen.search.strip():
        # A search by name must not tell that a hidden person matches it.
        rows = [row for row in rows if row.notice is None]
    pages = max(1, -(-total // PAGE_SIZE))
    return ListPage(rows, total, page, pages, chosen)


def list_applications(
    session: Session,
    *,
    user: User,
    chosen: store.ListFilter,
    page: int = 1,
    restrict: store.Restrict | None = None,
    notices: Notices = consent_notices,
) -> ListPage:
    """Return one page of the applications this user may list; the listing is logged."""
    page = min(max(1, page), MAX_PAGE)
    # Logged first: the log's commit would otherwise expire the rows read for the page.
    record_event(session, "application_list_viewed", user=user, object_type="application")
    pairs, total = store.application_page(
        session, user=user, chosen=chosen, page=page, **_restricted(restrict)
    )
    return _page_of(session, user, pairs, total, page, chosen, notices)


def list_meetings(
    session: Session,
    *,
    user: User,
    chosen: store.ListFilter,
    today: date,
    page: int = 1,
    restrict: store.Restrict | None = None,
    notices: Notices = consent_notices,
) -> ListPage:
    """Return one page of meetings (upcoming by default); the listing is logged."""
    page = min(max(1, page), MAX_PAGE)
    record_event(session, "meetings_listed", user=user)
    found, total = store.meeting_page(
        session, user=user, chosen=chosen, page=page, today=today, **_restricted(restrict)
    )
    pairs = [(a, m) for m, a in found]
    return _page_of(session, user, pairs, total, page, chosen, notices)


def recent_meetings(
    session: Session,
    *,
    user: User,
    today: date,
    limit: int = RECENT_LIMIT,
    restrict: store.Restrict | None = None,
    notices: Notices = consent_notices,
) -> list[Listed]:
    """Return the latest earlier meetings (shown under the upcoming ones; logged with them)."""
    found, _total = store.meeting_page(
        session,
        user=user,
        chosen=store.ListFilter(when="tidigare"),
        page=1,
        today=today,
        **_restricted(restrict),
    )
    pairs = [(a, m) for m, a in found[:limit]]
    shown = notices(session, user, [a for a, _ in pairs])
    return [Listed(a, m, shown.get(a.id or 0)) for a, m in pairs]


def _restricted(restrict: store.Restrict | None) -> dict[str, store.Restrict]:
    return {"restrict": only_visible if restrict is None else restrict}
