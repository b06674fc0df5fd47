"""The `mgt-assistant` command line: a thin shell over the domain and the database.

Each area module exposes ``register(subparsers)`` and sets ``handler`` on its
parsers; a handler returns the exit code. A ``CliError`` becomes one readable
Swedish line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from mgt_assistant.cli.common import CliError

# Which module registers each command. Only the module of the command being run is
# imported, so `recommend` does not pay for the database layer, migrations or demo data.
AREAS = {
    "serve": "serve",
    "db": "db",
    "demo": "demo",
    "users": "users",
    "rules": "rules",
    "recommend": "rules",
    "needs": "needs",
    "gallra": "privacy",
    "registerutdrag": "privacy",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the parser: every area's subcommands, or only the one that runs ``command``."""
    parser = argparse.ArgumentParser(
        prog="mgt-assistant",
        description="MGT-assistenten – stöd för myndighetsgemensamma kartläggningsteam.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    subparsers.required = True
    names = [AREAS[command]] if command in AREAS else list(dict.fromkeys(AREAS.values()))
    for name in names:
        importlib.import_module(f"mgt_assistant.cli.{name}").register(subparsers)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except CliError as error:
        print(f"mgt-assistant: {error.message}", file=sys.stderr)
        return error.exit_code
    return code
