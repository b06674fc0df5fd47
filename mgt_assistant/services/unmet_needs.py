"""Behov utan insats in the meeting: the recommender's proposals and the team's entries.

The team marks a need that no partner could meet (no intervention, a wait too
long, a rule that blocked) with a short text; the recommender's active needs
without a proposal are offered as ready-made entries to confirm. Entries land in
the register that the steering group reads in follow-up (``db.followup``,
``domain.followup.unmet``): counts and short texts, never a name.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, Meeting, UnmetNeedEntry, User
from mgt_assistant.domain.followup import ProposedUnmetNeed, UnmetNeed, propose_unmet_needs
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.services.followup_notes import record_unmet_need
from mgt_assistant.services.meeting_facts import state_of


def case_entries(session: Session, application: Application) -> list[UnmetNeedEntry]:
    """Return the unmet needs recorded for this case, oldest first."""
    rows = session.exec(
        select(UnmetNeedEntry)
        .where(col(UnmetNeedEntry.application_id) == application.id)
        .order_by(col(UnmetNeedEntry.recorded_on), col(UnmetNeedEntry.id))
    )
    return list(rows)


def proposals(
    session: Session, meeting: Meeting, application: Application, core: MeetingCore
) -> list[ProposedUnmetNeed]:
    """Return the needs the rules propose nothing for now, less those already recorded."""
    evaluation = core.evaluate(state_of(session, meeting, application, core))
    recorded = {entry.need_id for entry in case_entries(session, application)}
    found = propose_unmet_needs(core.rule_set.taxonomy, evaluation)
    return [proposal for proposal in found if proposal.need not in recorded]


def record_for_meeting(
    session: Session,
    *,
    application: Application,
    core: MeetingCore,
    by: User,
    need: str,
    party: str,
    kind: str,
    text: str,
    today: date,
) -> UnmetNeedEntry:
    """Record a need without an intervention from the meeting, linked to the case.

    :raise FollowUpError: when the entry is wrong (Swedish, from the core).
    """
    return record_unmet_need(
        session,
        rule_set=core.rule_set,
        by=by,
        draft=UnmetNeed(need, party, kind, text, recorded_on=today),
        today=today,
        application_id=application.id,
    )
