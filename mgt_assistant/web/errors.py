"""The one error path: a Swedish page, or a compact fragment when htmx asked.

Never a stack trace and never FastAPI's raw JSON in an HTML view. Unexpected
errors are logged by type and request id only: a database error's message holds
the SQL and its parameters, which may be health text. ``ErrorBoundary`` catches
them before Starlette's outermost handler, which would re-raise them to the
server's logger with the full traceback.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, SQLAlchemyError
from sqlmodel import Session
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mgt_assistant.services.audit import record_event
from mgt_assistant.services.errors import AccessDenied, NotFound
from mgt_assistant.services.users import user_for_token
from mgt_assistant.web.deps import SESSION_COOKIE, LoginRequired, PasswordChangeRequired
from mgt_assistant.web.rendering import View, render, wants_fragment

logger = logging.getLogger("mgt_assistant.web")

MESSAGES: dict[int, tuple[str, str]] = {
    400: ("Felaktig begäran", "Det gick inte att tolka det som skickades."),
    403: ("Åtkomst nekad", "Du har inte behörighet till den här sidan eller åtgärden."),
    404: ("Sidan finns inte", "Sidan eller uppgiften du söker finns inte, eller har tagits bort."),
    405: ("Åtgärden stöds inte", "Sidan kan inte användas på det sättet."),
    409: ("Uppgiften har ändrats", "Någon annan har ändrat uppgiften. Ladda om och försök igen."),
    422: ("Uppgifterna kunde inte tas emot", "Kontrollera uppgifterna och försök igen."),
    # Also Starlette's answer to a form that is too large.
    413: ("För mycket data", "Det som skickades är för stort. Korta texten och försök igen."),
    429: ("För många försök", "Vänta en stund och försök igen."),
    500: ("Något gick fel", "Ett oväntat fel inträffade. Försök igen om en stund."),
    503: ("Inget godkänt regelverk", "Det finns inget godkänt regelverk som gäller i dag."),
}
CSRF_MESSAGE = "Formuläret har gått ut. Ladda om sidan och försök igen."
CROSS_SITE_MESSAGE = (
    "Begäran kom från en annan webbplats och stoppades. Använd MGT-assistentens egna sidor."
)
NUMBER_MESSAGE = "Ett tal i adressen eller formuläret är orimligt stort. Kontrollera uppgifterna."
# The ``detail`` of an HTTPException that picks one of the messages above.
NO_RULES_MESSAGE = (
    "Det finns inget godkänt regelverk som gäller i dag, så assistenten föreslår ingenting. "
    "Styrgruppen godkänner en version under Regelverk."
)
DETAIL_MESSAGES = {
    "csrf": CSRF_MESSAGE,
    "cross-site": CROSS_SITE_MESSAGE,
    "number": NUMBER_MESSAGE,
    "no-rules": NO_RULES_MESSAGE,
}
REQUEST_ID_HEADER = "X-Request-Id"


@dataclass(frozen=True)
class ErrorView(View):
    """A Swedish error page or fragment."""

    status_code: int
    message: str
    # Shown on a 500 so that staff can quote it; the log line carries the same id.
    request_id: str | None = None


def _identify_user(request: Request) -> None:
    # Errors raised before the user dependency ran still deserve the user's navigation.
    if getattr(request.state, "user", None) is not None:
        return
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return
    try:
        with Session(request.app.state.engine) as session:
            user = user_for_token(session, token)
            if user is not None:
                session.expunge(user)
            request.state.user = user
    except SQLAlchemyError:
        request.state.user = None


# The path parameter that names what a refused request was about, and its audit object type.
_DENIED_OBJECTS = (("meeting_id", "meeting"), ("application_id", "application"))


def _log_denial(request: Request) -> None:
    # Every refusal of a logged-in user is itself logged, naming the case or the page.
    user = getattr(request.state, "user", None)
    if user is None:
        return
    params = request.path_params
    object_type, object_id = next(
        ((kind, str(params[name])[:64]) for name, kind in _DENIED_OBJECTS if name in params),
        ("page", _route_template(request.scope)[:64]),
    )
    try:
        with Session(request.app.state.engine) as session:
            record_event(
                session, "access_denied", user=user, object_type=object_type, object_id=object_id
            )
    except SQLAlchemyError:
        logger.warning("could not log a denial, request %s", request_id(request))


def request_id(request: Request) -> str | None:
    """Return the id ``ErrorBoundary`` gave this request."""
    value = request.scope.get("state", {}).get("request_id")
    return value if isinstance(value, str) else None


def error_response(request: Request, status_code: int, detail: str | None = None) -> Response:
    """Render the Swedish error page or fragment for a status code."""
    _identify_user(request)
    if status_code == 403 and detail not in DETAIL_MESSAGES:
        _log_denial(request)
    title, message = MESSAGES.get(status_code, MESSAGES[500 if status_code >= 500 else 400])
    message = DETAIL_MESSAGES.get(detail or "", message)
    shown_id = request_id(request) if status_code >= 500 else None
    return render(
        request,
        "errors/error.html",
        ErrorView(title, status_code, message, shown_id),
        fragment="errors/_error.html",
        status_code=status_code,
    )


def is_bad_input(exc: BaseException) -> bool:
    """Tell whether an exception from deep down was caused by absurd input, not by a bug.

    SQLite cannot bind an integer of 2**63 or more (OverflowError); PostgreSQL
    refuses values outside a column's type (DataError, SQLSTATE class 22:
    out-of-range numbers, over-long strings, NUL bytes); Python refuses to read
    an integer of more than 4 300 digits (ValueError).
    """
    if isinstance(exc, (OverflowError, DataError)):
        return True
    return isinstance(exc, ValueError) and "integer string conversion" in str(exc)


def _bad_input_detail(exc: BaseException) -> str | None:
    # A too-long text or a NUL byte gets the general 422 message, not the one about numbers.
    if isinstance(exc, DataError) and type(exc.orig).__name__ != "NumericValueOutOfRange":
        return None
    return "number"


def _route_template(scope: Scope) -> str:
    # The route's pattern (/moten/{meeting_id}), never the concrete path or query.
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "-"


class ErrorBoundary:
    """Give each request an id; turn what no handler caught into a Swedish page.

    The log line names the exception's type, the request id and the route's
    pattern: no message, no traceback, no parameters.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = secrets.token_hex(6)
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, rid)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            bad_input = is_bad_input(exc)
            name = type(exc).__name__
            if bad_input:
                logger.warning("refused input (%s) request %s", name, rid)
            else:
                logger.error("unexpected %s request %s route %s", name, rid, _route_template(scope))
            if not started:
                request = Request(scope, receive)
                if bad_input:
                    response = error_response(request, 422, _bad_input_detail(exc))
                else:
                    response = error_response(request, 500)
                await response(scope, receive, send_with_id)
            if not bad_input and getattr(scope["app"].state, "reraise_errors", False):
                # The test suite's switch (tests/conftest.py): pytest shows the traceback.
                raise


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through ``error_response``."""

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        target = "/login"
        if request.method == "GET" and request.url.path != "/":
            target += "?next=" + quote(request.url.path, safe="/")
        if wants_fragment(request):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def password_change_required(request: Request, _exc: PasswordChangeRequired) -> Response:
        if wants_fragment(request):
            return Response(status_code=204, headers={"HX-Redirect": "/konto"})
        return RedirectResponse("/konto", status_code=303)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, _exc: NotFound) -> Response:
        return error_response(request, 404)

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, _exc: AccessDenied) -> Response:
        return error_response(request, 403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, _exc: RequestValidationError) -> Response:
        return error_response(request, 422)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Only reached when ErrorBoundary itself failed; still no message, no traceback.
        logger.error("unexpected %s request %s", type(exc).__name__, request_id(request))
        return error_response(request, 500)
