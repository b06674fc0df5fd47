"""On SQLite a write transaction takes the lock at its start; reads take none."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, text

from mgt_assistant.db.engine import make_engine, retry_on_lock, start_write


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[tuple[Engine, Path]]:
    path = tmp_path / "locks.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        session.exec(text("CREATE TABLE note (body TEXT)"))  # type: ignore[call-overload]
        session.commit()
    yield engine, path
    engine.dispose()


def _other_writer_can_begin(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return False
    else:
        other.execute("ROLLBACK")
        return True
    finally:
        other.close()


def test_a_write_holds_the_lock_from_its_first_write_to_its_commit(
    sqlite_file: tuple[Engine, Path],
) -> None:
    engine, path = sqlite_file
    with Session(engine) as session:
        session.exec(text("SELECT count(*) FROM note")).all()  # type: ignore[call-overload]
        assert _other_writer_can_begin(path)  # a read takes no lock
        session.exec(text("INSERT INTO note VALUES ('a')"))  # type: ignore[call-overload]
        raw = session.connection().connection.driver_connection
        assert raw is not None and raw.in_transaction
        assert not _other_writer_can_begin(path)
        session.commit()
    assert _other_writer_can_begin(path)


def test_start_write_takes_the_lock_before_the_first_read(
    sqlite_file: tuple[Engine, Path],
) -> None:
    engine, path = sqlite_file
    with Session(engine) as session:
        session.exec(text("SELECT 1")).all()  # type: ignore[call-overload]
        start_write(session)
        session.exec(text("SELECT count(*) FROM note")).all()  # type: ignore[call-overload]
        assert not _other_writer_can_begin(path)
        session.exec(text("INSERT INTO note VALUES ('b')"))  # type: ignore[call-overload]
        session.commit()
    assert _other_writer_can_begin(path)
    with Session(engine) as session:
        assert session.exec(text("SELECT body FROM note")).all() == [("b",)]  # type: ignore[call-overload]


def test_a_change_refused_by_the_lock_is_rolled_back_and_run_again(
    sqlite_file: tuple[Engine, Path],
) -> None:
    engine, _path = sqlite_file
    tries: list[int] = []

    def change(session: Session) -> str:
        session.exec(text("INSERT INTO note VALUES ('c')"))  # type: ignore[call-overload]
        tries.append(1)
        if len(tries) == 1:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
        session.commit()
        return "sparat"

    with Session(engine) as session:
        assert retry_on_lock(session, lambda: change(session)) == "sparat"
        # The first try was rolled back: one row, not two.
        assert session.exec(text("SELECT count(*) FROM note")).one() == (1,)  # type: ignore[call-overload]
    assert len(tries) == 2

    def broken(session: Session) -> None:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("no such table: x"))

    with Session(engine) as session, pytest.raises(OperationalError):
        retry_on_lock(session, lambda: broken(session))
