"""The files of a rule set, their content hash and the error of a broken set.

Kept apart from the loader so that a shell can ask whether a cached, compiled rule
set is still current, and catch a broken one, without importing the parsers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgt_assistant.domain.rules.model import Finding

__all__ = ["RuleSetError", "content_hash", "rule_files"]


class RuleSetError(Exception):
    """A rule set with errors; ``str`` gives one ``file:line: message`` line per error."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = [f for f in findings if f.severity == "error"]
        super().__init__("\n".join(str(f) for f in self.findings))


def rule_files(rules_dir: Path) -> list[Path]:
    """Return every YAML file of a rule set in sorted relative-path order."""
    return sorted(rules_dir.rglob("*.yaml"), key=lambda p: p.relative_to(rules_dir).as_posix())


def content_hash(rules_dir: Path) -> str:
    """Return the sha256 over the rule files' paths and bytes, in sorted path order."""
    digest = hashlib.sha256()
    for path in rule_files(rules_dir):
        # The path is hashed too, so that moving a table changes the identity.
        digest.update(path.relative_to(rules_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
