"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, app, client, users.

Every test that asks for ``database_url`` (directly or through ``app``/``client``)
runs once per backend in ``MGT_TEST_BACKENDS`` (default ``sqlite,postgresql``).
Each backend is migrated once into a template; each test gets its own copy.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# The app, the ORM and the migrations are imported where a fixture first needs them:
# with xdist the controlling process loads this file too, and runs no test (importing
# them here cost it ~2.5 s before the workers could start).
if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from sqlalchemy import Engine
    from sqlmodel import Session

    from mgt_assistant.db.models import Role, User
    from mgt_assistant.settings import Settings

BACKENDS = [
    name.strip()
    for name in os.environ.get("MGT_TEST_BACKENDS", "sqlite,postgresql").split(",")
    if name.strip()
]
POSTGRES_ADMIN_URL = os.environ.get(
    "MGT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TEST_SECRET = "test-secret-key-" + "x" * 32
TEST_PASSWORD = "testlosenord-123"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Walk the whole heap a hundred times less often than Python's default.

    A test process holds a large heap that lives as long as it does (every collected
    test, the compiled lexicons and rule sets, templates, SQLAlchemy's caches), and each
    full collection walked all of it: ~0.2 s each, 6-9 s of a worker's run, while the
    tests make little cyclic garbage (a worker grows from ~260 to ~320 MB). The app
    itself keeps its start-up heap out of full collections with ``gc.freeze``.
    """
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> None:
    """Hash passwords cheaply: production argon2 costs ~50 ms a hash, the tests log in
    hundreds of times. The parameters are the tests' only: the app never calls this."""
    from argon2 import PasswordHasher

    from mgt_assistant.db import users

    users.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session", autouse=True)
def _rule_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the CLI's compiled rule-set cache inside the test run, not in ~/.cache."""
    previous = os.environ.get("MGT_CACHE_DIR")
    os.environ["MGT_CACHE_DIR"] = str(tmp_path_factory.mktemp("mgt-cache"))
    yield
    if previous is None:
        os.environ.pop("MGT_CACHE_DIR", None)
    else:
        os.environ["MGT_CACHE_DIR"] = previous


def _postgres_url(database: str) -> str:
    return re.sub(r"/[^/]*$", f"/{database}", POSTGRES_ADMIN_URL)


# The tests' databases are thrown away: a commit need not wait for the disk. On
# PostgreSQL the session setting rides in the URL; SQLite files live in memory-backed
# /dev/shm where there is one.
_NO_FLUSH = "?options=-c%20synchronous_commit%3Doff"
_SHM = Path("/dev/shm")


def _test_url(database: str) -> str:
    return _postgres_url(database) + _NO_FLUSH


# One engine per database and options for the test process. SQLAlchemy keeps compiled
# SQL per engine: an engine per test (and the app's two at each start) compiled every
# statement again in every test. Each test's SQLite file therefore has one path per
# process, and the engines on a database are disposed (their pools emptied, their
# compiled SQL kept) before the next test's copy replaces it.
_engines: dict[tuple[str, str], Engine] = {}


def shared_engine(database_url: str, **kwargs: Any) -> Engine:
    """Return this process's engine on the database (``make_engine`` for the tests)."""
    from mgt_assistant.db.engine import make_engine

    key = (database_url, repr(sorted(kwargs.items())))
    engine = _engines.get(key)
    if engine is None:
        engine = make_engine(database_url, **kwargs)
        if engine.dialect.name == "postgresql":
            # Its connections outlive the test (and the app's dispose at each stop): a
            # new pool per test started ~4 server processes a test, each loading the
            # catalogue and preparing every statement anew. Emptying the database
            # between tests ends only connections still inside a transaction.
            engine.dispose = _keep_connections  # type: ignore[method-assign]
        _engines[key] = engine
    return engine


def _keep_connections(close: bool = True) -> None:
    """Leave a PostgreSQL test engine's pool as it is (see ``shared_engine``)."""


def _release(database_url: str, *, forget: bool = False) -> None:
    """Close every connection of this process's engines on the database."""
    from sqlalchemy import Engine

    for key in [key for key in _engines if key[0] == database_url]:
        engine = _engines.pop(key) if forget else _engines[key]
        Engine.dispose(engine)


def _admin_engine() -> Engine:
    from sqlalchemy import create_engine

    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


class _Templates:
    """Migrated template databases, made once per test session."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.scratch_dir: Path | None = None
        self.sqlite_file: Path | None = None
        self.sqlite_ruled_file: Path | None = None
        self.postgres_name: str | None = None
        self.pool_name: str | None = None

    def scratch(self) -> Path:
        """Return the folder for the tests' SQLite files (in memory where possible)."""
        if self.scratch_dir is None:
            base = _SHM if _SHM.is_dir() and os.access(_SHM, os.W_OK) else self.root
            self.scratch_dir = Path(tempfile.mkdtemp(prefix="mgt-test-", dir=base))
        return self.scratch_dir

    def sqlite(self) -> Path:
        from mgt_assistant.db.migrate import upgrade

        if self.sqlite_file is None:
            path = self.root / "template.sqlite3"
            upgrade(f"sqlite:///{path}")
            self.sqlite_file = path
        return self.sqlite_file

    def sqlite_ruled(self) -> Path:
        """Return the template with the shipped rules stored and approved (see ``app``)."""
        from sqlmodel import Session

        from mgt_assistant.db.engine import make_engine
        from mgt_assistant.services.rule_versions import ensure_initial_version

        if self.sqlite_ruled_file is None:
            path = self.root / "template-ruled.sqlite3"
            shutil.copyfile(self.sqlite(), path)
            engine = make_engine(f"sqlite:///{path}")
            with Session(engine) as session:
                ensure_initial_version(session, _base_settings().rules_dir, approve=True)
            # The last connection's close folds the write-ahead log into the file.
            engine.dispose()
            self.sqlite_ruled_file = path
        return self.sqlite_ruled_file

    def postgres(self) -> str:
        from sqlalchemy import text

        from mgt_assistant.db.migrate import upgrade

        if self.postgres_name is None:
            name = f"mgt_test_tpl_{uuid.uuid4().hex[:10]}"
            engine = _admin_engine()
            try:
                with engine.connect() as connection:
                    connection.execute(text(f'CREATE DATABASE "{name}"'))
            except Exception as error:
                pytest.exit(
                    f"PostgreSQL på {POSTGRES_ADMIN_URL} svarar inte ({type(error).__name__}); "
                    "starta den eller sätt MGT_TEST_BACKENDS=sqlite",
                    returncode=3,
                )
            finally:
                engine.dispose()
            upgrade(_postgres_url(name))
            self.postgres_name = name
        return self.postgres_name

    def pool(self) -> str:
        """Return this process's reusable database, copied from the template once."""
        if self.pool_name is None:
            self.pool_name = _copy_of(self.postgres())
        return self.pool_name

    def drop(self) -> None:
        if self.scratch_dir is not None:
            shutil.rmtree(self.scratch_dir, ignore_errors=True)
        for engine, _ in _emptying.values():
            engine.dispose()
        for url in {url for url, _ in _engines}:
            _release(url, forget=True)
        for name in (self.pool_name, self.postgres_name):
            if name is not None:
                _drop_postgres(name)


def _copy_of(template: str) -> str:
    from sqlalchemy import text

    name = f"mgt_test_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(
            text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        )
    engine.dispose()
    return name


# One autocommit engine per pooled database, kept for the process: connecting anew to
# empty it after every test cost a PostgreSQL backend start each time.
_emptying: dict[str, tuple[Engine, str]] = {}


def _emptying_script(engine: Engine) -> str:
    """Return one script that deletes every row and restarts every sequence.

    DELETE with the foreign-key triggers off (``session_replication_role``) empties the
    tests' few rows in well under a millisecond; TRUNCATE of the same tables made new
    files for every table and index, ~150 ms a test.
    """
    from sqlalchemy import text

    with engine.connect() as connection:
        tables = connection.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' ORDER BY tablename"
            )
        ).scalars()
        deletes = " ".join(f'DELETE FROM "{table}";' for table in tables)
        sequences = connection.execute(
            text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
        ).scalars()
        restarts = " ".join(f"SELECT setval('\"{seq}\"', 1, false);" for seq in sequences)
    return f"BEGIN; SET LOCAL session_replication_role = replica; {deletes} {restarts} COMMIT;"


