"""The start page, the health check and the areas that are still to come."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from mgt_assistant.web.deps import CurrentUser, RulesReader
from mgt_assistant.web.rendering import View, render

router = APIRouter()


@dataclass(frozen=True)
class ComingSoonView(View):
    """An area that arrives with a later issue."""

    description: str


@router.get("/healthz")
def healthz() -> Response:
    """Tell a load balancer that the process answers."""
    return PlainTextResponse("ok")


@router.get("/")
def start_page(request: Request, user: CurrentUser) -> Response:
    """Show the start page for the user's role."""
    return render(request, "home/index.html", View("Start"))


def _coming_soon(request: Request, title: str, description: str) -> Response:
    return render(request, "home/coming_soon.html", ComingSoonView(title, description))


@router.get("/uppfoljning")
def follow_up(request: Request, user: RulesReader) -> Response:
    """Follow-up of results: arrives with its own issue."""
    return _coming_soon(
        request,
        "Uppföljning",
        "Här följer styrgruppen resultaten 6 och 12 månader efter avslut.",
    )
