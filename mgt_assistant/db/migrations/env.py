"""Alembic environment: migrate the database named in the configuration."""

from alembic import context
from sqlalchemy import pool
from sqlmodel import SQLModel

from mgt_assistant.db import models  # noqa: F401  (registers the tables)
from mgt_assistant.db.engine import make_engine

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Migrate online; render batch operations so SQLite can alter tables."""
    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("sqlalchemy.url is not set")
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
