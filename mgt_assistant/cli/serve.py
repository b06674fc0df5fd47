"""`mgt-assistant serve`: run the web app with uvicorn."""

from __future__ import annotations

import argparse

from mgt_assistant.cli.common import CliError
from mgt_assistant.cli.config import load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the serve command."""
    parser = subparsers.add_parser("serve", help="starta webbtjänsten")
    parser.add_argument("--host", help="adress att lyssna på (standard MGT_HOST)")
    parser.add_argument("--port", type=int, help="port (standard MGT_PORT)")
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    import uvicorn

    from mgt_assistant.domain.rules import RuleSetError
    from mgt_assistant.web.app import create_app

    settings = load_settings()
    try:
        app = create_app(settings)
    except RuleSetError as error:
        lines = str(error).splitlines()
        more = (
            f" (och {len(lines) - 1} fel till; kör 'mgt-assistant rules check')"
            if len(lines) > 1
            else ""
        )
        raise CliError(f"regelverket har fel, startar inte: {lines[0]}{more}") from None
    except ValueError as error:
        raise CliError(str(error)) from None
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"MGT-assistenten svarar på http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    return 0
