"""The one settings object, read from ``MGT_*`` environment variables when asked for."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mgt_assistant.paths import DEFAULT_RULES_DIR, VAR_DIR

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'mgt.sqlite3'}"
DEV_SECRET_KEY = "dev-only-secret-key-not-for-production"
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", DEV_SECRET_KEY})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Configuration of one running instance."""

    model_config = SettingsConfigDict(env_prefix="MGT_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    demo: bool = False
    rules_dir: Path = DEFAULT_RULES_DIR
    host: str = "127.0.0.1"
    port: int = 8000
    # Cookies are marked Secure when the instance is served over https.
    https: bool = False
    session_max_age_seconds: int = 8 * 60 * 60
    login_attempts_per_window: int = 5
    login_window_seconds: int = 300

    @model_validator(mode="after")
    def _demo_secret(self) -> Self:
        if self.demo and not self.secret_key:
            self.secret_key = DEV_SECRET_KEY
        return self

    def check_secret(self) -> None:
        """Refuse a missing or placeholder secret outside demo mode.

        :raise ValueError: with a Swedish message.
        """
        if self.demo:
            return
        if (
            self.secret_key.strip().lower() in PLACEHOLDER_SECRETS
            or len(self.secret_key) < MIN_SECRET_LENGTH
        ):
            raise ValueError(
                "MGT_SECRET_KEY måste vara en slumpmässig hemlighet på minst "
                f"{MIN_SECRET_LENGTH} tecken (eller sätt MGT_DEMO=1 för demoläge)"
            )

    @property
    def is_sqlite(self) -> bool:
        """Tell whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """Read the settings from the environment once per process."""
    return Settings()
