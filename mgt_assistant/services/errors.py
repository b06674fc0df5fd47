"""What a use case refuses with; the web layer turns these into 404 and 403.

``ServiceError`` (ValueError) carries one Swedish sentence for the user;
``NotFound`` (LookupError) and ``AccessDenied`` (PermissionError) carry none.
"""

from __future__ import annotations


class ServiceError(ValueError):
    """The change is not allowed now; the message is one Swedish sentence for the user."""


class NotFound(LookupError):
    """There is no such thing, or the user may not know that it exists."""


class AccessDenied(PermissionError):
    """The user may know the thing exists but not see or change it; ``notice`` says why."""

    def __init__(self, notice: str | None = None) -> None:
        super().__init__(notice or "")
        self.notice = notice
