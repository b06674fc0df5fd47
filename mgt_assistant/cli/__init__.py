"""The `mgt-assistant` command line: a thin shell over the domain and the database.

Each area module exposes ``register(subparsers)`` and sets ``handler`` on its
parsers; a handler returns the exit code. A ``CliError`` becomes one readable
Swedish line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mgt_assistant.cli import db, demo, needs, rules, serve, users
from mgt_assistant.cli.common import CliError

AREAS = [serve, db, demo, users, rules, needs]


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every area's subcommands."""
    parser = argparse.ArgumentParser(
        prog="mgt-assistant",
        description="MGT-assistenten – stöd för myndighetsgemensamma kartläggningsteam.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    subparsers.required = True
    for area in AREAS:
        area.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except CliError as error:
        print(f"mgt-assistant: {error.message}", file=sys.stderr)
        return error.exit_code
    return code
