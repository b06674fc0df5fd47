"""The audit log for administrators: filter, read page by page, export as CSV.

Reading and exporting the log are themselves logged. The log holds ids and action
codes, never names of persons or case contents, so it may be read by admins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from mgt_assistant.domain import swedish_time
from mgt_assistant.services import audit
from mgt_assistant.web.deps import Admin, SessionDep
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/administration/logg")
MAX_PAGE = 100_000
QueryText = Annotated[str, Query(max_length=64)]


@dataclass(frozen=True)
class AuditLogView(View):
    """One page of the log, the filter as typed, and any error in it."""

    lines: list[audit.AuditLine]
    total: int
    page: int
    pages: int
    actions: list[str]
    action_labels: dict[str, str]
    object_labels: dict[str, str]
    filters: dict[str, str]
    errors: dict[str, str]
    export_query: str


def _day(raw: str, field: str, errors: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[field] = "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-01."
        return None


def _case_number(raw: str, errors: dict[str, str]) -> int | None:
    if not raw.strip():
        return None
    if not raw.strip().isdigit() or len(raw.strip()) > 12:
        errors["case_id"] = "Ange ärendets nummer med siffror, till exempel 12."
        return None
    return int(raw.strip())


@dataclass(frozen=True)
class AuditFilter:
    """The filter as typed in the query string, the query it makes, and its errors."""

    typed: dict[str, str]
    query: audit.AuditQuery
    errors: dict[str, str]


def audit_filter(
    username: QueryText = "",
    action: QueryText = "",
    object_type: QueryText = "",
    object_id: QueryText = "",
    date_from: QueryText = "",
    date_to: QueryText = "",
    case_id: QueryText = "",
) -> AuditFilter:
    """Read the log filter from the query string (one reader for the page and the export)."""
    typed = {
        "username": username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "date_from": date_from,
        "date_to": date_to,
        "case_id": case_id,
    }
    errors: dict[str, str] = {}
    case = _case_number(case_id, errors)
    start = _day(date_from, "date_from", errors)
    end = _day(date_to, "date_to", errors)
    if start and end and start > end:
        errors["date_to"] = "Slutdatumet ligger före startdatumet."
    query = audit.AuditQuery(username, action, object_type, object_id, start, end, case)
    return AuditFilter(typed, query, errors)


FilterDep = Annotated[AuditFilter, Depends(audit_filter)]


@router.get("")
def audit_log(
    request: Request,
    session: SessionDep,
    user: Admin,
    wanted: FilterDep,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """Show one page of the log, newest first, filtered as asked."""
    lines: list[audit.AuditLine] = []
    total = 0
    # With an error, show nothing rather than a wrongly filtered log; keep what was typed.
    if not wanted.errors:
        lines, total = audit.audit_lines(session, wanted.query, page=page)
    audit.record_event(session, "audit_log_viewed", user=user, object_type="audit_log")
    view = AuditLogView(
        title="Logg",
        lines=lines,
        total=total,
        page=page,
        pages=max(1, -(-total // audit.PAGE_SIZE)),
        actions=audit.known_actions(session),
        action_labels=dict(audit.ACTION_LABELS),
        object_labels=dict(audit.OBJECT_LABELS),
        filters=wanted.typed,
        errors=wanted.errors,
        export_query=urlencode({key: value for key, value in wanted.typed.items() if value}),
    )
    status = 422 if wanted.errors else 200
    return render(request, "admin/audit_log.html", view, status_code=status)


@router.get("/export.csv")
def audit_export(session: SessionDep, user: Admin, wanted: FilterDep) -> Response:
    """Download the filtered log as CSV (UTF-8 with BOM for spreadsheet programs)."""
    if wanted.errors:
        return Response(" ".join(wanted.errors.values()), status_code=422, media_type="text/plain")
    body = audit.audit_csv(session, wanted.query)
    audit.record_event(session, "audit_log_exported", user=user, object_type="audit_log")
    stamp = swedish_time.today().isoformat()
    return Response(
        "\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="mgt-logg-{stamp}.csv"'},
    )
