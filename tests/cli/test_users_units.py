"""`users create --unit` reads a unit by id or Swedish name, with or without å/ä/ö."""

from __future__ import annotations

import io

import pytest
from sqlmodel import Session, select

from mgt_assistant.cli import main
from mgt_assistant.db.models import User

pytestmark = pytest.mark.db


@pytest.mark.parametrize(
    ("party", "written", "stored"),
    [
        ("kommun", "socialtjanst", "socialtjanst"),
        ("kommun", "Socialtjänst", "socialtjanst"),
        ("kommun", "socialtjanst ", "socialtjanst"),
        ("kommun", "Socialtjänsten", "socialtjanst"),
        ("kommun", "ekonomiskt bistand", "socialtjanst"),
        ("region", "Vårdcentralen", "primarvard"),
        ("region", "vardcentralen", "primarvard"),
        ("region", "Barn- och ungdomspsykiatrin", "bup"),
    ],
)
def test_create_by_unit_name_stores_the_id(
    database_url: str,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    party: str,
    written: str,
    stored: str,
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-langt-losenord\n"))
    args = ["users", "create", "kim", "--role", "mgt", "--party", party, "--unit", written]
    assert main([*args, "--password-stdin"]) == 0
    user = db.exec(select(User).where(User.username == "kim")).one()
    assert (user.party, user.unit) == (party, stored)
    assert f"({stored})" in capsys.readouterr().out


def test_an_unknown_unit_and_a_team_account_without_party_are_refused(
    database_url: str,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-langt-losenord\n"))
    args = ["users", "create", "kim", "--role", "mgt", "--party", "af", "--unit", "Psykiatri"]
    assert main([*args, "--password-stdin"]) == 1
    err = capsys.readouterr().err
    assert "okänd enhet 'Psykiatri' hos Arbetsförmedlingen; välj en av:" in err
    assert "Arbetsförmedlingen, lokalt kontor" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-langt-losenord\n"))
    assert main(["users", "create", "kim", "--role", "mgt", "--password-stdin"]) == 1
    assert "ett teamkonto (MGT) måste höra till en part" in capsys.readouterr().err
    assert db.exec(select(User)).first() is None
