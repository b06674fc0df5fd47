"""Run Alembic migrations from code: used by the CLI, `make run` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """Build the Alembic configuration without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Alembic interpolates '%' in options; URLs with escaped characters need doubling.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(database_url), revision)
