"""Reusable dependencies: the database session, the current user, role checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from mgt_assistant.db.models import Role, RuleSetVersion, User
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.domain.needs import Lexicon
from mgt_assistant.domain.swedish_time import today
from mgt_assistant.services import rule_versions
from mgt_assistant.services.access import record_denial
from mgt_assistant.services.users import user_for_token
from mgt_assistant.settings import Settings
from mgt_assistant.web.active_rules import (
    ActiveRules,
    cached_rules,
    rules_from_files,
)

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


def get_today() -> date:
    """Return today's date in Sweden (tests override it to move through effective dates)."""
    return today()


def compiled_version(session: Session, version: RuleSetVersion) -> ActiveRules:
    """Return a stored version's compiled rules (once per process and content hash)."""
    cached = cached_rules(version.hash)
    if cached is not None:
        return cached
    if version.id is None:
        raise ValueError("version is not saved")
    return rules_from_files(version.hash, rule_versions.files_of(session, version.id))


def get_rules_in_use(
    request: Request,
    session: Annotated[Session, Depends(get_db)],
    day: Annotated[date, Depends(get_today)],
) -> ActiveRules | None:
    """Return the rules proposals come from now, or None when no approved version is in force.

    Read per request, so every worker switches on the effective date and after an approval;
    ``request.state.rules_draft`` tells the pages to show the draft banner (demo mode only).
    """
    settings: Settings = request.app.state.settings
    in_use = rule_versions.version_in_use(session, today=day, demo=settings.demo)
    request.state.rules_draft = in_use is not None and in_use.draft
    if in_use is None:
        return None
    return compiled_version(session, in_use.version)


RulesInUseDep = Annotated[ActiveRules | None, Depends(get_rules_in_use)]


def get_active_rules(
    session: Annotated[Session, Depends(get_db)], rules: RulesInUseDep
) -> ActiveRules:
    """Return the rules in use; without an approved one, the newest stored version.

    Only vocabularies, the catalogue and the review pages read this fallback: proposals
    and needs reading ask for ``get_proposing_rules``, which refuses it.
    """
    if rules is not None:
        return rules
    newest = rule_versions.list_versions(session)
    if not newest:
        raise HTTPException(status_code=503, detail="no-rules")
    return compiled_version(session, newest[0])


def get_proposing_rules(rules: RulesInUseDep) -> ActiveRules:
    """Return the approved rules in force (or demo mode's tried draft).

    :raise 503: when no approved version is in force: a draft never proposes.
    """
    if rules is None:
        raise HTTPException(status_code=503, detail="no-rules")
    return rules


def get_lexicon(rules: Annotated[ActiveRules, Depends(get_proposing_rules)]) -> Lexicon:
    """Return the needs lexicon of the rule set in force."""
    return rules.rule_set.lexicon


def get_meeting_core(rules: Annotated[ActiveRules, Depends(get_proposing_rules)]) -> MeetingCore:
    """Return the meeting core of the rule set in force."""
    return rules.meeting_core


SessionDep = Annotated[Session, Depends(get_db)]
CoreDep = Annotated[MeetingCore, Depends(get_meeting_core)]
LexiconDep = Annotated[Lexicon, Depends(get_lexicon)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RulesDep = Annotated[ActiveRules, Depends(get_active_rules)]
ProposingRulesDep = Annotated[ActiveRules, Depends(get_proposing_rules)]
TodayDep = Annotated[date, Depends(get_today)]


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
