"""Gallring test data: one full case followed up a year ago, an old draft, and cases not due.

Every personal text is a distinctive snippet (``SNIPPETS``) so a test can search every
column of every table for it after gallring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, MetaData, select
from sqlmodel import Session

from mgt_assistant.db.models import Application, ApplicationStatus, Consent, User
from mgt_assistant.domain.followup import UnmetNeed
from mgt_assistant.services import followup
from mgt_assistant.services import followup_notes as notes
from mgt_assistant.services.followup import ResultFilter
from tests.followup_factory import decided_case, ended
from tests.meeting_factory import meeting_core

TODAY = date(2026, 12, 1)
PERSONNUMMER = "19850312-2387"
# What the person and the team wrote: none of it may survive gallring anywhere.
SNIPPETS = (
    "Test Påhittad",
    PERSONNUMMER,
    "Kronofogden-snippet-7731",
    "Mål-snippet-5512",
    "Han har skulder och är deprimerad",
    "Lena Berg",
    "Bo Utkastsson",
    "Utkast-snippet-9921",
    "Sara Holm",
)
UNMET_TEXT = "Ingen insats mot spelberoende i kommunen"
PERIOD = ResultFilter(date(2024, 1, 1), date(2026, 12, 31))


@dataclass(frozen=True)
class Fixture:
    """The case numbers of the fixture, by what gallring should do with them."""

    anonymised: list[int]
    deleted: list[int]
    kept: list[int]
    full_case: int


def _old(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _full_case(db: Session, team: User) -> int:
    """Decide, end and follow up a plan; the 12-month answer was given on 2026-05-30."""
    application = decided_case(db, team, date(2025, 1, 5))
    application.personnummer = PERSONNUMMER
    application.description = "Skulder hos Kronofogden-snippet-7731."
    application.goal = "Mål-snippet-5512"
    db.add(application)
    db.commit()
    rules = meeting_core().rule_set
    plan = followup.plan_to_end(db, application)
    followup.end_plan(
        db,
        application=application,
        by=team,
        rule_set=rules,
        end_date=date(2025, 5, 29),
        end_reason="studier",
        income_source="csn",
        results={i: "fullfoljd" for i, _ in plan.interventions},
        today=date(2025, 6, 1),
    )
    for months, day in ((6, date(2025, 11, 30)), (12, date(2026, 5, 30))):
        followup.record_follow_up(
            db,
            application=application,
            by=team,
            rule_set=rules,
            months=months,
            result="studies",
            income_source="csn",
            answered_on=day,
            today=day,
        )
    notes.record_self_rating(
        db,
        application=application,
        by=team,
        occasion="start",
        scores={"halsa": "4"},
        recorded_on=date(2025, 1, 5),
        today=date(2025, 1, 6),
    )
    notes.record_unmet_need(
        db,
        rule_set=rules,
        by=team,
        draft=UnmetNeed(
            "health.substance_use", "kommun", "ingen_insats", UNMET_TEXT, date(2025, 1, 5)
        ),
        today=date(2025, 1, 6),
        application_id=application.id,
    )
    assert application.id is not None
    return application.id


def make_fixture(db: Session, team: User, referrer: User) -> Fixture:
    """Add the cases; gallring on TODAY with the default periods acts on exactly some."""
    assert referrer.id is not None
    full = _full_case(db, team)
    closed = []
    for number in range(6):
        record = ended(
            db,
            referrer,
            end_reason="arbete_utan_stod" if number < 4 else "studier",
            end_date=date(2024, 10, 1),
            interventions={"mac": "fullfoljd"},
            gender="kvinna" if number % 2 else "man",
            follow_ups={6: "work", 12: "work"},
        )
        application = db.get(Application, record.application_id)
        assert application is not None
        application.status = ApplicationStatus.CLOSED
        db.add(application)
        closed.append(record.application_id)
    draft = Application(
        status=ApplicationStatus.DRAFT,
        person_name="Bo Utkastsson",
        description="Utkast-snippet-9921",
        referrer_user_id=referrer.id,
        referrer_party="kommun",
        referrer_name="Sara Holm",
        consent_obtained=True,
        updated_at=_old(date(2026, 6, 1)),
    )
    fresh = Application(
        status=ApplicationStatus.NOT_RELEVANT,
        person_name="Kvar Aktuellsson",
        referrer_user_id=referrer.id,
        referrer_party="kommun",
        referrer_name="Kim Berg",
        updated_at=_old(date(2026, 11, 20)),
    )
    db.add(draft)
    db.add(fresh)
    db.flush()
    assert draft.id is not None and fresh.id is not None
    db.add(Consent(application_id=draft.id, party="kommun"))
    db.commit()
    return Fixture(anonymised=[full, *closed], deleted=[draft.id], kept=[fresh.id], full_case=full)


def every_text(engine: Engine) -> str:
    """Return every value of every column of every table, as one text to search."""
    metadata = MetaData()
    metadata.reflect(engine)
    parts: list[str] = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def figures(db: Session) -> tuple[object, ...]:
    """Return every follow-up figure the results page, the export and the ratings show."""
    rules = meeting_core().rule_set
    results = followup.results(db, rule_set=rules, chosen=PERIOD)
    team = db.get(User, 1)
    assert team is not None
    export = followup.export(db, rule_set=rules, chosen=PERIOD, by=team)
    ratings = notes.rating_changes(db, PERIOD.start, PERIOD.end)
    return (repr(results), repr(export), repr(ratings))
