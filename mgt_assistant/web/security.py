"""CSRF protection (double-submit with a keyed token, an Origin check) and security headers.

The ``mgt_csrf`` cookie holds a random seed; forms and htmx send
HMAC(secret, seed) as ``csrf_token`` or the ``X-CSRF-Token`` header. A site that
cannot read our cookies cannot forge the token. The seed is replaced at log-in
and log-out, so a seed planted before log-in is worth nothing after it. Behind
https the browser's ``Origin`` (or ``Referer``) must also name this site.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "mgt_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)
# One year, as the HSTS preload list asks; only sent when the instance is served over https.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
# "same-origin", not "no-referrer": with no-referrer a browser sends "Origin: null" on
# our own form posts, and the Origin check could not tell them from a forged one.
REFERRER_POLICY = "same-origin"


def new_csrf_seed() -> str:
    """Return a fresh random seed for the CSRF cookie."""
    return secrets.token_urlsafe(32)


def _seed_cookie(seed: str, *, https: bool) -> str:
    secure = "; Secure" if https else ""
    return f"{CSRF_COOKIE}={seed}; Path=/; HttpOnly; SameSite=Lax{secure}"


def rotate_csrf(response: Response, *, https: bool) -> None:
    """Give the browser a new CSRF seed with this response (at log-in and log-out)."""
    response.headers.append("Set-Cookie", _seed_cookie(new_csrf_seed(), https=https))


def csrf_token_for(secret_key: str, seed: str) -> str:
    """Return the token that proves knowledge of the seed cookie."""
    return hmac.new(secret_key.encode(), seed.encode(), hashlib.sha256).hexdigest()


def request_csrf_token(request: Request) -> str:
    """Return the token to embed in this request's forms."""
    seed: str = request.state.csrf_seed
    return csrf_token_for(request.app.state.settings.secret_key, seed)


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


async def verify_origin(request: Request) -> None:
    """Behind https, refuse a state-changing request that another site started.

    The browser's ``Origin`` header (or, when absent, the ``Referer``) must be
    this site. A request with neither (an old browser, a script) still needs
    the CSRF token.

    :raise 403: "cross-site" when the origin is another site or "null".
    """
    if request.method in SAFE_METHODS or not request.app.state.settings.https:
        return
    own = f"https://{request.headers.get('host', '')}".lower()
    origin = request.headers.get("origin")
    if origin is not None:
        claimed = origin.strip().lower()
    else:
        referer = request.headers.get("referer")
        if referer is None:
            return
        claimed = _origin_of(referer) or "null"
    if claimed != own:
        raise HTTPException(status_code=403, detail="cross-site")


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

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seed = _cookie(scope, CSRF_COOKIE)
        fresh = seed is None or len(seed) < 32
        if seed is None or fresh:
            seed = new_csrf_seed()
        scope.setdefault("state", {})["csrf_seed"] = seed

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", REFERRER_POLICY)
                headers.setdefault("X-Frame-Options", "DENY")
                if self.https:
                    headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
                if not scope["path"].startswith("/static/"):
                    # Pages carry personal data: never keep them in shared caches.
                    headers.setdefault("Cache-Control", "no-store")
                rotated = any(
                    value.startswith(f"{CSRF_COOKIE}=") for value in headers.getlist("set-cookie")
                )
                if fresh and not rotated:
                    headers.append("Set-Cookie", _seed_cookie(seed, https=self.https))
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
