"""The rules the app uses: a stored version is compiled once per process, even asked at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from mgt_assistant.domain.rules.files import rule_files
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.web import active_rules


def _stored_files() -> dict[str, str]:
    return {
        path.relative_to(DEFAULT_RULES_DIR).as_posix(): path.read_text(encoding="utf-8")
        for path in rule_files(DEFAULT_RULES_DIR)
    }


def test_requests_arriving_together_compile_a_version_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = active_rules.load_active_rules(DEFAULT_RULES_DIR)
    rule_hash = shipped.rule_set.hash
    # As in a fresh process: the version is not compiled yet.
    monkeypatch.setattr(active_rules, "_by_hash", {})
    compiled: list[Path] = []

    def slow_load(rules_dir: Path) -> active_rules.ActiveRules:
        compiled.append(rules_dir)
        time.sleep(0.2)
        return shipped

    monkeypatch.setattr(active_rules, "load_active_rules", slow_load)
    files = _stored_files()
    results: list[active_rules.ActiveRules] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(active_rules.rules_from_files(rule_hash, files))
        )
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(compiled) == 1
    assert results == [shipped] * 5


def test_the_rules_loaded_at_start_serve_their_stored_version() -> None:
    shipped = active_rules.load_active_rules(DEFAULT_RULES_DIR)
    assert active_rules.cached_rules(shipped.rule_set.hash) is shipped
