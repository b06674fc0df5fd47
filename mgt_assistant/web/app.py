"""The application factory: nothing reads the environment or connects at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from mgt_assistant.db.engine import make_engine
from mgt_assistant.paths import STATIC_DIR
from mgt_assistant.settings import Settings, get_settings
from mgt_assistant.web import (
    admin,
    applications,
    auth,
    followup,
    home,
    meeting_edits,
    meetings,
    rule_sets,
)
from mgt_assistant.web.active_rules import load_active_rules
from mgt_assistant.web.errors import install_error_handlers
from mgt_assistant.web.security import SecurityMiddleware, verify_csrf

# Every area's router; the authorization test walks these.
ROUTERS = (
    auth.router,
    home.router,
    admin.router,
    applications.router,
    meetings.router,
    meeting_edits.router,
    rule_sets.router,
    followup.router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app for these settings (default: from the environment)."""
    settings = settings or get_settings()
    settings.check_secret()
    # Refuse to start on a broken rule set: RuleSetError names file:line for each error.
    active_rules = load_active_rules(settings.rules_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = make_engine(settings.database_url)
        try:
            yield
        finally:
            app.state.engine.dispose()

    app = FastAPI(
        title="MGT-assistenten",
        lifespan=lifespan,
        dependencies=[Depends(verify_csrf)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.rules = active_rules
    app.add_middleware(SecurityMiddleware, secure_cookies=settings.https)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    return app