def _empty(name: str) -> None:
    """Empty every table of a pooled database, as fresh as a new copy but much faster."""
    from sqlalchemy import create_engine, text

    if name not in _emptying:
        engine = create_engine(_test_url(name), isolation_level="AUTOCOMMIT")
        _emptying[name] = (engine, _emptying_script(engine))
    engine, script = _emptying[name]
    with engine.connect() as connection:
        # A connection a test left inside a transaction would hold locks that the
        # deletes wait for; idle ones hold none and stay for the next test.
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid() AND state <> 'idle'"
            ),
            {"name": name},
        )
        # Several statements in one round trip: psycopg's simple query protocol.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute(script)


def _drop_postgres(name: str) -> None:
    from sqlalchemy import text

    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    """Provide the migrated templates and drop them at the end."""
    templates = _Templates(tmp_path_factory.mktemp("db-templates"))
    yield templates
    templates.drop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, database_templates: _Templates) -> Iterator[str]:
    """Yield the URL of an empty, migrated database of one backend.

    SQLite: a copy of the migrated template per test. PostgreSQL: one database per test
    process, emptied after each test (creating a database costs ~250 ms, emptying one
    ~20 ms); tests marked ``fresh_database`` get a copy of their own.
    """
    backend: str = request.param
    if backend == "sqlite":
        path = database_templates.scratch() / "test.sqlite3"
        # A test of the app starts where ``app`` would bring it: the shipped rules stored
        # and approved, copied with the file rather than stored again (~20 ms a test).
        ruled = "app" in request.fixturenames
        template = database_templates.sqlite_ruled() if ruled else database_templates.sqlite()
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
        yield url
        _release(url)
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        return
    if request.node.get_closest_marker("fresh_database") is not None:
        # Tests that migrate up and down get a database of their own.
        name = _copy_of(database_templates.postgres())
        yield _test_url(name)
        _release(_test_url(name), forget=True)
        _drop_postgres(name)
        return
    pooled = database_templates.pool()
    yield _test_url(pooled)
    _empty(pooled)


