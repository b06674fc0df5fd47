"""Templates, and the one place that decides between a fragment and a full page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from mgt_assistant.db.models import ROLE_LABELS, STATUS_LABELS
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.swedish_time import format_date, format_datetime, format_time
from mgt_assistant.paths import TEMPLATES_DIR
from mgt_assistant.web.navigation import navigation_for
from mgt_assistant.web.security import request_csrf_token

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
# The one place filters and globals are registered: no module adds to them on import.
templates.env.globals.update(
    role_labels=ROLE_LABELS, party_names=PARTY_NAMES, status_labels=STATUS_LABELS
)
templates.env.filters.update(sv_date=format_date, sv_datetime=format_datetime, sv_time=format_time)


def wants_fragment(request: Request) -> bool:
    """Tell whether htmx asked for a fragment (a history restore needs the full page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render(
    request: Request,
    page: str,
    context: dict[str, Any] | None = None,
    *,
    fragment: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``fragment`` for htmx requests when given, else the full ``page``."""
    user = getattr(request.state, "user", None)
    full_context: dict[str, Any] = {
        "user": user,
        "navigation": navigation_for(user, request.url.path),
        "csrf_token": request_csrf_token(request),
        **(context or {}),
    }
    name = fragment if fragment is not None and wants_fragment(request) else page
    response = templates.TemplateResponse(
        request, name, full_context, status_code=status_code, headers=headers
    )
    response.headers["Vary"] = "HX-Request"
    return response
