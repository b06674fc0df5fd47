"""The meeting assistant's core: commands, needs profile, plan edits and replies.

Pure functions over plain data; the services call it::

    core = make_meeting_core(rule_set, recommender)
    turn = respond(core, state, "Hon har skulder hos Kronofogden")
"""

from mgt_assistant.domain.meeting.assistant import Segment, highlight
from mgt_assistant.domain.meeting.commands import Command, parse_command
from mgt_assistant.domain.meeting.edits import from_draft, named, planned_end_week, set_field
from mgt_assistant.domain.meeting.model import (
    LANE_LABELS,
    PHASE_LABELS,
    REVIEW_LABELS,
    ROW_STATUSES,
    SPEAKERS,
    DecidedRow,
    EditError,
    NeedRecord,
    PlanItem,
    RemovalMark,
    UndoEntry,
)
from mgt_assistant.domain.meeting.profile import (
    DomainProfile,
    NeedSummary,
    domain_profiles,
    summarise_needs,
)
from mgt_assistant.domain.meeting.turn import (
    MeetingCore,
    MeetingState,
    Turn,
    make_meeting_core,
    respond,
    run_command,
)
from mgt_assistant.domain.meeting.vocabulary import Vocabulary, build_vocabulary
from mgt_assistant.domain.needs import NEED_STATUS_LABELS

__all__ = [
    "LANE_LABELS",
    "NEED_STATUS_LABELS",
    "PHASE_LABELS",
    "REVIEW_LABELS",
    "ROW_STATUSES",
    "SPEAKERS",
    "Command",
    "DecidedRow",
    "DomainProfile",
    "EditError",
    "MeetingCore",
    "MeetingState",
    "NeedRecord",
    "NeedSummary",
    "PlanItem",
    "RemovalMark",
    "Segment",
    "Turn",
    "UndoEntry",
    "Vocabulary",
    "build_vocabulary",
    "domain_profiles",
    "from_draft",
    "highlight",
    "make_meeting_core",
    "named",
    "parse_command",
    "planned_end_week",
    "respond",
    "run_command",
    "set_field",
    "summarise_needs",
]
