"""The application factory: nothing reads the environment or connects at import time."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from mgt_assistant.db.engine import make_engine
from mgt_assistant.paths import STATIC_DIR
from mgt_assistant.services.rule_versions import ensure_initial_version
from mgt_assistant.settings import Settings, get_settings
from mgt_assistant.web import (
    admin,
    admin_data,
    applications,
    audit_log,
    auth,
    followup,
    home,
    meeting_edits,
    meeting_scenario,
    meeting_unmet,
    meetings,
    rule_review,
    rule_sets,
    rule_versions,
)
from mgt_assistant.web.active_rules import load_active_rules
from mgt_assistant.web.bounds import bounded_integers
from mgt_assistant.web.errors import ErrorBoundary, install_error_handlers
from mgt_assistant.web.rendering import compile_templates
from mgt_assistant.web.security import SecurityMiddleware, verify_csrf, verify_origin

# Every area's router; the authorization test walks these.
ROUTERS = (
    auth.router,
    home.router,
    admin.router,
    admin_data.router,
    audit_log.router,
    applications.router,
    meetings.router,
    meeting_edits.router,
    meeting_unmet.router,
    meeting_scenario.router,
    rule_sets.router,
    rule_versions.router,
    rule_review.router,
    followup.router,
)


def create_app(settings: Settings | None = None, *, freeze_at_start: bool = True) -> FastAPI:
    """Build the web app for these settings (default: from the environment).

    ``freeze_at_start`` keeps what start-up loaded out of the collector's full passes;
    the tests, which start an app hundreds of times in one process, turn it off (a full
    collection of their large heap costs ~0.2 s per start).
    """
    settings = settings or get_settings()
    settings.check_secret()
    # Refuse to start on a broken rules folder: RuleSetError names file:line for each error.
    load_active_rules(settings.rules_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A database error's text then names no parameter values (they may be health text).
        # First start: the shipped rules become the first version, approved in demo mode
        # only; otherwise the steering group approves them under Regelverk. A short-lived
        # engine of its own leaves no connection behind in the app's pool.
        # The settings are read from the app at each start (not from this closure), so that
        # the tests can start one app on the database of each test.
        current: Settings = app.state.settings
        first_start = make_engine(current.database_url, hide_parameters=True)
        try:
            with Session(first_start) as session:
                ensure_initial_version(session, current.rules_dir, approve=current.demo)
        finally:
            first_start.dispose()
        app.state.engine = make_engine(current.database_url, hide_parameters=True)
        # A team arriving at once must not wait while the first requests compile them.
        compile_templates()
        # What start-up loaded (rule sets, lexicons, templates) lives as long as the
        # process: kept out of the collector's full passes, which otherwise stall a
        # request every few (about 100 ms on the XLSX export).
        if freeze_at_start:
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            # Handed back to the collector: an app started and stopped many times must
            # not keep every start's objects for ever.
            if freeze_at_start:
                gc.unfreeze()
            app.state.engine.dispose()

    app = FastAPI(
        title="MGT-assistenten",
        lifespan=lifespan,
        dependencies=[Depends(verify_origin), Depends(verify_csrf), Depends(bounded_integers)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.add_middleware(SecurityMiddleware, https=settings.https)
    # Added last, so outermost: every error below it becomes a Swedish page and one log line.
    app.add_middleware(ErrorBoundary)
    if settings.trusted_proxy_list:
        # Outside everything: the real client address is known before anything reads it.
        # The server itself trusts no forwarded header (serve passes proxy_headers=False).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    return app
