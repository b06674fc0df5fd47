"""The rule set the running app uses: loaded once, swapped only for a clean one.

A rule set is identified by its content hash, so loading the same files again
(as every test app does) reuses the compiled set instead of parsing it anew.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mgt_assistant.domain.meeting import MeetingCore, make_meeting_core
from mgt_assistant.domain.rules import (
    Finding,
    Recommender,
    RuleSet,
    RuleSetError,
    check_rule_set,
    content_hash,
)

_cache: dict[tuple[Path, str], ActiveRules] = {}
_by_hash: dict[str, ActiveRules] = {}
# One compile of a version at a time: the requests that arrive together after a start or an
# approval wait for the first one's result instead of each compiling the set (seconds each).
_compiling = threading.Lock()


@dataclass(frozen=True)
class ActiveRules:
    """A checked rule set with its compiled recommender, meeting core and linter findings."""

    rule_set: RuleSet
    recommender: Recommender
    findings: tuple[Finding, ...]
    meeting_core: MeetingCore


def load_active_rules(rules_dir: Path) -> ActiveRules:
    """Load, lint and compile a rule set; raise RuleSetError if it has errors."""
    key = (rules_dir.resolve(), content_hash(rules_dir))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    rule_set, findings = check_rule_set(rules_dir)
    if rule_set is None:
        raise RuleSetError(findings)
    recommender = Recommender(rule_set)
    core = make_meeting_core(rule_set, recommender)
    active = ActiveRules(rule_set, recommender, tuple(findings), core)
    _cache[key] = active
    # The stored version of these very files (the first start imports them) is then
    # compiled already: the first request does not parse the whole rule set again.
    _by_hash.setdefault(rule_set.hash, active)
    return active


def rules_from_files(rule_hash: str, files: Mapping[str, str]) -> ActiveRules:
    """Compile a stored version's files (path → text), once per content hash.

    :raise RuleSetError: when the files have errors or do not hash to ``rule_hash``.
    """
    cached = _by_hash.get(rule_hash)
    if cached is not None:
        return cached
    with _compiling:
        cached = _by_hash.get(rule_hash)
        return cached if cached is not None else _compile(rule_hash, files)


def _compile(rule_hash: str, files: Mapping[str, str]) -> ActiveRules:
    with tempfile.TemporaryDirectory(prefix="mgt-rules-") as folder:
        root = Path(folder)
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        active = load_active_rules(root)
        _cache.pop((root.resolve(), active.rule_set.hash), None)
    if active.rule_set.hash != rule_hash:
        raise ValueError(f"stored rule files do not hash to {rule_hash[:12]}")
    _by_hash[rule_hash] = active
    return active


def cached_rules(rule_hash: str) -> ActiveRules | None:
    """Return a stored version's compiled rules if this process has them already."""
    return _by_hash.get(rule_hash)
