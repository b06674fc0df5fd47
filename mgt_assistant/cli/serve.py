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
    parser.add_argument(
        "--workers",
        type=int,
        help="antal serverprocesser (standard MGT_WORKERS; fler än 1 kräver PostgreSQL)",
    )
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
    workers = check_workers(args.workers or settings.workers, sqlite=settings.is_sqlite)
    print(f"MGT-assistenten svarar på http://{host}:{port}", flush=True)
    # The app reads X-Forwarded-* itself, and only from MGT_TRUSTED_PROXIES;
    # uvicorn would otherwise believe them from 127.0.0.1 by default.
    target: object = app
    if workers > 1:
        # Each worker process builds its own app from the same environment.
        target = "mgt_assistant.web.app:create_app"
    uvicorn.run(
        target,  # type: ignore[arg-type]
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        server_header=False,
    )
    return 0


def check_workers(workers: int, *, sqlite: bool) -> int:
    """Return the worker count, refusing more than one on SQLite.

    :raise CliError: in Swedish for a count below 1, or above 1 on SQLite.
    """
    if workers < 1:
        raise CliError("--workers måste vara minst 1")
    if workers > 1 and sqlite:
        raise CliError(
            f"{workers} serverprocesser kräver PostgreSQL (MGT_DATABASE_URL); "
            "SQLite klarar bara en process som skriver"
        )
    return workers