@cache
def _base_settings() -> Settings:
    """Read from the environment once: a Settings() per test re-read it (~5 ms each)."""
    from mgt_assistant.settings import Settings

    return Settings(database_url="sqlite://", secret_key=TEST_SECRET, demo=False)


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for a test instance on the fresh database."""
    return _base_settings().model_copy(update={"database_url": database_url})


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database for arranging and checking data."""
    # Closed with the database (``database_url``), kept between tests on PostgreSQL.
    yield shared_engine(database_url)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session on the test database."""
    from sqlmodel import Session

    with Session(engine) as session:
        yield session


@pytest.fixture(scope="session")
def shared_app() -> FastAPI:
    """One app per test process, started on each test's database by ``app``.

    A new FastAPI app builds every route's dependency tree again on its first requests
    (~0.2 s for a test that visits a few areas); the app's start reads its settings from
    ``app.state``, so one app serves every test's database.
    """
    from mgt_assistant.web import app

    # The app's start takes its engines from this process's (see ``shared_engine``).
    app.make_engine = shared_engine  # type: ignore[attr-defined]
    return app.create_app(_base_settings(), freeze_at_start=False)


@pytest.fixture
def app(settings: Settings, shared_app: FastAPI) -> Iterator[FastAPI]:
    """The web app on the test database (unexpected errors reach pytest with their traceback).

    The shipped rules are stored as an approved version in force, as a steering group
    would have left them; tests of the lifecycle build their app without this. Each test
    gets the app as a fresh one would be: its settings, no overrides, errors re-raised.
    """
    from sqlmodel import Session

    from mgt_assistant.services.rule_versions import ensure_initial_version

    with Session(shared_engine(settings.database_url)) as session:
        ensure_initial_version(session, settings.rules_dir, approve=True)
    shared_app.state.settings = settings
    shared_app.state.reraise_errors = True
    shared_app.dependency_overrides.clear()
    yield shared_app
    shared_app.dependency_overrides.clear()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A browser-like client (runs the app's lifespan)."""
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


