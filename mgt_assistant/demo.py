"""Demo data: fictional accounts (and, as areas land, cases and meetings).

Everything here is invented. Loading is idempotent: what exists is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from mgt_assistant.db import users
from mgt_assistant.db.models import Role, User
from mgt_assistant.demo_applications import load_demo_applications
from mgt_assistant.demo_followup import load_demo_follow_up
from mgt_assistant.demo_meetings import load_demo_meetings
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services.rule_versions import ensure_initial_version

DEMO_PASSWORD = "lugna-ekorrar-bygger-flottar"


@dataclass(frozen=True)
class DemoAccount:
    """A fictional person's account in the demo."""

    username: str
    name: str
    role: Role
    party: str | None = None
    # A partners.yaml unit id (tests/domain/test_vocabularies.py checks it is one).
    unit: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Alva Admin (demo)", Role.ADMIN),
    DemoAccount("mgt.kommun", "Maja Lind (demo)", Role.MGT, "kommun", "socialtjanst"),
    DemoAccount("mgt.region", "Omar Said (demo)", Role.MGT, "region", "psykiatri"),
    DemoAccount("mgt.af", "Lena Berg (demo)", Role.MGT, "af", "lokalt_kontor"),
    DemoAccount("mgt.fk", "Jonas Ek (demo)", Role.MGT, "fk", "sjukforsakring"),
    DemoAccount("remittent", "Sara Holm (demo)", Role.REMITTENT, "kommun", "socialtjanst"),
    DemoAccount("remittent.af", "Nils Åberg (demo)", Role.REMITTENT, "af", "lokalt_kontor"),
    DemoAccount("styrgrupp", "Eva Nord (demo)", Role.STYRGRUPP),
)


def load_demo_data(session: Session) -> list[DemoAccount]:
    """Create the demo accounts that are missing; return the accounts created."""
    created: list[DemoAccount] = []
    for account in DEMO_ACCOUNTS:
        if session.exec(select(User).where(User.username == account.username)).first():
            continue
        users.create_user(
            session,
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            display_name=account.name,
            party=account.party,
            unit=account.unit,
        )
        created.append(account)
    # The demo proposes at once: its rules are stored approved (never so outside the demo).
    ensure_initial_version(session, DEFAULT_RULES_DIR, approve=True)
    load_demo_applications(session)
    load_demo_meetings(session)
    load_demo_follow_up(session)
    return created
