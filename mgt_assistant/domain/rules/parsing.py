"""Small readers for typed fields that record Swedish findings instead of stopping.

Every reader returns a usable default after recording an error, so that the
collect-all mode can report every fault in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgt_assistant.domain.rules.model import Finding, Severity
from mgt_assistant.domain.yaml_strict import LocatedDict, LocatedList, RuleFileError, load_file


@dataclass
class Sink:
    """Collects findings from every stage of loading and linting."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, severity: Severity, file: str, line: int, message: str, code: str = "") -> None:
        """Record one finding."""
        self.findings.append(Finding(severity, file, line, message, code))

    def error(self, file: str, line: int, message: str, code: str = "") -> None:
        """Record an error."""
        self.add("error", file, line, message, code)

    @property
    def has_errors(self) -> bool:
        """Tell whether any error has been recorded."""
        return any(f.severity == "error" for f in self.findings)


class Unreadable:
    """Stands for a file whose parse error is already recorded, so no second error follows."""


UNREADABLE = Unreadable()


def read_yaml(path: Path, name: str, sink: Sink) -> Any:
    """Read one YAML file strictly; record a parse error and return UNREADABLE on failure."""
    try:
        return load_file(path, name)
    except RuleFileError as error:
        sink.error(error.file, error.line, error.message, "yaml")
        return UNREADABLE


def mapping(data: Any, file: str, line: int, what: str, sink: Sink) -> LocatedDict | None:
    """Return data as a mapping, or record that it must be one."""
    if isinstance(data, LocatedDict):
        return data
    if isinstance(data, Unreadable):
        return None
    sink.error(file, getattr(data, "line", line), f"{what} måste vara en mappning (nyckel: värde)")
    return None


def items(data: LocatedDict, key: str, file: str, sink: Sink) -> list[tuple[LocatedDict, int]]:
    """Return the mappings in a list under ``key`` with their lines."""
    value = data.get(key)
    if not isinstance(value, LocatedList):
        sink.error(file, data.line_of(key), f"'{key}' måste vara en lista")
        return []
    found: list[tuple[LocatedDict, int]] = []
    for item, line in zip(value, value.item_lines, strict=True):
        if isinstance(item, LocatedDict):
            found.append((item, line))
        else:
            sink.error(file, line, f"varje post i '{key}' måste vara en mappning")
    return found


def text(data: LocatedDict, key: str, file: str, sink: Sink, required: bool = True) -> str:
    """Return a non-empty text field, recording an error when it is wrong."""
    value = data.get(key)
    if value is None and not required:
        return ""
    if isinstance(value, str) and value.strip():
        return str(value).strip()
    sink.error(file, data.line_of(key), f"'{key}' måste vara en icke-tom text")
    return ""


def integer(
    data: LocatedDict, key: str, file: str, sink: Sink, *, required: bool = True
) -> int | None:
    """Return a whole-number field, recording an error when it is wrong."""
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    sink.error(file, data.line_of(key), f"'{key}' måste vara ett heltal")
    return None


def text_list(
    data: LocatedDict, key: str, file: str, sink: Sink, *, required: bool = True
) -> list[tuple[str, int]]:
    """Return a list of texts with their lines, recording an error when it is wrong."""
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, LocatedList) or (required and not value):
        sink.error(file, data.line_of(key), f"'{key}' måste vara en lista med text")
        return []
    found: list[tuple[str, int]] = []
    for item, line in zip(value, value.item_lines, strict=True):
        if isinstance(item, str) and item.strip():
            found.append((str(item).strip(), line))
        else:
            sink.error(file, line, f"'{key}' får bara innehålla text")
    return found


def unknown_keys(data: LocatedDict, allowed: set[str], file: str, sink: Sink) -> None:
    """Record an error for each key that the schema does not know (catches typos)."""
    for key in data:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            sink.error(file, data.line_of(key), f"okänd nyckel '{key}' (tillåtna: {known})")
