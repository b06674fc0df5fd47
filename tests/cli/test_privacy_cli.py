"""`gallra` and `registerutdrag` on the command line: counts only, one Swedish line on bad input."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mgt_assistant.cli import main
from mgt_assistant.cli.privacy import NO_DATABASE
from mgt_assistant.db.models import AuditEvent, DataRemoval, Role
from tests.conftest import UserFactory
from tests.retention_factory import SNIPPETS, TODAY, Fixture, every_text, make_fixture

pytestmark = pytest.mark.db


@pytest.fixture
def cases(
    db: Session, make_user: UserFactory, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Fixture:
    """The gallring fixture, with the command line pointed at it and today fixed."""
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("mgt_assistant.domain.swedish_time.today", lambda: TODAY)
    fixture = make_fixture(db, make_user(Role.MGT, party="kommun"), make_user(Role.REMITTENT))
    db.close()
    return fixture


def test_gallra_is_a_dry_run_by_default(
    cases: Fixture, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    before = every_text(engine)
    assert main(["gallra"]) == 0
    out = capsys.readouterr().out
    assert "provkörning, inget ändras" in out
    assert "Ärenden som raderas helt: 1" in out.splitlines()
    assert "Ärenden som avidentifieras (uppföljningens siffror behålls): 7" in out.splitlines()
    assert every_text(engine) == before


def test_gallra_verkstall_removes_what_is_due_and_prints_counts_only(
    cases: Fixture, engine: Engine, db: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gallra", "--verkställ"]) == 0
    out = capsys.readouterr().out
    assert "utförd" in out
    assert not [snippet for snippet in SNIPPETS if snippet in out]
    assert not [snippet for snippet in SNIPPETS if snippet in every_text(engine)]
    removal = db.exec(select(DataRemoval)).one()
    assert (removal.cases_deleted, removal.cases_anonymised, removal.user_id) == (1, 7, None)
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "gallring_run")).one()
    assert main(["gallra"]) == 0
    assert "Ärenden som raderas helt: 0" in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["gallra", "--datum", "1 dec"], {}, "ogiltigt datum '1 dec': skriv ÅÅÅÅ-MM-DD"),
        (
            ["gallra", "--verkställ", "--datum", "2027-01-01"],
            {},
            "--datum går bara att använda utan --verkställ (provkörning)",
        ),
        (
            ["gallra"],
            {"MGT_RETENTION_DRAFT_DAYS": "tre"},
            "ogiltig inställning MGT_RETENTION_DRAFT_DAYS: "
            "'tre' är inget antal dagar från 1 till 3650",
        ),
        (
            ["gallra"],
            {"MGT_RETENTION_CLOSED_MAX_DAYS": "99999"},
            "ogiltig inställning MGT_RETENTION_CLOSED_MAX_DAYS: "
            "'99999' är inget antal dagar från 1 till 3650",
        ),
        (
            ["gallra"],
            {"MGT_POLL_SECONDS": "två"},
            "ogiltig inställning MGT_POLL_SECONDS: 'två' är inget antal sekunder från 0,5 till 60",
        ),
        (["registerutdrag", "--arende", "12a"], {}, "ogiltigt ärendenummer '12a': ange ett heltal"),
        (["registerutdrag", "--arende", "999999"], {}, "Det finns inget ärende med nummer 999999."),
    ],
)
def test_bad_input_gives_one_swedish_line(
    cases: Fixture,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    env: dict[str, str],
    message: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) != 0
    assert capsys.readouterr().err.strip().splitlines() == [f"mgt-assistant: {message}"]


def test_registerutdrag_writes_a_private_json_file_and_is_logged(
    cases: Fixture,
    db: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "utdrag.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("19850312-2387\n"))
    assert main(["registerutdrag", "--personnummer-stdin", "--fil", str(target)]) == 0
    assert "1 ärenden" in capsys.readouterr().out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    extract = json.loads(target.read_text(encoding="utf-8"))["registerutdrag"]
    sections = {part["nyckel"]: part["rader"] for part in extract["arenden"][0]["delar"]}
    assert sections["applications"][0]["person_name"] == "Test Påhittad"
    assert sections["messages"]
    logged = db.exec(select(AuditEvent).where(AuditEvent.action == "register_extract")).one()
    assert logged.object_id == str(cases.full_case)
    monkeypatch.setattr("sys.stdin", io.StringIO("19850312-2387\n"))
    assert main(["registerutdrag", "--personnummer-stdin", "--fil", str(target)]) == 2
    assert "finns redan" in capsys.readouterr().err


def test_registerutdrag_with_a_wrong_personnummer_leaves_no_file(
    cases: Fixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "utdrag.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("19850312-2388\n"))
    assert main(["registerutdrag", "--personnummer-stdin", "--fil", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["mgt-assistant: Kontrollsiffran stämmer inte. Kontrollera personnumret."]
    assert not target.exists()


def test_a_database_without_tables_is_one_swedish_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", f"sqlite:///{tmp_path / 'tom.sqlite3'}")
    assert main(["gallra"]) == 1
    assert main(["registerutdrag", "--arende", "1", "--fil", str(tmp_path / "u.json")]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"mgt-assistant: {NO_DATABASE}"] * 2
    assert not (tmp_path / "u.json").exists()
