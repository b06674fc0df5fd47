"""The findings sink of the loader, and reading a rule file into its typed model.

Nothing stops at the first fault: every error is recorded in the sink, so that
the collect-all mode can report every fault of every file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgt_assistant.domain.rules.model import Finding, Severity
from mgt_assistant.domain.yaml_models import M, validate
from mgt_assistant.domain.yaml_strict import RuleFileError, load_file


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


def validated(model: type[M], data: Any, file: str, sink: Sink) -> M | None:
    """Validate a file's data against its typed model; record every error at file:line."""
    if isinstance(data, Unreadable):
        return None
    found, errors = validate(model, data, file)
    for error in errors:
        sink.error(error.file, error.line, error.message, "schema")
    return found


def unusable_files(sink: Sink) -> set[str]:
    """Return the files that could not be read or did not match their model."""
    return {f.file for f in sink.findings if f.code in ("yaml", "schema")}
