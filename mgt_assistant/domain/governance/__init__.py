"""Rule-set governance: semantic diff and what-if replay over stored cases (pure).

The public API the CLI, and later the web review pages, use::

    diff = diff_rule_sets(old_rule_set, new_rule_set)    # RuleSetDiff → sections → Change
    print(diff_text(diff)); to_json(diff)                 # "Inga skillnader" when equal
    cases = load_stored_cases(path)                       # JSON Lines, raises StoredCaseError
    report = replay(baseline, candidate, cases)           # ReplayReport, with golden scenarios
    print(replay_text(report)); to_json(report)
    replay_from_document(json.loads(to_json(report))) == report   # stored with a version
"""

from mgt_assistant.domain.governance.changes import Change, ChangeKind, RuleSetDiff, Section
from mgt_assistant.domain.governance.diff import diff_rule_sets, table_changes
from mgt_assistant.domain.governance.documents import (
    DocumentError,
    diff_from_document,
    replay_from_document,
)
from mgt_assistant.domain.governance.examples import ReplayExample, case_summary
from mgt_assistant.domain.governance.render import (
    NO_DIFFERENCES,
    diff_text,
    replay_text,
    to_document,
    to_json,
)
from mgt_assistant.domain.governance.replay import (
    GroupChange,
    InterventionChange,
    ReplayReport,
    ScenarioOutcome,
    UnreadableCase,
    plan_key,
    replay,
)
from mgt_assistant.domain.governance.stored import (
    StoredCase,
    StoredCaseError,
    case_facts,
    load_stored_cases,
    read_stored_cases,
    stored_case,
    synthetic_cases,
)

__all__ = [
    "NO_DIFFERENCES",
    "Change",
    "ChangeKind",
    "DocumentError",
    "GroupChange",
    "InterventionChange",
    "ReplayExample",
    "ReplayReport",
    "RuleSetDiff",
    "ScenarioOutcome",
    "Section",
    "StoredCase",
    "StoredCaseError",
    "UnreadableCase",
    "case_facts",
    "case_summary",
    "diff_from_document",
    "diff_rule_sets",
    "diff_text",
    "load_stored_cases",
    "plan_key",
    "read_stored_cases",
    "replay",
    "replay_from_document",
    "replay_text",
    "stored_case",
    "synthetic_cases",
    "table_changes",
    "to_document",
    "to_json",
]
