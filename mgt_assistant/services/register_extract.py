"""The register extract (registerutdrag, GDPR art. 15): everything stored about one person.

A person is found by personnummer (every case stored with it) or by one case
number (an anonymous consultation has no personnummer). Each case taken into an
extract gets an audit row, in the same transaction as the reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlmodel import Session, SQLModel

from mgt_assistant.db import register_extract as store
from mgt_assistant.db import retention as retention_store
from mgt_assistant.db.models import Application, User, utcnow
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.personnummer import PersonnummerError, parse_personnummer
from mgt_assistant.services.errors import ServiceError

# The sections of an extract, in order, with the words the printable page uses.
SECTIONS: Final[Mapping[str, str]] = {
    "applications": "Ansökan",
    "application_needs": "Behov lästa ur ansökan",
    "consents": "Samtycken",
    "consent_events": "Samtyckeslogg",
    "meetings": "Möten",
    "messages": "Meddelanden i mötet",
    "meeting_needs": "Behovsbild i mötet",
    "signals": "Signaler i mötet",
    "alerts_handled": "Akuta larm som hanterats",
    "plan_rows": "Planutkast",
    "meeting_edits": "Ändringslogg (ångra)",
    "plan_versions": "Beslutade planversioner",
    "plan_ends": "Avslut av planen",
    "plan_end_interventions": "Insatsernas utfall",
    "follow_ups": "Uppföljningar",
    "self_ratings": "Egna skattningar",
    "unmet_needs": "Behov utan insats",
    "audit_events": "Loggen: vem som läst eller ändrat ärendet",
}
# Columns that name a staff account: the extract adds the account's name beside the id.
_USER_COLUMNS: Final = (
    "user_id",
    "author_user_id",
    "referrer_user_id",
    "created_by_user_id",
    "recorded_by_user_id",
    "revoked_by_user_id",
    "handled_by_user_id",
)


class ExtractError(ServiceError):
    """No extract can be made as asked; the message is one Swedish sentence."""


@dataclass(frozen=True)
class Section:
    """One kind of stored row, e.g. the meeting's messages, as plain values."""

    key: str
    label: str
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class CaseExtract:
    """Everything stored about one case."""

    application_id: int
    sections: list[Section]


@dataclass(frozen=True)
class RegisterExtract:
    """The extract for one person: when it was made and every case stored about them."""

    made_at: datetime
    asked_for: str
    cases: list[CaseExtract]

    def to_json(self) -> dict[str, Any]:
        """Return the extract as JSON-ready values (Swedish section names beside the keys)."""
        return {
            "registerutdrag": {
                "skapat": self.made_at.isoformat(),
                "avser": self.asked_for,
                "arenden": [
                    {
                        "arende": case.application_id,
                        "delar": [
                            {"nyckel": s.key, "rubrik": s.label, "rader": s.rows}
                            for s in case.sections
                        ],
                    }
                    for case in self.cases
                ],
            }
        }


def _plain(row: SQLModel, names: Mapping[int, str]) -> dict[str, Any]:
    dumped = row.model_dump(mode="json")
    # In the table's own column order, so that every row of a section reads alike.
    values: dict[str, Any] = {name: dumped.get(name) for name in type(row).model_fields}
    for column in _USER_COLUMNS:
        user_id = values.get(column)
        if isinstance(user_id, int):
            values[column.removesuffix("_id")] = names.get(user_id, "")
    return values


def _case(session: Session, application_id: int) -> CaseExtract:
    records = store.case_records(session, application_id)
    user_ids = {
        value
        for rows in records.values()
        for row in rows
        for column, value in row.model_dump().items()
        if column in _USER_COLUMNS and isinstance(value, int)
    }
    names = store.user_names(session, user_ids)
    sections = [
        Section(key, label, [_plain(row, names) for row in records.get(key, [])])
        for key, label in SECTIONS.items()
    ]
    return CaseExtract(application_id, sections)


def cases_for(
    session: Session, *, personnummer: str | None, application_id: int | None, today: date
) -> tuple[str, list[Application]]:
    """Return what the extract is about (in words) and the cases it covers.

    :raise ExtractError: when neither or both are given, the personnummer is wrong,
        or nothing is stored.
    """
    given = (personnummer or "").strip()
    if bool(given) == (application_id is not None):
        raise ExtractError("Ange antingen ett personnummer eller ett ärendenummer.")
    if application_id is not None:
        application = session.get(Application, application_id)
        if application is None:
            raise ExtractError(f"Det finns inget ärende med nummer {application_id}.")
        return f"ärende {application_id}", [application]
    try:
        normal = parse_personnummer(given, today).normalized
    except PersonnummerError as error:
        raise ExtractError(str(error)) from None
    found = retention_store.applications_of_person(session, normal)
    if not found:
        raise ExtractError("Inget ärende är sparat med det personnumret.")
    return f"personnummer {normal}", found


def register_extract(
    session: Session,
    *,
    by: User | None,
    personnummer: str | None = None,
    application_id: int | None = None,
    today: date,
) -> RegisterExtract:
    """Gather everything stored about one person and log, per case, that it was taken out.

    :raise ExtractError: see ``cases_for``.
    """
    asked_for, applications = cases_for(
        session, personnummer=personnummer, application_id=application_id, today=today
    )
    ids = [a.id for a in applications if a.id is not None]
    cases = [_case(session, case_id) for case_id in ids]
    for case_id in ids:
        add_audit(
            session, "register_extract", user=by, object_type="application", object_id=case_id
        )
    session.commit()
    return RegisterExtract(utcnow(), asked_for, cases)
