"""Log in and log out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from mgt_assistant.services import users
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
    done = users.log_in(
        session, username=username, password=password, client=client, settings=settings
    )
    if done is None:
        view = LoginView("Logga in", _safe_next(next), username, LOGIN_FAILED)
        return render(request, "auth/login.html", view, status_code=401)
    token = done.token
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
    users.log_out(session, token=request.cookies.get(SESSION_COOKIE), user=user)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
