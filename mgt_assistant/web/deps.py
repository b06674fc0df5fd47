"""Reusable dependencies: the database session, the current user, role checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from mgt_assistant.db.models import Role, User
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.domain.needs import Lexicon
from mgt_assistant.services.access import record_denial
from mgt_assistant.services.users import user_for_token
from mgt_assistant.settings import Settings
from mgt_assistant.web.active_rules import ActiveRules

SESSION_COOKIE = "mgt_session"


class LoginRequired(Exception):
    """No valid log-in session: the error handler sends the browser to the login page."""


def get_db(request: Request) -> Iterator[Session]:
    """Yield one database session for the request."""
    with Session(request.app.state.engine) as session:
        yield session


def get_app_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_active_rules(request: Request) -> ActiveRules:
    """Return the rule set the app uses now."""
    rules: ActiveRules = request.app.state.rules
    return rules


def get_lexicon(rules: Annotated[ActiveRules, Depends(get_active_rules)]) -> Lexicon:
    """Return the needs lexicon of the active rule set."""
    return rules.rule_set.lexicon


def get_meeting_core(rules: Annotated[ActiveRules, Depends(get_active_rules)]) -> MeetingCore:
    """Return the meeting core of the active rule set."""
    return rules.meeting_core


SessionDep = Annotated[Session, Depends(get_db)]
CoreDep = Annotated[MeetingCore, Depends(get_meeting_core)]
LexiconDep = Annotated[Lexicon, Depends(get_lexicon)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RulesDep = Annotated[ActiveRules, Depends(get_active_rules)]


class PasswordChangeRequired(Exception):
    """The user logged in with a temporary password: the error handler sends them to /konto."""


def get_session_user(request: Request, session: SessionDep) -> User:
    """Return the logged-in user, even one who must still change a temporary password.

    Only the pages that let such a user change the password or log out use this.

    :raise LoginRequired: when there is no valid session.
    """
    token = request.cookies.get(SESSION_COOKIE)
    user = user_for_token(session, token) if token else None
    if user is None:
        raise LoginRequired
    request.state.user = user
    return user


def get_current_user(user: Annotated[User, Depends(get_session_user)]) -> User:
    """Return the logged-in user.

    :raise LoginRequired: when there is no valid session.
    :raise PasswordChangeRequired: while the user's password is a temporary one.
    """
    if user.must_change_password:
        raise PasswordChangeRequired
    return user


# For the account page, the password change and logging out only.
SessionUser = Annotated[User, Depends(get_session_user)]
CurrentUser = Annotated[User, Depends(get_current_user)]


def require_roles(*roles: Role) -> Callable[..., User]:
    """Build a dependency that lets only these roles through.

    :raise 403: for a logged-in user with another role.
    """

    def check(request: Request, session: SessionDep, user: CurrentUser) -> User:
        if user.role not in roles:
            # Logged as a denial: who, and the path (ids only, never a name).
            record_denial(session, user, "route", request.url.path[:64])
            raise HTTPException(status_code=403)
        return user

    check.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
    return check


# Meetings and cases hold personal data: admins and the steering group never see them
# (admins administer accounts, units and the audit log); consent decides the rest.
TeamMember = Annotated[User, Depends(require_roles(Role.MGT))]
# Who may read cases: their referrer and the team (not the steering group, not admins).
CaseReader = Annotated[User, Depends(require_roles(Role.REMITTENT, Role.MGT))]
RulesReader = Annotated[User, Depends(require_roles(Role.STYRGRUPP, Role.MGT, Role.ADMIN))]
RulesEditor = Annotated[User, Depends(require_roles(Role.STYRGRUPP, Role.ADMIN))]
Admin = Annotated[User, Depends(require_roles(Role.ADMIN))]
Applicant = Annotated[User, Depends(require_roles(Role.REMITTENT))]
