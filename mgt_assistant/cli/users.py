"""`mgt-assistant users`: create and list local accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlmodel import Session

from mgt_assistant.cli.common import CliError, checked_rules
from mgt_assistant.cli.config import load_settings
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.models import ROLE_LABELS, Role
from mgt_assistant.domain.parties import FINSAM_PARTIES
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.domain.vocabularies import Vocabularies
from mgt_assistant.services import users


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the users commands."""
    parser = subparsers.add_parser("users", help="konton")
    commands = parser.add_subparsers(dest="users_command", metavar="KOMMANDO")
    commands.required = True
    create = commands.add_parser("create", help="skapa ett konto")
    create.add_argument("username", help="användarnamn (bokstäver, siffror, punkt)")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--party", choices=FINSAM_PARTIES, help="part (krävs för remittent och MGT)"
    )
    create.add_argument(
        "--unit",
        help="enhet ur partners.yaml: id eller svenskt namn, t.ex. socialtjanst eller socialtjänst",
    )
    create.add_argument("--name", help="visningsnamn")
    create.add_argument(
        "--password-stdin", action="store_true", help="läs lösenordet från standard in"
    )
    create.set_defaults(handler=create_account)
    listing = commands.add_parser("list", help="lista konton")
    listing.set_defaults(handler=list_accounts)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CliError("ange --password-stdin när lösenordet inte skrivs in interaktivt")
    first = getpass.getpass("Lösenord: ")
    if first != getpass.getpass("Upprepa lösenordet: "):
        raise CliError("lösenorden är inte lika")
    return first


def create_account(args: argparse.Namespace) -> int:
    """Create one account; the unit is read by id or Swedish name, with or without å/ä/ö."""
    settings = load_settings()
    rule_set = checked_rules(
        load_rule_set, settings.rules_dir, f"regelverket ({settings.rules_dir})"
    )
    password = _read_password(args.password_stdin)
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            user = users.create_account(
                session,
                by=None,
                username=args.username,
                password=password,
                role=Role(args.role),
                partners=rule_set.partners,
                display_name=args.name,
                party=args.party,
                unit=args.unit,
            )
            unit = Vocabularies.of(rule_set).unit_name(user.party, user.unit)
            summary = f"Kontot {user.username} ({ROLE_LABELS[user.role]}) är skapat." + (
                f" Enhet: {unit} ({user.unit})." if unit else ""
            )
    except users.UserError as error:
        raise CliError(str(error)) from None
    finally:
        engine.dispose()
    print(summary)
    return 0


def list_accounts(_args: argparse.Namespace) -> int:
    """Print one line per account."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        for user in users.accounts(session):
            where = " ".join(part for part in (user.party or "", user.unit or "") if part)
            print(f"{user.username}\t{user.role.value}\t{where}\t{user.display_name}")
    engine.dispose()
    return 0
