"""The one error path: a Swedish page, or a compact fragment when htmx asked.

Never a stack trace and never FastAPI's raw JSON in an HTML view. Unexpected
errors are logged by type only, since request data may be personal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from mgt_assistant.services.errors import AccessDenied, NotFound
from mgt_assistant.services.users import user_for_token
from mgt_assistant.web.deps import SESSION_COOKIE, LoginRequired
from mgt_assistant.web.rendering import View, render, wants_fragment

logger = logging.getLogger("mgt_assistant.web")

MESSAGES: dict[int, tuple[str, str]] = {
    400: ("Felaktig begäran", "Det gick inte att tolka det som skickades."),
    403: ("Åtkomst nekad", "Du har inte behörighet till den här sidan eller åtgärden."),
    404: ("Sidan finns inte", "Sidan eller uppgiften du söker finns inte, eller har tagits bort."),
    405: ("Åtgärden stöds inte", "Sidan kan inte användas på det sättet."),
    409: ("Uppgiften har ändrats", "Någon annan har ändrat uppgiften. Ladda om och försök igen."),
    422: ("Uppgifterna kunde inte tas emot", "Kontrollera uppgifterna och försök igen."),
    429: ("För många försök", "Vänta en stund och försök igen."),
    500: ("Något gick fel", "Ett oväntat fel inträffade. Försök igen om en stund."),
}
CSRF_MESSAGE = "Formuläret har gått ut. Ladda om sidan och försök igen."


@dataclass(frozen=True)
class ErrorView(View):
    """A Swedish error page or fragment."""

    status_code: int
    message: str


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


def error_response(request: Request, status_code: int, detail: str | None = None) -> Response:
    """Render the Swedish error page or fragment for a status code."""
    _identify_user(request)
    title, message = MESSAGES.get(status_code, MESSAGES[500 if status_code >= 500 else 400])
    if detail == "csrf":
        message = CSRF_MESSAGE
    return render(
        request,
        "errors/error.html",
        ErrorView(title, status_code, message),
        fragment="errors/_error.html",
        status_code=status_code,
    )


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
        logger.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return error_response(request, 500)
