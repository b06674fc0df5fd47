"""Application use cases: needs are read once at saving and carried into the booked meeting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, delete, select

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import ApplicationNeed, AuditEvent, Role
from mgt_assistant.services import applications as cases
from tests.application_factory import shipped_lexicon, submitted_application
from tests.conftest import UserFactory

pytestmark = pytest.mark.db

DESCRIPTION = "Han har skulder hos Kronofogden och är deprimerad sedan i våras."


def test_saving_reads_the_needs_once_with_their_evidence(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT, party="kommun")
    application = submitted_application(db, referrer, description=DESCRIPTION)
    assert application.needs_read_at is not None and application.id is not None
    stored = cases.application_needs(db, application, shipped_lexicon())
    assert {"economy.debt", "health.mental"} <= {n.id for n in stored}
    for need in stored:
        assert DESCRIPTION[need.start : need.end] == need.evidence


def test_booking_carries_the_stored_needs_into_the_meeting_without_reading_again(
    db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT, party="kommun")
    team = make_user(Role.MGT, party="kommun")
    application = submitted_application(db, referrer, description=DESCRIPTION)
    assert application.id is not None
    # Keep only the debt: had booking read the text again, the mental-health need would return.
    db.exec(
        delete(ApplicationNeed).where(
            col(ApplicationNeed.application_id) == application.id,
            col(ApplicationNeed.need_id) != "economy.debt",
        )
    )
    db.commit()
    meeting = cases.book_meeting(
        db,
        application=application,
        scheduled_at=datetime.now(UTC) + timedelta(days=3),
        lexicon=shipped_lexicon(),
        by=team,
    )
    assert meeting.id is not None
    needs = store.needs_of(db, meeting.id)
    assert {n.need_id for n in needs} == {"economy.debt"}
    first = store.messages_of(db, meeting.id)[0]
    assert all(first.text[n.start or 0 : n.end or 0] == n.evidence for n in needs)
    assert all(n.message_id == first.id and n.review == "detected" for n in needs)
    logged = [e.action for e in db.exec(select(AuditEvent)).all()]
    assert "application_bokad" in logged and "meeting_created" in logged
