"""Consent: the person's choices per party and unit, their log, and revocation.

A party takes part only with an explicit, included, unrevoked and unexpired
consent row. Who may *see* a case is ``domain.access`` (through ``services.access``
and, for lists, ``db.access``), the one access rule.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, Consent, ConsentEvent, User, utcnow
from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.referral import ConsentChoice


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


def revoke(
    session: Session,
    application: Application,
    by: User,
    party: str | None = None,
    reason: str | None = None,
) -> list[Consent]:
    """Revoke consent for one party, or all when ``party`` is None; log who, when and why.

    The caller commits.
    """
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
    if not revoked:
        return []
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
            note=reason or None,
        )
    )
    session.flush()
    return revoked


CONSENT_ACTIONS = {
    "registrerat": "Samtycke registrerat",
    "uteslutet": "Parten utesluten",
    "andrat": "Datum ändrade",
    "aterkallat": "Samtycke återkallat",
}


def record_consents(
    session: Session, *, application: Application, choices: list[ConsentChoice], by: User
) -> None:
    """Store the person's choice per party and unit, logging each change (caller commits)."""
    if application.id is None:
        raise ValueError("application is not saved")
    existing = {
        (row.party, row.unit): row
        for row in session.exec(
            select(Consent).where(
                Consent.application_id == application.id, col(Consent.revoked_at).is_(None)
            )
        ).all()
    }
    now = utcnow()
    for choice in choices:
        row = existing.get((choice.party, choice.unit))
        before = None if row is None else (row.included, row.given_on, row.valid_until)
        after = (choice.included, choice.given_on, choice.valid_until)
        if before == after or (row is None and not choice.included):
            continue
        if row is None:
            row = Consent(application_id=application.id, party=choice.party, unit=choice.unit)
        row.included, row.given_on, row.valid_until = after
        session.add(row)
        if before is not None and before[0] == choice.included:
            action = "andrat"
        else:
            action = "registrerat" if choice.included else "uteslutet"
        note = _dates_note(choice.given_on, choice.valid_until) if choice.included else None
        session.add(
            ConsentEvent(
                application_id=application.id,
                at=now,
                user_id=by.id,
                party=choice.party,
                unit=choice.unit,
                action=action,
                note=note,
            )
        )


def _dates_note(given_on: date | None, valid_until: date | None) -> str:
    given = given_on.isoformat() if given_on else "datum saknas"
    until = valid_until.isoformat() if valid_until else "insatsens slut"
    return f"Givet {given}, gäller till {until}"


def consent_rows(session: Session, application_id: int) -> list[Consent]:
    """Return the consent rows of a case in a stable order."""
    return list(
        session.exec(
            select(Consent)
            .where(Consent.application_id == application_id)
            .order_by(col(Consent.id))
        ).all()
    )


def consent_log(session: Session, application_id: int) -> list[tuple[ConsentEvent, User | None]]:
    """Return every consent change of a case, oldest first, with who recorded it."""
    events = session.exec(
        select(ConsentEvent)
        .where(ConsentEvent.application_id == application_id)
        .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
    ).all()
    return [
        (event, session.get(User, event.user_id) if event.user_id is not None else None)
        for event in events
    ]


def processing_blocked(session: Session, application: Application) -> bool:
    """Tell whether revoked (or expired) consent forbids any further processing of the case."""
    if application.anonymous or application.id is None or not application.consent_obtained:
        return False
    return not taking_part(session, application.id)
