"""Settings for CLI commands, with configuration faults as one Swedish line."""

from __future__ import annotations

from pydantic import ValidationError

from mgt_assistant.cli.common import CliError
from mgt_assistant.settings import Settings


def load_settings() -> Settings:
    """Read the settings from the environment.

    :raise CliError: when a variable has a value that cannot be used.
    """
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        field = "MGT_" + str(first["loc"][0]).upper() if first["loc"] else "MGT_*"
        raise CliError(f"ogiltig inställning {field}: {first['msg']}") from None
