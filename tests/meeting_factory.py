"""Meetings for tests: a case, its meeting and the meeting core with the shipped rules."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlmodel import Session

from mgt_assistant.db.models import Meeting, User
from mgt_assistant.domain.meeting import MeetingCore, make_meeting_core
from mgt_assistant.domain.rules import Recommender, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import meetings as actions


@cache
def meeting_core() -> MeetingCore:
    """The meeting core for rules/, built once."""
    rule_set = load_rule_set(DEFAULT_RULES_DIR)
    return make_meeting_core(rule_set, Recommender(rule_set))


def named_meeting(
    session: Session, by: User, parties: tuple[str, ...] = ("af", "fk", "region", "kommun")
) -> Meeting:
    """Start a meeting for a named, consenting (fictional) person."""
    return actions.start_meeting(
        session,
        by=by,
        anonymous=False,
        person_name="Test Påhittad",
        referrer_name="Sara Holm",
        referrer_party="kommun",
        referrer_unit="Ekonomiskt bistånd",
        scheduled_at=datetime.now(UTC),
        consent_parties=parties,
    )
