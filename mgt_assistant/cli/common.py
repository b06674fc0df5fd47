"""What every CLI area shares: the error type, the rules-folder argument, reading standard input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from mgt_assistant.paths import DEFAULT_RULES_DIR


@dataclass
class CliError(Exception):
    """A failure to report as one Swedish line, with the exit code to use."""

    message: str
    exit_code: int = 1


def read_stdin() -> str:
    """Read all of standard input as UTF-8 text."""
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise CliError("indata är inte giltig UTF-8", exit_code=2) from None


def add_rules_dir(parser: argparse.ArgumentParser, *names: str) -> None:
    """Add the rules folder argument (positional ``dir`` unless ``names`` give an option)."""
    help_text = "regelkatalog (standard: rules/)"
    if names:
        parser.add_argument(
            *names, type=Path, default=DEFAULT_RULES_DIR, metavar="KATALOG", help=help_text
        )
    else:
        parser.add_argument(
            "dir",
            nargs="?",
            type=Path,
            default=DEFAULT_RULES_DIR,
            metavar="KATALOG",
            help=help_text,
        )
