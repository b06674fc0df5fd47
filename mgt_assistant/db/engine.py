"""Build engines for SQLite and PostgreSQL alike; on SQLite, writes take the lock at their start.

SQLite has one writer at a time. A transaction that reads first and writes later
("deferred") may find, when it tries to write, that another writer committed
since it read, and SQLite then refuses at once with "database is locked",
whatever the busy timeout. Here every transaction that writes starts with
``BEGIN IMMEDIATE``: the driver (pysqlite, ``isolation_level="IMMEDIATE"``)
emits it right before the transaction's first write, so the writer waits for
the lock (up to the busy timeout) at its start instead of failing half-way,
and holds it only from its first write to its commit. Reads take no lock. When
the lock is still held after the busy timeout, ``retry_on_lock`` rolls the change
back and runs it again, a bounded number of times, so the user sees no error.
``start_write`` takes the lock before a transaction's first read, for a change
that must read what it will write under the lock.

Inside one process the writers also queue at a gate (``WriteGate``) before they
ask SQLite for the lock. SQLite's busy handler does not wake a waiter when the
lock is free: it sleeps and tries again, up to 100 ms at a time, so under a
team's load a writer that came first can lose to later ones again and again
(seconds, measured). At the gate a waiter is woken the moment the writer before
it ends its transaction, and SQLite's own wait is left for other processes.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

T = TypeVar("T")
WRITE: Final = "mgt_write"
# Waits between tries after SQLite's busy timeout, before a write gives up (seconds).
LOCK_RETRIES: Final = (0.05, 0.2, 0.5)
BUSY_TIMEOUT_MS: Final = 5000


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite create its folder and turn on foreign keys and WAL."""
    if database_url.startswith("sqlite"):
        path = database_url.split(":///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        engine = create_engine(database_url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        WriteGate().install(engine)
        return engine
    return create_engine(database_url, pool_pre_ping=True, **kwargs)


def start_write(session: Session) -> None:
    """Start the session's next transaction with the write lock (``BEGIN IMMEDIATE``).

    On SQLite a read-only transaction in progress is ended first (nothing is
    pending, so nothing is lost); a transaction that already writes, or any
    transaction on PostgreSQL (row locks, no file lock), is left as it is.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        if session.connection().get_execution_options().get(WRITE):
            return
        if session.new or session.dirty or session.deleted:
            return
        session.commit()
    session.connection(execution_options={WRITE: True})


def is_lock_error(error: OperationalError) -> bool:
    """Tell whether SQLite refused because another writer held the lock too long."""
    return "locked" in str(error.orig) or "busy" in str(error.orig)


def retry_on_lock(session: Session, action: Callable[[], T]) -> T:
    """Run a change; when SQLite's lock is still held after the busy timeout, try again.

    Each failed try is rolled back whole, so a retry starts clean; the waits are
    bounded (``LOCK_RETRIES``), after which the error goes up as it came.
    """
    for wait in (*LOCK_RETRIES, None):
        try:
            return action()
        except OperationalError as error:
            session.rollback()
            if wait is None or not is_lock_error(error):
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Without these SQLite ignores foreign keys and blocks readers during writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    # The driver's implicit BEGIN before a transaction's first write takes the lock then.
    dbapi_connection.isolation_level = "IMMEDIATE"
    # SQLite's own lower() folds only A–Z; a search for "åsa" must find "Åsa" as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


# A statement the driver starts a write transaction for (``BEGIN IMMEDIATE`` before it).
_WRITES: Final = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_HELD: Final = "mgt_write_gate"


class WriteGate:
    """One write transaction at a time among an engine's connections in this process.

    Taken right before the statement that makes SQLite take its write lock (the
    first write, or ``start_write``'s ``BEGIN IMMEDIATE``), given back when the
    transaction ends however it ends (commit, rollback, the connection returned
    to the pool or thrown away). A writer that waits longer than SQLite's busy
    timeout goes on without it, so the gate never fails what SQLite alone allows.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def install(self, engine: Engine) -> None:
        """Make the engine's writers pass the gate."""
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)
        for name in ("reset", "invalidate", "close", "detach"):
            event.listen(engine.pool, name, self._end_record, named=True)

    def _enter(self, info: dict[Any, Any]) -> None:
        if info.get(_HELD):
            return
        if self._lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            info[_HELD] = True

    def _leave(self, info: dict[Any, Any]) -> None:
        if info.pop(_HELD, False):
            self._lock.release()

    def _before_execute(
        self, connection: Connection, cursor: Any, statement: str, *_args: Any
    ) -> None:
        # Inside a transaction the driver already began, the gate is held (or was passed).
        if _WRITES.match(statement) and not cursor.connection.in_transaction:
            self._enter(connection.info)

    def _begin(self, connection: Connection) -> None:
        # Only for ``start_write``: otherwise the driver begins at the first write.
        if not connection.get_execution_options().get(WRITE):
            return
        self._enter(connection.info)
        try:
            _begin_immediate(connection)
        except BaseException:
            self._leave(connection.info)
            raise

    def _end(self, connection: Connection) -> None:
        self._leave(connection.info)

    def _end_record(self, **event_args: Any) -> None:
        self._leave(event_args["connection_record"].info)


def _begin_immediate(connection: Connection) -> None:
    for wait in (*LOCK_RETRIES, None):
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if wait is None or not is_lock_error(error):
                raise
            time.sleep(wait)
