"""`mgt-assistant db upgrade`: create or migrate the database schema."""

from __future__ import annotations

import argparse

from sqlalchemy.exc import OperationalError

from mgt_assistant.cli.common import CliError
from mgt_assistant.cli.config import load_settings
from mgt_assistant.db.migrate import upgrade


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the db commands."""
    parser = subparsers.add_parser("db", help="databasen")
    commands = parser.add_subparsers(dest="db_command", metavar="KOMMANDO")
    commands.required = True
    upgrade_parser = commands.add_parser("upgrade", help="skapa eller uppgradera schemat")
    upgrade_parser.set_defaults(handler=run_upgrade)


def run_upgrade(_args: argparse.Namespace) -> int:
    """Migrate the configured database to the newest schema."""
    settings = load_settings()
    try:
        upgrade(settings.database_url)
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "okänt fel"
        raise CliError(f"kan inte nå databasen: {reason}") from None
    print("Databasen har det senaste schemat.")
    return 0
