"""Administration: the list of accounts and creating new ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db.models import Role, User
from mgt_assistant.domain.parties import FINSAM_PARTIES
from mgt_assistant.services import users
from mgt_assistant.web.deps import Admin, SessionDep
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/administration")


@dataclass(frozen=True)
class AdminView(View):
    """The accounts, and the form to create one with what was typed."""

    accounts: Sequence[User]
    roles: list[Role]
    parties: Sequence[str]
    form: Mapping[str, str]
    error: str


def _page(request: Request, session: SessionDep, form: dict[str, str], error: str = "") -> Response:
    view = AdminView(
        "Administration", users.accounts(session), list(Role), FINSAM_PARTIES, form, error
    )
    return render(request, "admin/index.html", view, status_code=422 if error else 200)


@router.get("")
def admin_page(request: Request, session: SessionDep, user: Admin) -> Response:
    """List the accounts with a form to create one."""
    return _page(request, session, {})


@router.post("/anvandare")
def create_account(
    request: Request,
    session: SessionDep,
    user: Admin,
    username: Annotated[str, Form(max_length=64)] = "",
    display_name: Annotated[str, Form(max_length=120)] = "",
    role: Annotated[str, Form(max_length=16)] = "",
    party: Annotated[str, Form(max_length=16)] = "",
    unit: Annotated[str, Form(max_length=120)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Create an account; on bad input show the form again with what was typed."""
    form = {
        "username": username,
        "display_name": display_name,
        "role": role,
        "party": party,
        "unit": unit,
    }
    if role not in {r.value for r in Role}:
        return _page(request, session, form, "Välj en roll.")
    try:
        users.create_account(
            session,
            by=user,
            username=username,
            password=password,
            role=Role(role),
            display_name=display_name.strip() or None,
            party=party or None,
            unit=unit.strip() or None,
        )
    except users.UserError as error:
        return _page(request, session, form, str(error).capitalize() + ".")
    return RedirectResponse("/administration", status_code=303)
