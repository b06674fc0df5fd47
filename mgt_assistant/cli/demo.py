"""`mgt-assistant demo`: load fictional demo data (demo mode only)."""

from __future__ import annotations

import argparse

from sqlmodel import Session

from mgt_assistant.cli.common import CliError
from mgt_assistant.cli.config import load_settings
from mgt_assistant.db.engine import make_engine
from mgt_assistant.db.models import ROLE_LABELS
from mgt_assistant.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_data


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the demo command."""
    parser = subparsers.add_parser("demo", help="ladda fiktiva demodata (bara i demoläge)")
    parser.set_defaults(handler=load_demo)


def load_demo(_args: argparse.Namespace) -> int:
    """Load the demo data and print the demo log-ins."""
    settings = load_settings()
    if not settings.demo:
        # Demo accounts have published passwords: never in a real installation.
        raise CliError("demodata laddas bara i demoläge (MGT_DEMO=1)")
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        created = load_demo_data(session)
    engine.dispose()
    print(f"Demodata (fiktiva personer): {len(created)} nya konton.")
    print(f"Demoinloggningar, alla med lösenordet {DEMO_PASSWORD}:")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.username:<14} {ROLE_LABELS[account.role]}")
    return 0
