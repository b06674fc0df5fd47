"""`mgt-assistant rules import`: a clean folder is stored once as a draft; a broken one never."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from mgt_assistant.cli import main
from mgt_assistant.db.models import RuleSetVersion, RuleVersionStatus
from tests.rule_version_factory import NEW_VERSION, changed_rules

pytestmark = pytest.mark.db


def test_rules_import_stores_a_draft_once_and_refuses_errors(
    database_url: str,
    db: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    folder = changed_rules(tmp_path)
    assert main(["rules", "import", str(folder)]) == 0
    assert "Sparad som utkast: version " + NEW_VERSION in capsys.readouterr().out
    assert main(["rules", "import", str(folder)]) == 0
    assert "finns redan" in capsys.readouterr().out
    (stored,) = db.exec(select(RuleSetVersion)).all()
    assert stored.status is RuleVersionStatus.DRAFT and stored.version == NEW_VERSION

    needs = folder / "needs.yaml"
    needs.write_text(needs.read_text(encoding="utf-8") + "version: igen\n", encoding="utf-8")
    assert main(["rules", "import", str(folder)]) == 1
    error = capsys.readouterr().err
    assert "sparades inte" in error and "needs.yaml:" in error
    db.expire_all()
    assert len(db.exec(select(RuleSetVersion)).all()) == 1
