"""The compiled rule set, cached on disk by content hash, so a command starts in a blink.

Reading and checking the YAML files (pydantic models, PyYAML, compiling the lexicon)
costs more than everything a `recommend` does after it. The compiled ``RuleSet`` is
therefore pickled under the user's cache folder, named by a key over

- the rule files' content hash (the same hash the rule set carries, paths included),
- the code that defines what a compiled rule set is (the domain modules' bytes),
- the Python version,

so any change to a rule file, to the domain code or to Python gives a new key and a
fresh, strictly checked load; the newest few entries are kept. A file that cannot be
read or unpickled is ignored and written anew; a folder that cannot be written to
only means no cache.

The folder is ``MGT_CACHE_DIR`` when set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/mgt-assistant``, else ``~/.cache/mgt-assistant``; it is created
readable by the user only, because unpickling trusts what is in it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from mgt_assistant.domain.rules.files import content_hash
from mgt_assistant.domain.rules.model import RuleSet

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "domain"
PREFIX = "regeluppsattning-"
# When an entry is written, all but this many of the newest entries are removed.
KEEP = 8


def cache_dir() -> Path | None:
    """Return the cache folder, or None when the cache is turned off."""
    configured = os.environ.get("MGT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in {"", "off", "0"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mgt-assistant"


def code_fingerprint() -> str:
    """Return a hash over the domain modules' paths and bytes: what a pickle depends on."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(DOMAIN_DIR.rglob("*.py")):
        digest.update(path.relative_to(DOMAIN_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(rules_hash: str) -> str:
    """Return the file-name key for a rule set's content and the running code."""
    return hashlib.sha256(f"{rules_hash}\0{code_fingerprint()}".encode()).hexdigest()[:32]


def _read(path: Path, rules_hash: str) -> RuleSet | None:
    try:
        with path.open("rb") as handle:
            rule_set = pickle.load(handle)
    except Exception:  # a missing, damaged or foreign cache file is only a miss
        return None
    if not isinstance(rule_set, RuleSet) or rule_set.hash != rules_hash:
        return None
    return rule_set


def _write(folder: Path, path: Path, rule_set: RuleSet) -> None:
    import tempfile  # only on a miss: it imports shutil and more

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(rule_set, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        entries = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def load_cached_rule_set(rules_dir: Path) -> RuleSet:
    """Return the compiled rule set of ``rules_dir``, from the cache when it is current.

    A miss loads strictly (``load_rule_set``, which raises ``RuleSetError``), so a broken
    rule set is never cached and never used.
    """
    folder = cache_dir()
    rules_hash = content_hash(rules_dir) if rules_dir.is_dir() else ""
    path = folder / f"{PREFIX}{cache_key(rules_hash)}.pickle" if folder else None
    if path is not None and rules_hash:
        cached = _read(path, rules_hash)
        if cached is not None:
            return cached
    from mgt_assistant.domain.rules.loader import load_rule_set

    rule_set = load_rule_set(rules_dir)
    if folder is not None and path is not None and rule_set.hash == rules_hash:
        _write(folder, path, rule_set)
    return rule_set
