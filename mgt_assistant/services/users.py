"""Accounts: create, move, change role, deactivate and reset a password, each with its audit row.

Logging in is in ``services.login``. An admin cannot deactivate, demote or reset
their own account here: that would lock the last admin out (their own password is
changed on "Mitt konto").
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Final, Unpack

from sqlmodel import Session, col, select

from mgt_assistant.db import users as store
from mgt_assistant.db.models import ROLE_LABELS, Role, User
from mgt_assistant.db.users import AccountDetails, add_audit
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTY_NAMES
from mgt_assistant.domain.passwords import password_problem
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
    account = _account(session, account_id)
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


# Letters and digits that cannot be mistaken for each other when read aloud or copied by hand.
_TEMPORARY_ALPHABET: Final = "abcdefghjkmnpqrstuvwxyz23456789"


def _account(session: Session, account_id: int) -> User:
    account = session.get(User, account_id)
    if account is None:
        raise LookupError(account_id)
    return account


def _not_yourself(by: User, account: User, what: str) -> None:
    if by.id == account.id:
        raise UserError(f"du kan inte {what} ditt eget konto här")


def set_active(session: Session, *, by: User, account_id: int, active: bool) -> User:
    """Deactivate an account (ending its sessions at once) or reactivate it, and log it.

    :raise LookupError: when there is no such account.
    :raise UserError: when the admin tries to deactivate their own account.
    """
    account = _account(session, account_id)
    if not active:
        _not_yourself(by, account, "inaktivera")
    account.active = active
    session.add(account)
    if not active:
        store.end_sessions(session, account)
    action = "user_reactivated" if active else "user_deactivated"
    add_audit(session, action, user=by, object_type="user", object_id=account.id)
    session.commit()
    session.refresh(account)
    return account


def change_role(session: Session, *, by: User, account_id: int, role: Role) -> User:
    """Give an account another role, and log it.

    :raise LookupError: when there is no such account.
    :raise UserError: for the admin's own account, or when the role needs a party the
        account does not have.
    """
    account = _account(session, account_id)
    _not_yourself(by, account, "byta roll på")
    if role in (Role.MGT, Role.REMITTENT) and account.party not in FINSAM_PARTIES:
        raise UserError(f"ge kontot en part innan det blir {ROLE_LABELS[role].lower()}")
    account.role = role
    session.add(account)
    add_audit(session, "user_role_changed", user=by, object_type="user", object_id=account.id)
    session.commit()
    session.refresh(account)
    return account


def temporary_password() -> str:
    """Return a random password that passes the strength check, e.g. 'kx7p-m3qa-t9wd-e2hn'."""
    while True:
        groups = ("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4))
        password = "-".join(groups)
        if password_problem(password, []) is None:
            return password


def reset_password(session: Session, *, by: User, account_id: int, password: str | None) -> str:
    """Give an account a temporary password (generated when none is given) and log it.

    The account's sessions end, and its user must choose a new password at the next
    log-in before any other page opens.

    :return: the temporary password, to be shown to the admin once.
    :raise LookupError: when there is no such account.
    :raise UserError: for the admin's own account or a weak password.
    """
    account = _account(session, account_id)
    _not_yourself(by, account, "återställa lösenordet för")
    chosen = password or temporary_password()
    store.set_password(session, account, chosen, temporary=True)
    add_audit(session, "password_reset", user=by, object_type="user", object_id=account.id)
    session.commit()
    return chosen
