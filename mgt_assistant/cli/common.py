"""What every CLI area shares: the error type, the rules-folder argument, reading standard input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mgt_assistant.domain.rules.files import RuleSetError
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.paths import DEFAULT_RULES_DIR


@dataclass
class CliError(Exception):
    """A failure to report as one Swedish line, with the exit code to use."""

    message: str
    exit_code: int = 1


def checked_rules(
    load: Callable[[Path], RuleSet], rules_dir: Path, what: str, hint: str = ""
) -> RuleSet:
    """Load a rules folder with ``load``; one that fails the check is a CliError.

    The message names ``what`` failed and its first finding, then ``hint`` in brackets.
    """
    try:
        return load(rules_dir)
    except RuleSetError as error:
        first = error.findings[0] if error.findings else "okänt fel"
        raise CliError(f"{what} har fel: {first}" + (f" ({hint})" if hint else "")) from None


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
