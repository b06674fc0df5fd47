"""Log in and log out; the user's own account page: their sessions and password."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from mgt_assistant.services import login as logins
from mgt_assistant.settings import Settings
from mgt_assistant.web import flash
from mgt_assistant.web.deps import (
    SESSION_COOKIE,
    CurrentUser,
    SessionDep,
    SessionUser,
    SettingsDep,
)
from mgt_assistant.web.forms import FormPassword
from mgt_assistant.web.rendering import View, render
from mgt_assistant.web.security import rotate_csrf

router = APIRouter()

# One sentence for a wrong name and a wrong password: it never tells which names exist.
LOGIN_FAILED = "Fel användarnamn eller lösenord, eller för många försök. Försök igen om en stund."
# Shown for every name, existing or not, once a failure limit is reached.
LOGIN_THROTTLED = "För många misslyckade inloggningar. Vänta några minuter och försök igen."


def _safe_next(next_path: str | None) -> str:
    # Only paths on this site: an open redirect would help phishing.
    if next_path and next_path.startswith("/") and not next_path.startswith("//"):
        return next_path
    return "/"


def client_address(request: Request) -> str:
    """Return the client's address (the proxy's header has been read when it is trusted)."""
    return request.client.host if request.client else "-"


def start_session_cookie(response: Response, token: str, settings: Settings) -> None:
    """Give the browser its session cookie and a new CSRF seed."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=settings.https,
    )
    rotate_csrf(response, https=settings.https)


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
    password: FormPassword = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Check the credentials, start a session and go on; one neutral message on failure."""
    done = logins.log_in(
        session,
        username=username,
        password=password,
        client=client_address(request),
        settings=settings,
    )
    if isinstance(done, logins.Refused):
        message, status = (LOGIN_THROTTLED, 429) if done.throttled else (LOGIN_FAILED, 401)
        view = LoginView("Logga in", _safe_next(next), username, message)
        return render(request, "auth/login.html", view, status_code=status)
    response = RedirectResponse(_safe_next(next), status_code=303)
    start_session_cookie(response, done.token, settings)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, user: SessionUser) -> Response:
    """End the session and return to the login page."""
    logins.log_out(session, token=request.cookies.get(SESSION_COOKIE), user=user)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    rotate_csrf(response, https=request.app.state.settings.https)
    return response


@dataclass(frozen=True)
class AccountView(View):
    """The user's own account: their log-in sessions and the password form."""

    sessions: list[logins.SessionLine]
    password_error: str | None = None
    # True while the password is a temporary one set by an admin.
    must_change_password: bool = False


def _account_page(
    request: Request, session: SessionDep, user: SessionUser, error: str | None = None
) -> Response:
    lines = logins.session_lines(session, user, request.cookies.get(SESSION_COOKIE))
    view = AccountView("Mitt konto", lines, error, user.must_change_password)
    return render(request, "auth/account.html", view, status_code=422 if error else 200)


@router.get("/konto")
def account_page(request: Request, session: SessionDep, user: SessionUser) -> Response:
    """Show the user's log-in sessions and the password form."""
    return _account_page(request, session, user)


@router.post("/konto/sessioner")
def end_other_sessions(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """Log out every other browser the user is logged in on."""
    ended = logins.end_other_sessions(session, user=user, token=request.cookies.get(SESSION_COOKIE))
    text = (
        "Inga andra inloggningar var aktiva."
        if ended == 0
        else f"{ended} andra inloggning{'ar' if ended > 1 else ''} avslutade."
    )
    return flash.redirect(request, "/konto", text)


@router.post("/konto/losenord")
def change_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: SessionUser,
    current_password: FormPassword = "",
    new_password: FormPassword = "",
    new_password_again: FormPassword = "",
) -> Response:
    """Change the user's own password; every other session ends, this one starts anew."""
    if new_password != new_password_again:
        return _account_page(request, session, user, "De två nya lösenorden är inte lika.")
    try:
        token = logins.change_password(
            session,
            user=user,
            current=current_password,
            new=new_password,
            client=client_address(request),
            settings=settings,
        )
    except logins.UserError as error:
        return _account_page(request, session, user, str(error))
    response = flash.redirect(
        request, "/konto", "Lösenordet är bytt. Du har loggats ut från alla andra inloggningar."
    )
    start_session_cookie(response, token, settings)
    return response
