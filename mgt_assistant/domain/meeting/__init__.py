"""The meeting assistant's core: commands, needs profile, plan edits and replies.

Pure functions over plain data; the database and web layers call it::

    engine = Engine(rule_set, recommender, build_vocabulary(rule_set), extract)
    turn = respond(engine, state, "Hon har skulder hos Kronofogden")
"""

from mgt_assistant.domain.meeting.assistant import Segment, highlight
from mgt_assistant.domain.meeting.commands import Command, parse_command
from mgt_assistant.domain.meeting.edits import from_draft, planned_end_week, set_field
from mgt_assistant.domain.meeting.model import (
    LANE_LABELS,
    NEED_STATUS_LABELS,
    PHASE_LABELS,
    REVIEW_LABELS,
    ROW_STATUSES,
    SPEAKERS,
    EditError,
    Mention,
    NeedRecord,
    PlanItem,
)
from mgt_assistant.domain.meeting.profile import (
    DomainProfile,
    NeedSummary,
    domain_profiles,
    summarise_needs,
)
from mgt_assistant.domain.meeting.turn import (
    Engine,
    MeetingState,
    Turn,
    make_engine,
    respond,
    run_command,
)
from mgt_assistant.domain.meeting.vocabulary import Vocabulary, build_vocabulary

__all__ = [
    "LANE_LABELS",
    "NEED_STATUS_LABELS",
    "PHASE_LABELS",
    "REVIEW_LABELS",
    "ROW_STATUSES",
    "SPEAKERS",
    "Command",
    "DomainProfile",
    "EditError",
    "Engine",
    "MeetingState",
    "Mention",
    "NeedRecord",
    "NeedSummary",
    "PlanItem",
    "Segment",
    "Turn",
    "Vocabulary",
    "build_vocabulary",
    "domain_profiles",
    "from_draft",
    "highlight",
    "make_engine",
    "parse_command",
    "planned_end_week",
    "respond",
    "run_command",
    "set_field",
    "summarise_needs",
]
