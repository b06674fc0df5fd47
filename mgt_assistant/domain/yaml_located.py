"""The located values and the error of rule files, without the YAML parser.

Code that only checks or raises these (the compiled rule set, the taxonomy) imports
them from here, so using a loaded rule set does not import PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RuleFileError(Exception):
    """A problem in a rule file, with the place it stands and a Swedish message."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LocatedDict(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when absent."""
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    line: int
    item_lines: list[int]


class LocatedStr(str):
    """A string scalar that remembers its line."""

    line: int
