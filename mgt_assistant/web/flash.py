"""Flash messages: one short Swedish line that survives a redirect and is shown once.

The lines travel in a signed cookie (``mgt_flash``) so a plain form post can
redirect and still tell the user what happened; the next full page shows them
in the layout's status region and clears the cookie. Keep them free of
personal data: the cookie is signed, not encrypted.
"""

from __future__ import annotations

from fastapi import Request
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.responses import RedirectResponse, Response

FLASH_COOKIE = "mgt_flash"
_MAX_LINES = 5


def _serializer(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(request.app.state.settings.secret_key, salt="flash")


def pending(request: Request) -> list[str]:
    """Return the lines waiting for this browser (a tampered cookie counts as none)."""
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return []
    try:
        lines = _serializer(request).loads(raw)
    except BadSignature:
        return []
    if not isinstance(lines, list):
        return []
    return [line for line in lines if isinstance(line, str)][:_MAX_LINES]


def flash(request: Request, response: Response, text: str) -> None:
    """Add a line to show on the browser's next full page."""
    lines = [*pending(request), text[:300]][-_MAX_LINES:]
    response.set_cookie(
        FLASH_COOKIE,
        _serializer(request).dumps(lines),
        httponly=True,
        samesite="lax",
        secure=bool(request.app.state.settings.https),
    )


def redirect(request: Request, url: str, text: str | None = None) -> Response:
    """Answer a form post with 303 to ``url``, carrying a flash line when given."""
    response = RedirectResponse(url, status_code=303)
    if text:
        flash(request, response, text)
    return response


def shown(request: Request, response: Response) -> None:
    """Clear the lines a full page has just shown."""
    if request.cookies.get(FLASH_COOKIE):
        response.delete_cookie(FLASH_COOKIE, httponly=True, samesite="lax")
