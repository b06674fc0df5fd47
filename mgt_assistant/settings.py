"""The one settings object, read from ``MGT_*`` environment variables when asked for."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

from mgt_assistant.domain.retention import RetentionPolicy
from mgt_assistant.paths import DEFAULT_RULES_DIR, VAR_DIR

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'mgt.sqlite3'}"
DEV_SECRET_KEY = "dev-only-secret-key-not-for-production"
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", DEV_SECRET_KEY})
MIN_SECRET_LENGTH = 32
MAX_RETENTION_DAYS = 3650
MIN_POLL_SECONDS, MAX_POLL_SECONDS = 0.5, 60.0


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
    # Failed log-ins allowed within the window: for one name from one address, for one
    # account from any address (spraying from many addresses), and for one address
    # across all names (spraying one password over many accounts).
    login_attempts_per_window: int = 5
    login_attempts_per_account: int = 10
    login_attempts_per_address: int = 20
    login_window_seconds: int = 300
    # Reverse proxies whose X-Forwarded-For/-Proto are believed: addresses or networks,
    # comma-separated ("127.0.0.1,10.0.0.0/8"). Empty: the headers are ignored.
    trusted_proxies: str = ""
    # Web server processes; more than one needs PostgreSQL.
    workers: int = Field(default=1, ge=1, le=64)
    # How often an open meeting page asks for what other screens changed, in seconds
    # (0.5–60). Shorter follows faster and costs the server more requests.
    poll_seconds: float = 2.0
    # Gallring: days a case's personal data is kept after each kind of end. The data
    # controller (the kommun or region running the team) decides these in its
    # dokumenthanteringsplan; the defaults are a cautious start (docs/data-protection.md).
    retention_draft_days: int = 90
    retention_not_relevant_days: int = 90
    retention_revoked_days: int = 30
    retention_closed_after_follow_up_days: int = 30
    retention_closed_max_days: int = 730

    @model_validator(mode="after")
    def _demo_secret(self) -> Self:
        if self.demo and not self.secret_key:
            self.secret_key = DEV_SECRET_KEY
        return self

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        for entry in (part.strip() for part in value.split(",")):
            try:
                if entry:
                    ipaddress.ip_network(entry, strict=False)
            except ValueError:
                # A custom error keeps pydantic's "Value error, " prefix out of the message.
                raise PydanticCustomError(
                    "proxy", "'{entry}' är ingen IP-adress eller nätadress", {"entry": entry}
                ) from None
        return value

    @field_validator(
        "retention_draft_days",
        "retention_not_relevant_days",
        "retention_revoked_days",
        "retention_closed_after_follow_up_days",
        "retention_closed_max_days",
        mode="before",
    )
    @classmethod
    def _days(cls, value: object) -> object:
        # Checked here so that a wrong value gives one Swedish line, not pydantic's English.
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_RETENTION_DAYS:
            raise PydanticCustomError(
                "days",
                "'{value}' är inget antal dagar från 1 till {most}",
                {"value": text[:20], "most": MAX_RETENTION_DAYS},
            )
        return int(text)

    @field_validator("poll_seconds", mode="before")
    @classmethod
    def _poll(cls, value: object) -> object:
        text = str(value).strip().replace(",", ".")
        try:
            seconds = float(text)
        except ValueError:
            seconds = 0.0
        if not MIN_POLL_SECONDS <= seconds <= MAX_POLL_SECONDS:
            raise PydanticCustomError(
                "poll",
                "'{value}' är inget antal sekunder från 0,5 till 60",
                {"value": text[:20]},
            )
        return seconds

    @property
    def poll_ms(self) -> int:
        """Return the meeting page's poll interval in whole milliseconds (for htmx)."""
        return round(self.poll_seconds * 1000)

    @property
    def trusted_proxy_list(self) -> list[str]:
        """Return the trusted proxies' addresses and networks."""
        return [entry.strip() for entry in self.trusted_proxies.split(",") if entry.strip()]

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
    def retention_policy(self) -> RetentionPolicy:
        """Return the gallring periods these settings give."""
        return RetentionPolicy(
            draft_days=self.retention_draft_days,
            not_relevant_days=self.retention_not_relevant_days,
            revoked_days=self.retention_revoked_days,
            closed_after_follow_up_days=self.retention_closed_after_follow_up_days,
            closed_max_days=self.retention_closed_max_days,
        )

    @property
    def is_sqlite(self) -> bool:
        """Tell whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """Read the settings from the environment once per process."""
    return Settings()
