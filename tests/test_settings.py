"""Settings: environment prefix, SQLite default, the secret rule."""

from __future__ import annotations

import pytest

from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app


def test_defaults_to_the_embedded_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MGT_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("var/mgt.sqlite3")


def test_reads_mgt_prefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert Settings().database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize("secret", ["", "changeme", "kort"])
def test_refuses_placeholder_secret_outside_demo(secret: str) -> None:
    with pytest.raises(ValueError, match="MGT_SECRET_KEY"):
        create_app(Settings(secret_key=secret, demo=False))


def test_demo_mode_needs_no_secret() -> None:
    app = create_app(Settings(secret_key="", demo=True))
    assert app.state.settings.secret_key


@pytest.mark.parametrize(
    ("value", "ms"), [("2", 2000), ("0,5", 500), ("1.25", 1250), ("60", 60000)]
)
def test_the_meeting_poll_interval_is_read_in_seconds(
    monkeypatch: pytest.MonkeyPatch, value: str, ms: int
) -> None:
    monkeypatch.setenv("MGT_POLL_SECONDS", value)
    assert Settings().poll_ms == ms


@pytest.mark.parametrize("value", ["0.1", "61", "två", ""])
def test_a_poll_interval_outside_half_a_second_to_a_minute_is_refused_in_swedish(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MGT_POLL_SECONDS", value)
    with pytest.raises(ValueError, match="är inget antal sekunder från 0,5 till 60"):
        Settings()
