"""Accounts: creation with its audit row, and the list (logging in is in ``services.login``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Unpack

from sqlmodel import Session, col, select

from mgt_assistant.db import users as store
from mgt_assistant.db.models import Role, User
from mgt_assistant.db.users import AccountDetails, add_audit
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTY_NAMES
from mgt_assistant.domain.rules.model import Partner
from mgt_assistant.domain.vocabularies import unit_id

UserError = store.UserError
# The session dependency resolves the cookie with this on every request.
user_for_token = store.user_for_token


def account_place(
    partners: Mapping[str, Partner], *, role: Role, party: str | None, unit: str | None
) -> tuple[str | None, str | None]:
    """Return (party, unit id) for an account, the unit read by id or Swedish name.

    :raise UserError: when a team account has no party, or the unit is not the party's.
    """
    party = party or None
    if role is Role.MGT and party not in FINSAM_PARTIES:
        raise UserError("ett teamkonto (MGT) måste höra till en part: " + ", ".join(FINSAM_PARTIES))
    if not unit or not unit.strip():
        return party, None
    if party is None:
        raise UserError("välj en part för enheten")
    found = unit_id(partners, party, unit)
    if found is None:
        names = ", ".join(u.name for u in partners[party].units) if party in partners else ""
        where = PARTY_NAMES.get(party, party)
        raise UserError(f"okänd enhet '{unit.strip()}' hos {where}; välj en av: {names}")
    return party, found


def create_account(
    session: Session,
    *,
    by: User | None,
    username: str,
    password: str,
    role: Role,
    partners: Mapping[str, Partner],
    **details: Unpack[AccountDetails],
) -> User:
    """Create an account and log who did it (None: the command line).

    The unit may be written as its partners.yaml id or its Swedish name; its id is stored.

    :raise UserError: with a Swedish message when the details are not valid.
    """
    party, unit = account_place(
        partners, role=role, party=details.get("party"), unit=details.get("unit")
    )
    details = {**details, "party": party, "unit": unit}
    user = store.add_user(session, username=username, password=password, role=role, **details)
    add_audit(session, "user_created", user=by, object_type="user", object_id=user.id)
    session.commit()
    session.refresh(user)
    return user


def accounts(session: Session) -> list[User]:
    """Return every account by username."""
    return list(session.exec(select(User).order_by(col(User.username))).all())


def change_place(
    session: Session,
    *,
    by: User,
    account_id: int,
    party: str | None,
    unit: str | None,
    partners: Mapping[str, Partner],
) -> User:
    """Move an account to another party and unit, and log who did it.

    :raise LookupError: when there is no such account.
    :raise UserError: with a Swedish message when the party or unit is not valid.
    """
    account = session.get(User, account_id)
    if account is None:
        raise LookupError(account_id)
    if party is not None and party not in FINSAM_PARTIES:
        raise UserError(f"okänd part '{party}'")
    if account.role is Role.REMITTENT and party not in FINSAM_PARTIES:
        raise UserError("en remittent måste höra till en part: " + ", ".join(FINSAM_PARTIES))
    account.party, account.unit = account_place(partners, role=account.role, party=party, unit=unit)
    session.add(account)
    add_audit(session, "user_changed", user=by, object_type="user", object_id=account.id)
    session.commit()
    session.refresh(account)
    return account
