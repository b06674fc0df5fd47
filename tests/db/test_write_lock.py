"""On SQLite a write transaction takes the lock at its start; reads take none.

Inside the process writers queue at the engine's gate, which every ending of a
transaction gives back.
"""

from __future__ import annotations

import sqlite3
import threading
import time
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


def _insert(engine: Engine, body: str) -> float:
    """Write one row in a session of its own; return how long the write waited."""
    with Session(engine) as session:
        started = time.monotonic()
        session.exec(text(f"INSERT INTO note VALUES ('{body}')"))  # type: ignore[call-overload]
        waited = time.monotonic() - started
        session.commit()
    return waited


def test_a_second_writer_in_the_process_waits_for_the_first_and_then_writes(
    sqlite_file: tuple[Engine, Path],
) -> None:
    engine, _path = sqlite_file
    first_wrote = threading.Event()

    def first() -> None:
        with Session(engine) as session:
            session.exec(text("INSERT INTO note VALUES ('first')"))  # type: ignore[call-overload]
            first_wrote.set()
            time.sleep(0.3)
            session.commit()

    thread = threading.Thread(target=first)
    thread.start()
    assert first_wrote.wait(5)
    waited = _insert(engine, "second")
    thread.join(5)
    assert waited >= 0.2  # it queued behind the first writer's open transaction
    with Session(engine) as session:
        rows = session.exec(text("SELECT body FROM note ORDER BY rowid")).all()  # type: ignore[call-overload]
    assert rows == [("first",), ("second",)]


@pytest.mark.parametrize("ending", ["commit", "rollback", "close", "error", "start_write"])
def test_the_write_gate_is_given_back_however_a_transaction_ends(
    sqlite_file: tuple[Engine, Path], ending: str
) -> None:
    engine, path = sqlite_file
    for _ in range(3):
        session = Session(engine)
        if ending == "start_write":
            start_write(session)
        elif ending == "error":
            with pytest.raises(OperationalError):
                session.exec(text("INSERT INTO missing VALUES (1)"))  # type: ignore[call-overload]
        else:
            session.exec(text("INSERT INTO note VALUES ('x')"))  # type: ignore[call-overload]
        if ending == "commit":
            session.commit()
        elif ending in ("rollback", "error", "start_write"):
            session.rollback()
        session.close()
        # A gate still held would keep the next writer waiting for the whole busy timeout.
        assert _insert(engine, "next") < 1.0
        assert _other_writer_can_begin(path)
