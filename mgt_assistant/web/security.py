"""CSRF protection (double-submit with a keyed token) and security headers.

The ``mgt_csrf`` cookie holds a random seed; forms and htmx send
HMAC(secret, seed) as ``csrf_token`` or the ``X-CSRF-Token`` header. A site that
cannot read our cookies cannot forge the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "mgt_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)


def csrf_token_for(secret_key: str, seed: str) -> str:
    """Return the token that proves knowledge of the seed cookie."""
    return hmac.new(secret_key.encode(), seed.encode(), hashlib.sha256).hexdigest()


def request_csrf_token(request: Request) -> str:
    """Return the token to embed in this request's forms."""
    seed: str = request.state.csrf_seed
    return csrf_token_for(request.app.state.settings.secret_key, seed)


async def verify_csrf(request: Request) -> None:
    """Refuse a state-changing request without a valid token.

    :raise 403: when the token is missing or wrong.
    """
    if request.method in SAFE_METHODS:
        return
    seed = request.cookies.get(CSRF_COOKIE)
    provided = request.headers.get(CSRF_HEADER)
    if provided is None and "form" in request.headers.get("content-type", ""):
        value = (await request.form()).get(CSRF_FIELD)
        provided = value if isinstance(value, str) else None
    expected = csrf_token_for(request.app.state.settings.secret_key, seed) if seed else None
    if expected is None or provided is None or not hmac.compare_digest(expected, provided):
        raise HTTPException(status_code=403, detail="csrf")


class SecurityMiddleware:
    """Give every browser a CSRF seed cookie and every response safe headers."""

    def __init__(self, app: ASGIApp, *, secure_cookies: bool) -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seed = _cookie(scope, CSRF_COOKIE)
        fresh = seed is None or len(seed) < 32
        if seed is None or fresh:
            seed = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_seed"] = seed

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                if not scope["path"].startswith("/static/"):
                    # Pages carry personal data: never keep them in shared caches.
                    headers.setdefault("Cache-Control", "no-store")
                if fresh:
                    secure = "; Secure" if self.secure_cookies else ""
                    headers.append(
                        "Set-Cookie",
                        f"{CSRF_COOKIE}={seed}; Path=/; HttpOnly; SameSite=Lax{secure}",
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            if name in jar:
                return jar[name].value
    return None