UserFactory = Callable[..., "User"]


@pytest.fixture
def make_user(db: Session) -> UserFactory:
    """Create users: ``make_user(Role.MGT, party="region")``."""
    from mgt_assistant.db import users
    from mgt_assistant.db.models import Role

    counter = iter(range(1, 10_000))

    def factory(role: Role = Role.MGT, **fields: Any) -> User:
        number = next(counter)
        party = fields.pop("party", "kommun" if role is Role.REMITTENT else None)
        return users.create_user(
            db,
            username=fields.pop("username", f"{role.value}{number}"),
            password=fields.pop("password", TEST_PASSWORD),
            role=role,
            display_name=fields.pop("display_name", f"Testperson {number}"),
            party=party,
            **fields,
        )

    return factory


# Where the test client keeps the app's cookies (host "testserver", as the cookie jar
# names a host without a dot): a cookie set here is the one the app sets and deletes.
_CLIENT_COOKIE_DOMAIN = "testserver.local"


def _set_cookie(client: TestClient, name: str, value: str) -> None:
    client.cookies.set(name, value, domain=_CLIENT_COOKIE_DOMAIN)


def csrf_token(client: TestClient) -> str:
    """Return the CSRF token for the client's seed cookie, giving it one if it has none.

    A browser gets its seed with its first page; the app accepts any seed of full length
    whose token matches it (``web.security.verify_csrf``; refusals: tests/web/test_auth.py).
    """
    from mgt_assistant.web.security import CSRF_COOKIE, csrf_token_for, new_csrf_seed

    if CSRF_COOKIE not in client.cookies:
        _set_cookie(client, CSRF_COOKIE, new_csrf_seed())
    return csrf_token_for(TEST_SECRET, client.cookies[CSRF_COOKIE])


def log_in(client: TestClient, user: User, password: str = TEST_PASSWORD) -> None:
    """Log the client in as ``user``: the login service's session, in the cookies the
    login form's answer sets (a session cookie and a new CSRF seed).

    The form itself (its redirects, refusals and throttling) is tested through HTTP in
    tests/web/test_auth.py, test_account.py and test_login_throttle.py.
    """
    from sqlmodel import Session

    from mgt_assistant.services import login as logins
    from mgt_assistant.web.deps import SESSION_COOKIE
    from mgt_assistant.web.security import CSRF_COOKIE, new_csrf_seed

    app = client.app
    with Session(app.state.engine) as session:  # type: ignore[attr-defined]
        done = logins.log_in(
            session,
            username=user.username,
            password=password,
            client="testclient",
            settings=app.state.settings,  # type: ignore[attr-defined]
        )
    assert isinstance(done, logins.LoggedIn), done
    _set_cookie(client, SESSION_COOKIE, done.token)
    _set_cookie(client, CSRF_COOKIE, new_csrf_seed())


@pytest.fixture
def logged_in(client: TestClient, make_user: UserFactory) -> Callable[..., User]:
    """Log the client in as a new user of a role: ``logged_in(Role.ADMIN)``."""
    from mgt_assistant.db.models import Role

    def login_as(role: Role = Role.MGT, **fields: Any) -> User:
        user = make_user(role, **fields)
        log_in(client, user)
        return user

    return login_as


_backend_counts: dict[str, int] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the tests that ran on each database backend."""
    if report.when != "call":
        return
    for backend in BACKENDS:
        if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
            _backend_counts[backend] = _backend_counts.get(backend, 0) + 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say which databases the suite ran on."""
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    ran = ", ".join(
        f"{names.get(backend, backend)} ({_backend_counts.get(backend, 0)} tester)"
        for backend in BACKENDS
    )
    terminalreporter.write_line(f"Databaser: {ran}")
