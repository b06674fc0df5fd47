"""Rule folders for governance tests: a changed copy of the shipped rules, zipped or not."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from mgt_assistant.paths import DEFAULT_RULES_DIR

NEW_VERSION = "2026.12-prov"
NEW_WHY = "Ändrad motivering för prov av styrgruppens granskning."


def changed_rules(root: Path) -> Path:
    """Copy rules/ with a new version label and a changed why on row ARB-01."""
    target = root / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    header = target / "ruleset.yaml"
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace('version: "2026.11-1"', f'version: "{NEW_VERSION}"', 1))
    table = target / "recommendations" / "arbetsliv.yaml"
    text = table.read_text(encoding="utf-8")
    old_why = "why: Allvarlig psykisk sjukdom – IPS (arbete först) är Socialstyrelsens prioritet 1."
    assert old_why in text
    table.write_text(text.replace(old_why, f"why: {NEW_WHY}"), encoding="utf-8")
    return target


def zipped(folder: Path, prefix: str = "rules/") -> bytes:
    """Pack a rules folder as an admin would: a zip holding the folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return buffer.getvalue()
