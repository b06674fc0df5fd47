"""Log in and log out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db import users
from mgt_assistant.web.deps import SESSION_COOKIE, CurrentUser, SessionDep, SettingsDep
from mgt_assistant.web.rendering import View, render

router = APIRouter()

LOGIN_FAILED = "Fel användarnamn eller lösenord, eller för många försök. Försök igen om en stund."


def _safe_next(next_path: str | None) -> str:
    # Only paths on this site: an open redirect would help phishing.
    if next_path and next_path.startswith("/") and not next_path.startswith("//"):
        return next_path
    return "/"


@dataclass(frozen=True)
class LoginView(View):
    """The login form: where to go afterwards, the name typed and any error."""

    next: str
    username: str
    error: str | None = None


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    """Show the login form."""
    return render(request, "auth/login.html", LoginView("Logga in", _safe_next(next), ""))


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Check the credentials, start a session and go on; one neutral message on failure."""
    client = request.client.host if request.client else "-"
    key = users.attempt_key(settings.secret_key, username, client)
    limited = users.too_many_failures(
        session, key, settings.login_attempts_per_window, settings.login_window_seconds
    )
    user = None if limited else users.authenticate(session, username, password)
    if user is None:
        users.record_failure(session, key, settings.login_window_seconds)
        users.audit(session, "login_failed")
        view = LoginView("Logga in", _safe_next(next), username, LOGIN_FAILED)
        return render(request, "auth/login.html", view, status_code=401)
    users.clear_failures(session, key)
    token = users.start_session(session, user, settings.session_max_age_seconds)
    users.audit(session, "login", user=user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=settings.https,
    )
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """End the session and return to the login page."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        users.end_session(session, token)
    users.audit(session, "logout", user=user)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
