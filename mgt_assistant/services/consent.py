"""Consent: who may see a case, and revoking it, which takes effect at once and is logged."""

from __future__ import annotations

from sqlmodel import Session

from mgt_assistant.db import consent as store
from mgt_assistant.db.models import Application, Role, User
from mgt_assistant.db.users import add_audit
from mgt_assistant.services.errors import ServiceError

# Reads the web pages show; the rules behind them live with the tables they query.
consent_log = store.consent_log
consent_rows = store.consent_rows
excluded_parties = store.excluded_parties
processing_blocked = store.processing_blocked
taking_part = store.taking_part
CONSENT_ACTIONS = store.CONSENT_ACTIONS


class RevocationError(ServiceError):
    """The revocation cannot be recorded as given; the message is Swedish."""


REASON_NEEDED = (
    "Skriv hur personen återkallade samtycket (till exempel muntligt vid mötet, och datum). "
    "Teamet registrerar en återkallelse bara på personens ord."
)


def revoke_consent(
    session: Session,
    *,
    application: Application,
    by: User,
    party: str | None,
    reason: str = "",
) -> bool:
    """Revoke consent for one party (or all when None); tell whether anything was revoked.

    Who may record it: the referrer who owns the case, or a team member who may see the
    case, on the person's word and with the reason written down (kept in the consent log).

    :raise RevocationError: when a team member gives no reason.
    """
    reason = reason.strip()
    if by.role is Role.MGT and not reason:
        raise RevocationError(REASON_NEEDED)
    revoked = store.revoke(session, application, by, party, reason=reason or None)
    if revoked:
        add_audit(
            session, "consent_revoked", user=by, object_type="application", object_id=application.id
        )
    session.commit()
    return bool(revoked)
