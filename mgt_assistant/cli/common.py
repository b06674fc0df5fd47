"""What every CLI area shares: the error type and reading standard input."""

from __future__ import annotations

import sys
from dataclasses import dataclass


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
