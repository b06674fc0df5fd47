"""Consent: who may see a case, and revoking it, which takes effect at once and is logged."""

from __future__ import annotations

from sqlmodel import Session

from mgt_assistant.db import consent as store
from mgt_assistant.db.models import Application, User
from mgt_assistant.db.users import add_audit

# Reads the web pages show; the rules behind them live with the tables they query.
consent_log = store.consent_log
consent_rows = store.consent_rows
excluded_parties = store.excluded_parties
processing_blocked = store.processing_blocked
taking_part = store.taking_part
CONSENT_ACTIONS = store.CONSENT_ACTIONS


def revoke_consent(
    session: Session, *, application: Application, by: User, party: str | None
) -> bool:
    """Revoke consent for one party (or all when None); tell whether anything was revoked."""
    revoked = store.revoke(session, application, by, party)
    if revoked:
        add_audit(
            session, "consent_revoked", user=by, object_type="application", object_id=application.id
        )
    session.commit()
    return bool(revoked)
