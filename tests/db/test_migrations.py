"""Migrations create the same schema on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect

from mgt_assistant.db.migrate import upgrade

pytestmark = pytest.mark.db


def test_upgrade_creates_the_tables(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"user", "auth_session", "login_attempt", "audit_event", "alembic_version"} <= tables


def test_upgrade_is_idempotent(database_url: str, engine: Engine) -> None:
    upgrade(database_url)
    assert "user" in inspect(engine).get_table_names()


def test_models_and_migrations_agree(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import mgt_assistant.db.models  # noqa: F401

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
