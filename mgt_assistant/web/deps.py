"""Reusable dependencies: the database session, the current user, role checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from mgt_assistant.db.models import Role, User
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.domain.needs import Lexicon
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


def get_current_user(request: Request, session: SessionDep) -> User:
    """Return the logged-in user.

    :raise LoginRequired: when there is no valid session.
    """
    token = request.cookies.get(SESSION_COOKIE)
    user = user_for_token(session, token) if token else None
    if user is None:
        raise LoginRequired
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_roles(*roles: Role) -> Callable[[User], User]:
    """Build a dependency that lets only these roles through.

    :raise 403: for a logged-in user with another role.
    """

    def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise HTTPException(status_code=403)
        return user

    check.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
    return check


TeamMember = Annotated[User, Depends(require_roles(Role.MGT, Role.ADMIN))]
# Who may read cases: their referrer and the team (not the steering group).
CaseReader = Annotated[User, Depends(require_roles(Role.REMITTENT, Role.MGT, Role.ADMIN))]
RulesReader = Annotated[User, Depends(require_roles(Role.STYRGRUPP, Role.MGT, Role.ADMIN))]
RulesEditor = Annotated[User, Depends(require_roles(Role.STYRGRUPP, Role.ADMIN))]
Admin = Annotated[User, Depends(require_roles(Role.ADMIN))]
Applicant = Annotated[User, Depends(require_roles(Role.REMITTENT))]
