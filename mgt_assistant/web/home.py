"""The start page and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from mgt_assistant.web.deps import CurrentUser
from mgt_assistant.web.rendering import View, render

router = APIRouter()


@router.get("/healthz")
def healthz() -> Response:
    """Tell a load balancer that the process answers."""
    return PlainTextResponse("ok")


@router.get("/")
def start_page(request: Request, user: CurrentUser) -> Response:
    """Show the start page for the user's role."""
    return render(request, "home/index.html", View("Start"))
