"""The command line: help, db upgrade, users and demo data."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mgt_assistant.cli import main
from mgt_assistant.db.models import MeetingMessage, Role, User
from mgt_assistant.paths import DEFAULT_RULES_DIR


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("serve", "db", "demo", "users"):
        assert command in out


@pytest.mark.db
def test_users_create_and_list(
    database_url: str,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-langt-losenord\n"))
    code = main(
        ["users", "create", "kim.fk", "--role", "remittent", "--party", "fk", "--password-stdin"]
    )
    assert code == 0
    user = db.exec(select(User).where(User.username == "kim.fk")).one()
    assert (user.role, user.party) == (Role.REMITTENT, "fk")
    assert main(["users", "list"]) == 0
    assert "kim.fk\tremittent\tfk" in capsys.readouterr().out


@pytest.mark.db
def test_users_create_refuses_short_password_in_one_swedish_line(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    code = main(
        ["users", "create", "kim", "--role", "mgt", "--party", "kommun", "--password-stdin"]
    )
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["mgt-assistant: Lösenordet måste ha minst 10 tecken."]


@pytest.mark.db
@pytest.mark.parametrize("password", ["password12", "Sommar2026!", "kim.berg2026"])
def test_users_create_refuses_a_guessable_password(
    database_url: str,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password: str,
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(
        ["users", "create", "kim.berg", "--role", "mgt", "--party", "kommun", "--password-stdin"]
    )
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mgt-assistant: Lösenordet är för lätt att gissa")
    assert db.exec(select(User)).all() == []


@pytest.mark.db
def test_demo_is_idempotent_and_only_in_demo_mode(
    database_url: str,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.delenv("MGT_DEMO", raising=False)
    assert main(["demo"]) == 1
    assert "MGT_DEMO=1" in capsys.readouterr().err
    monkeypatch.setenv("MGT_DEMO", "1")
    assert main(["demo"]) == 0
    first = len(db.exec(select(User)).all())
    assert main(["demo"]) == 0
    assert len(db.exec(select(User)).all()) == first >= 4
    # Every command the demo meetings type succeeds: an outsider's first look shows no failure.
    replies = [m.text for m in db.exec(select(MeetingMessage)).all() if m.speaker == "assistent"]
    assert replies and not [r for r in replies if r.startswith(("Jag hittar ingen", "Jag förstår"))]


def test_db_upgrade_reports_unreachable_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mgt-assistant: kan inte nå databasen")


@pytest.mark.db
def test_db_upgrade_on_empty_database(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    assert "senaste schemat" in capsys.readouterr().out


def test_serve_refuses_a_broken_rule_set_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "partners.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    monkeypatch.setenv("MGT_RULES_DIR", str(rules))
    monkeypatch.setenv("MGT_DEMO", "1")
    assert main(["serve"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("mgt-assistant: regelverket har fel, startar inte: partners.yaml:2:")
