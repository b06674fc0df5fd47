"""Administration: the accounts; create, move, change role, deactivate, reset a password.

A reset password is shown to the admin once, on the page that answers the reset
(never in a URL, a flash cookie or the log), and the user must change it at the
next log-in.

Units come from partners.yaml (the one list); an account stores the unit's id
and the page shows its Swedish name, or "okänd enhet – välj en" for a value the
list does not know (kept by migration 0004 for the admin to fix).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from pydantic import Field
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db.models import Role, User
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTY_NAMES
from mgt_assistant.domain.vocabularies import UNKNOWN_UNIT, Vocabularies
from mgt_assistant.services import users
from mgt_assistant.web.deps import Admin, RulesDep, SessionDep
from mgt_assistant.web.forms import PASSWORD_FIELD_MAX, FormModel, FormRead, form_of
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/administration")


class AccountForm(FormModel):
    """The form that creates an account."""

    username: str = Field("", max_length=64)
    display_name: str = Field("", max_length=120)
    role: str = Field("", max_length=16)
    party: str = Field("", max_length=16)
    unit: str = Field("", max_length=120)
    password: str = Field("", max_length=PASSWORD_FIELD_MAX)


class PlaceForm(FormModel):
    """The form that moves an account to another party and unit."""

    party: str = Field("", max_length=16)
    unit: str = Field("", max_length=120)


class RoleForm(FormModel):
    """The form that gives an account another role."""

    role: str = Field("", max_length=16)


class ResetForm(FormModel):
    """The form that resets a password; empty means "make one up"."""

    password: str = Field("", max_length=PASSWORD_FIELD_MAX)


AccountFormRead = Annotated[FormRead[AccountForm], form_of(AccountForm)]
PlaceFormRead = Annotated[FormRead[PlaceForm], form_of(PlaceForm)]
RoleFormRead = Annotated[FormRead[RoleForm], form_of(RoleForm)]
ResetFormRead = Annotated[FormRead[ResetForm], form_of(ResetForm)]


@dataclass(frozen=True)
class AccountRow:
    """An account with its party's and unit's Swedish names."""

    user: User
    party_label: str
    unit_label: str
    unit_unknown: bool


@dataclass(frozen=True)
class AdminView(View):
    """The accounts, and the create form with what was typed and a message per field."""

    accounts: Sequence[AccountRow]
    roles: list[Role]
    parties: Sequence[str]
    units: Mapping[str, Mapping[str, str]]
    form: Mapping[str, str]
    errors: Mapping[str, str]
    # The account whose change was refused, and why (shown next to its row).
    place_error: tuple[int, str] | None = None
    # The account whose role, status or password change was refused, and why.
    account_error: tuple[int, str] | None = None
    # The account whose password was just reset, and the temporary password, shown once.
    temporary: tuple[User, str] | None = None


def _row(user: User, vocabularies: Vocabularies) -> AccountRow:
    unknown = bool(user.unit) and not vocabularies.knows_unit(user.party, user.unit)
    return AccountRow(
        user,
        PARTY_NAMES.get(user.party or "", "–"),
        UNKNOWN_UNIT if unknown else (vocabularies.unit_name(user.party, user.unit) or "–"),
        unknown,
    )


def _page(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    form: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    place_error: tuple[int, str] | None = None,
    account_error: tuple[int, str] | None = None,
    temporary: tuple[User, str] | None = None,
) -> Response:
    vocabularies = Vocabularies.of(rules.rule_set)
    view = AdminView(
        "Administration",
        [_row(account, vocabularies) for account in users.accounts(session)],
        list(Role),
        FINSAM_PARTIES,
        {party: vocabularies.units.get(party, {}) for party in FINSAM_PARTIES},
        {name: value for name, value in form.items() if name != "password"},
        errors or {},
        place_error,
        account_error,
        temporary,
    )
    failed = bool(errors or place_error or account_error)
    response = render(request, "admin/index.html", view, status_code=422 if failed else 200)
    if temporary is not None:
        # The temporary password must not stay in the browser's cache or history.
        response.headers["Cache-Control"] = "no-store"
    return response


def _field_of(message: str) -> str:
    # The service speaks in sentences; this places each next to the field it is about.
    for word, name in (
        ("användarnamn", "username"),
        ("lösenord", "password"),
        ("okänd enhet", "unit"),
        ("part", "party"),
        ("enhet", "unit"),
    ):
        if word in message:
            return name
    return "username"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


@router.get("")
def admin_page(request: Request, session: SessionDep, rules: RulesDep, user: Admin) -> Response:
    """List the accounts with a form to create one."""
    return _page(request, session, rules, {})


@router.post("/anvandare")
def create_account(
    request: Request, session: SessionDep, rules: RulesDep, user: Admin, form: AccountFormRead
) -> Response:
    """Create an account; on bad input show the form again with what was typed."""
    account = form.model
    if account is None:
        return _page(request, session, rules, form.typed, form.errors)
    if account.role not in {r.value for r in Role}:
        return _page(request, session, rules, form.typed, {"role": "Välj en roll."})
    try:
        users.create_account(
            session,
            by=user,
            username=account.username,
            password=account.password,
            role=Role(account.role),
            partners=rules.rule_set.partners,
            display_name=account.display_name.strip() or None,
            party=account.party or None,
            unit=account.unit.strip() or None,
        )
    except users.UserError as error:
        message = str(error)
        return _page(request, session, rules, form.typed, {_field_of(message): _sentence(message)})
    return RedirectResponse("/administration", status_code=303)


@router.post("/anvandare/{account_id}/plats")
def change_place(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    user: Admin,
    account_id: int,
    form: PlaceFormRead,
) -> Response:
    """Move an account to another party and unit (a unit of that party, from partners.yaml).

    :raise 404: when there is no such account.
    """
    place = form.model
    if place is None:
        return _page(request, session, rules, {}, place_error=(account_id, "Välj part och enhet."))
    try:
        users.change_place(
            session,
            by=user,
            account_id=account_id,
            party=place.party or None,
            unit=place.unit or None,
            partners=rules.rule_set.partners,
        )
    except LookupError:
        raise HTTPException(status_code=404) from None
    except users.UserError as error:
        return _page(request, session, rules, {}, place_error=(account_id, _sentence(str(error))))
    return RedirectResponse(f"/administration#konto-{account_id}", status_code=303)


def _refused(
    request: Request, session: SessionDep, rules: RulesDep, account_id: int, error: Exception
) -> Response:
    return _page(request, session, rules, {}, account_error=(account_id, _sentence(str(error))))


@router.post("/anvandare/{account_id}/roll")
def change_role(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    user: Admin,
    account_id: int,
    form: RoleFormRead,
) -> Response:
    """Give an account another role.

    :raise 404: when there is no such account.
    """
    chosen = form.model.role if form.model is not None else ""
    if chosen not in {r.value for r in Role}:
        return _page(request, session, rules, {}, account_error=(account_id, "Välj en roll."))
    try:
        users.change_role(session, by=user, account_id=account_id, role=Role(chosen))
    except LookupError:
        raise HTTPException(status_code=404) from None
    except users.UserError as error:
        return _refused(request, session, rules, account_id, error)
    return RedirectResponse(f"/administration#konto-{account_id}", status_code=303)


def _set_active(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    user: User,
    account_id: int,
    active: bool,
) -> Response:
    try:
        users.set_active(session, by=user, account_id=account_id, active=active)
    except LookupError:
        raise HTTPException(status_code=404) from None
    except users.UserError as error:
        return _refused(request, session, rules, account_id, error)
    return RedirectResponse(f"/administration#konto-{account_id}", status_code=303)


@router.post("/anvandare/{account_id}/inaktivera")
def deactivate(
    request: Request, session: SessionDep, rules: RulesDep, user: Admin, account_id: int
) -> Response:
    """Deactivate an account: it cannot log in, and its sessions end at once.

    :raise 404: when there is no such account.
    """
    return _set_active(request, session, rules, user, account_id, active=False)


@router.post("/anvandare/{account_id}/aktivera")
def reactivate(
    request: Request, session: SessionDep, rules: RulesDep, user: Admin, account_id: int
) -> Response:
    """Let a deactivated account log in again.

    :raise 404: when there is no such account.
    """
    return _set_active(request, session, rules, user, account_id, active=True)


@router.post("/anvandare/{account_id}/losenord")
def reset_password(
    request: Request,
    session: SessionDep,
    rules: RulesDep,
    user: Admin,
    account_id: int,
    form: ResetFormRead,
) -> Response:
    """Give an account a temporary password (typed, or made up) and show it once.

    :raise 404: when there is no such account.
    """
    typed = form.model.password if form.model is not None else ""
    try:
        password = users.reset_password(
            session, by=user, account_id=account_id, password=typed or None
        )
    except LookupError:
        raise HTTPException(status_code=404) from None
    except users.UserError as error:
        return _refused(request, session, rules, account_id, error)
    account = session.get(User, account_id)
    if account is None:
        raise HTTPException(status_code=404)
    return _page(request, session, rules, {}, temporary=(account, password))
