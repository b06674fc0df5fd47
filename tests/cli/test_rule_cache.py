"""The compiled rule set cached by content hash, and a `recommend` that starts light."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mgt_assistant.cli.rule_cache import PREFIX, cache_dir, load_cached_rule_set
from mgt_assistant.domain.rules import (
    Recommender,
    RuleSetError,
    load_rule_set,
    read_case,
    recommendation_document,
    to_json,
)
from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

CASE = {
    "needs": ["economy.debt", "health"],
    "age": 40,
    "text": "Har skulder hos Kronofogden.",
    "date": "2026-12-01",
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MGT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_RULES_DIR, tmp_path / "rules"))


def _document(rules_dir: Path, *, cached: bool) -> str:
    rule_set = load_cached_rule_set(rules_dir) if cached else load_rule_set(rules_dir)
    recommender = Recommender(rule_set)
    case = read_case(rule_set, CASE)
    return to_json(recommendation_document(recommender, recommender.evaluate(case)))


def test_a_cached_rule_set_recommends_exactly_as_a_fresh_load(cache: Path, rules: Path) -> None:
    fresh = _document(rules, cached=False)
    assert _document(rules, cached=True) == fresh  # miss: loads strictly, writes the file
    assert len(list(cache.glob(f"{PREFIX}*.pickle"))) == 1
    assert _document(rules, cached=True) == fresh  # hit: read from the file
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)


def test_a_changed_rule_file_is_a_new_entry_and_is_read_strictly(cache: Path, rules: Path) -> None:
    first = load_cached_rule_set(rules)
    lexicon = rules / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")
    second = load_cached_rule_set(rules)
    assert second.hash != first.hash
    assert len(list(cache.glob(f"{PREFIX}*.pickle"))) == 2
    (rules / "ruleset.yaml").write_text("version: [trasig\n", encoding="utf-8")
    with pytest.raises(RuleSetError):
        load_cached_rule_set(rules)  # never served from an older entry
    assert len(list(cache.glob(f"{PREFIX}*.pickle"))) == 2


def test_a_damaged_cache_file_is_only_a_miss(cache: Path, rules: Path) -> None:
    load_cached_rule_set(rules)
    (entry,) = cache.glob(f"{PREFIX}*.pickle")
    entry.write_bytes(b"inte en pickle")
    assert load_cached_rule_set(rules).hash == load_rule_set(rules).hash
    assert entry.read_bytes() != b"inte en pickle"  # written anew


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, rules: Path) -> None:
    monkeypatch.setenv("MGT_CACHE_DIR", "off")
    assert cache_dir() is None
    assert load_cached_rule_set(rules).hash == load_rule_set(rules).hash
    monkeypatch.delenv("MGT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/nowhere/xdg")
    assert cache_dir() == Path("/nowhere/xdg/mgt-assistant")


def test_recommend_with_a_warm_cache_imports_no_parser_or_web_stack(cache: Path) -> None:
    env = {**os.environ, "MGT_CACHE_DIR": str(cache)}
    script = (
        "import sys, io\n"
        "from mgt_assistant.cli import main\n"
        f"sys.stdin = io.StringIO({json.dumps(json.dumps(CASE))})\n"
        "sys.stdout = io.StringIO()\n"
        "code = main(['recommend', '--json'])\n"
        "heavy = ('pydantic', 'yaml', 'sqlalchemy', 'sqlmodel', 'fastapi', 'babel', 'jinja2',"
        " 'alembic', 'mgt_assistant.db', 'mgt_assistant.web', 'mgt_assistant.domain.governance')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy or"
        " any(m.startswith(h) for h in heavy))\n"
        "sys.__stdout__.write(repr((code, loaded)))\n"
    )
    for _warm in range(2):  # the first run fills the cache
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
        )
    assert result.stdout == repr((0, []))
