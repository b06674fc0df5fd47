"""Templates, typed page views, and the one place that decides between a fragment and a page.

Each template is rendered from a view: a frozen dataclass whose fields become the
template's names. The layout's own names (``LAYOUT_NAMES``) are set here and a
view may not reuse them, so a page can never print its data in the layout's
flash region again. Filters and globals are registered once, in ``_environment``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, Final

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.responses import HTMLResponse

from mgt_assistant.db.models import APPLICATION_STATUS_LABELS, ROLE_LABELS
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.swedish_time import format_date, format_datetime, format_time
from mgt_assistant.paths import TEMPLATES_DIR
from mgt_assistant.web import flash
from mgt_assistant.web.navigation import navigation_for
from mgt_assistant.web.security import request_csrf_token

LAYOUT_NAMES: Final = frozenset(
    {"user", "navigation", "csrf_token", "flash_lines", "request", "rules_draft"}
)


@dataclass(frozen=True)
class View:
    """What every page shows besides the layout: at least its title."""

    title: str


@dataclass(frozen=True)
class NoticeView(View):
    """Why a case or a meeting is not shown (consent), in place of the page."""

    notice: str


_FIRST_TAG: Final = re.compile(r"^(\s*<[a-zA-Z][a-zA-Z0-9-]*)")


def out_of_band(markup: str) -> Markup:
    """Mark a rendered part for an htmx out-of-band swap (it replaces the element of its id).

    The part's template stays as it is: the attribute goes on its first element,
    so one partial serves the page, its own refresh and a change's answer.
    """
    return Markup(_FIRST_TAG.sub(r'\1 hx-swap-oob="true"', str(markup), count=1))


def _environment() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    # Templates ship with the code: no file is checked for changes on every render
    # (a meeting change's answer renders a dozen partials, each a stat call otherwise).
    templates.env.auto_reload = False
    templates.env.globals.update(
        role_labels=ROLE_LABELS,
        party_names=PARTY_NAMES,
        application_status_labels=APPLICATION_STATUS_LABELS,
    )
    templates.env.filters.update(
        sv_date=format_date,
        sv_datetime=format_datetime,
        sv_time=format_time,
        out_of_band=out_of_band,
    )
    return templates


templates = _environment()


@cache
def compile_templates() -> None:
    """Compile every template now (at start-up), not in the first requests that use them.

    Once per process: the environment keeps what it compiled and never reloads it, so an
    app started again (the tests start one per test) only walks the folder once.
    """
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)


def wants_fragment(request: Request) -> bool:
    """Tell whether htmx asked for a fragment (a history restore needs the full page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def view_names(view: View) -> dict[str, Any]:
    """Return a view's fields as template names (shallow: nested objects stay objects).

    :raise ValueError: when a field would hide one of the layout's names.
    """
    names = {f.name: getattr(view, f.name) for f in fields(view)}
    clash = LAYOUT_NAMES & names.keys()
    if clash:
        raise ValueError(f"view {type(view).__name__} reuses layout names: {sorted(clash)}")
    return names


def render_part(request: Request, template: str, view: View) -> Markup:
    """Render one partial to markup, with the names a page gives it (no flash lines)."""
    user = getattr(request.state, "user", None)
    context: dict[str, Any] = {
        "request": request,
        "user": user,
        "navigation": navigation_for(user, request.url.path),
        "csrf_token": request_csrf_token(request),
        "flash_lines": [],
        **view_names(view),
    }
    return Markup(templates.get_template(template).render(context))


def render(
    request: Request,
    page: str,
    view: View,
    *,
    fragment: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``fragment`` for htmx requests when given, else the full ``page``."""
    user = getattr(request.state, "user", None)
    partial = fragment is not None and wants_fragment(request)
    # Fragments leave flash lines waiting for the next full page, where the region is.
    lines = [] if wants_fragment(request) else flash.pending(request)
    context: dict[str, Any] = {
        "user": user,
        "navigation": navigation_for(user, request.url.path),
        "csrf_token": request_csrf_token(request),
        "flash_lines": lines,
        # Set by the rules dependency when demo mode proposes from an unapproved version.
        "rules_draft": getattr(request.state, "rules_draft", False),
        **view_names(view),
    }
    name = fragment if partial and fragment is not None else page
    response = templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )
    response.headers["Vary"] = "HX-Request"
    if lines:
        flash.shown(request, response)
    return response
