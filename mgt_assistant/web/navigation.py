"""The role-aware main navigation."""

from __future__ import annotations

from dataclasses import dataclass

from mgt_assistant.db.models import Role, User


@dataclass(frozen=True)
class NavItem:
    """One entry in the header navigation."""

    label: str
    path: str
    roles: frozenset[Role]
    current: bool = False


NAV_ITEMS = (
    # Admins see no personal data: no meetings, no cases.
    NavItem("Möten", "/moten", frozenset({Role.MGT})),
    NavItem("Ansökningar", "/ansokningar", frozenset({Role.REMITTENT, Role.MGT})),
    NavItem("Regelverk", "/regelverk", frozenset({Role.STYRGRUPP, Role.MGT, Role.ADMIN})),
    NavItem("Uppföljning", "/uppfoljning", frozenset({Role.STYRGRUPP, Role.MGT, Role.ADMIN})),
    NavItem("Administration", "/administration", frozenset({Role.ADMIN})),
)


def navigation_for(user: User | None, current_path: str) -> list[NavItem]:
    """Return the entries this user may open, marking the current one."""
    if user is None:
        return []
    return [
        NavItem(item.label, item.path, item.roles, current_path.startswith(item.path))
        for item in NAV_ITEMS
        if user.role in item.roles
    ]
