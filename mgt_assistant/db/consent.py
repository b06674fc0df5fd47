"""Consent decides which parties take part in a case, and who may see it.

A party takes part only with an explicit, included, unrevoked and unexpired
consent row. A member of a party that does not take part sees a notice instead
of the case; when no party takes part any more, only admins and the referrer do.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, Consent, ConsentEvent, Role, User, utcnow
from mgt_assistant.domain.parties import PARTIES

REVOKED_NOTICE = (
    "Samtycket för ärendet har återkallats. Ärendet får inte behandlas vidare och visas "
    "bara för remittenten och administratörer."
)
EXCLUDED_NOTICE = (
    "Personen har inte gett samtycke till att din part deltar i ärendet. "
    "Uppgifterna visas därför inte."
)


def active_consents(session: Session, application_id: int, today: date) -> list[Consent]:
    """Return the consents that let a party (or unit) take part today."""
    rows = session.exec(select(Consent).where(Consent.application_id == application_id)).all()
    return [
        row
        for row in rows
        if row.included
        and row.revoked_at is None
        and (row.valid_until is None or row.valid_until >= today)
    ]


def taking_part(session: Session, application_id: int, today: date | None = None) -> frozenset[str]:
    """Return the parties that take part under the person's consent."""
    today = today or utcnow().date()
    return frozenset(row.party for row in active_consents(session, application_id, today))


def excluded_parties(
    session: Session, application_id: int, today: date | None = None
) -> frozenset[str]:
    """Return the parties that must not take part: excluded, revoked, expired or never asked."""
    return frozenset(PARTIES) - taking_part(session, application_id, today)


def access_denied_reason(session: Session, user: User, application: Application) -> str | None:
    """Return a Swedish notice when consent hides the case from this user, else None."""
    if user.role is Role.ADMIN or user.id == application.referrer_user_id:
        return None
    if application.id is None:
        return None
    parties = taking_part(session, application.id)
    if not parties and application.consent_obtained:
        return REVOKED_NOTICE
    if user.role is Role.MGT and user.party is not None and user.party not in parties:
        return (
            REVOKED_NOTICE
            if _revoked_for(session, application.id, user.party)
            else (EXCLUDED_NOTICE)
        )
    return None


def _revoked_for(session: Session, application_id: int, party: str) -> bool:
    rows = session.exec(
        select(Consent).where(Consent.application_id == application_id, Consent.party == party)
    ).all()
    return any(row.revoked_at is not None for row in rows)


def revoke(
    session: Session, application: Application, by: User, party: str | None = None
) -> list[Consent]:
    """Revoke consent for one party, or for all when ``party`` is None; log who and when."""
    if application.id is None:
        raise ValueError("application is not saved")
    now = utcnow()
    query = select(Consent).where(
        Consent.application_id == application.id,
        col(Consent.revoked_at).is_(None),
    )
    if party is not None:
        query = query.where(Consent.party == party)
    revoked = list(session.exec(query).all())
    for row in revoked:
        row.revoked_at = now
        row.revoked_by_user_id = by.id
        session.add(row)
    session.add(
        ConsentEvent(
            application_id=application.id,
            at=now,
            user_id=by.id,
            party=party,
            action="aterkallat",
        )
    )
    session.commit()
    return revoked
