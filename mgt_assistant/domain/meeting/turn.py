"""One turn of the conversation: read a message, decide what changes and what to answer.

The caller (``services.meetings``) applies the turn: it stores the needs found,
the new plan rows with an undo entry, or the need review, then the reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mgt_assistant.domain.meeting import assistant
from mgt_assistant.domain.meeting.commands import (
    AddIntervention,
    AddNeed,
    Command,
    NeedNotRelevant,
    Propose,
    RemoveIntervention,
    SetField,
    Undo,
    Unresolved,
    Why,
    WhyNot,
    parse_command,
)
from mgt_assistant.domain.meeting.edits import (
    Rows,
    add_row,
    from_draft,
    merge_proposal,
    remove_row,
    set_field,
)
from mgt_assistant.domain.meeting.model import EditError, NeedRecord, PlanItem
from mgt_assistant.domain.meeting.profile import case_needs, domain_profiles, summarise_needs
from mgt_assistant.domain.meeting.vocabulary import Vocabulary, build_vocabulary
from mgt_assistant.domain.needs import NeedMention, Reading, Signal, read_text
from mgt_assistant.domain.rules import (
    Case,
    Evaluation,
    Recommender,
    RuleSet,
    draft_plan,
    with_signals,
)

# Reads one message: ``second_opinion`` is False for chat commands (see ``respond``).
Read = Callable[[str, bool], Reading]


@dataclass(frozen=True)
class MeetingState:
    """What a turn needs to know: the picture, the plan, the questions asked, the case."""

    needs: tuple[NeedRecord, ...]
    rows: tuple[PlanItem, ...]
    asked: tuple[str, ...]
    case: Case
    # Interventions the team took out of the plan: proposals leave them out.
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """The outcome of a turn: the answer and the changes to store."""

    reply: str
    payload: dict[str, Any] = field(default_factory=dict)
    mentions: tuple[NeedMention, ...] = ()
    signals: tuple[Signal, ...] = ()
    rows: Rows | None = None
    summary: str | None = None
    add_need: str | None = None
    not_relevant: str | None = None
    undo: bool = False


@dataclass(frozen=True)
class MeetingCore:
    """The rule set, its compiled recommender, the names to match and the needs reader."""

    rule_set: RuleSet
    recommender: Recommender
    vocabulary: Vocabulary
    read: Read

    def evaluate(
        self, state: MeetingState, needs: Sequence[NeedRecord] | None = None
    ) -> Evaluation:
        """Evaluate the case with the team's needs picture."""
        records = state.needs if needs is None else needs
        summaries = summarise_needs(records, self.rule_set.taxonomy)
        return self.recommender.evaluate(replace(state.case, needs=case_needs(summaries)))

    def propose(self, state: MeetingState, needs: Sequence[NeedRecord] | None = None) -> Turn:
        """Draft the plan from the picture and merge it into the team's plan."""
        draft = draft_plan(self.rule_set, self.evaluate(state, needs))
        proposed = from_draft(draft)
        rows, added = merge_proposal(state.rows, proposed, state.removed)
        kept_out = [r.intervention_id for r in proposed if r.intervention_id in set(state.removed)]
        text = assistant.proposal_text(self.rule_set, added, len(rows), kept_out)
        payload = {
            "kind": "proposal",
            "added": [r.intervention_id for r in added],
            "kept_out": kept_out,
        }
        if not added:
            return Turn(text, payload)
        names = ", ".join(self.rule_set.interventions[r.intervention_id].name for r in added)
        return Turn(text, payload, rows=rows, summary=f"Förslag lades in: {names}.")


def respond(core: MeetingCore, state: MeetingState, text: str) -> Turn:
    """Answer a message: run a command, or read needs and ask the next question.

    The message is read once, for needs and signals (``Turn.signals``, stored by the
    caller). A chat command ("ändra start för SIUS") names interventions, not what the
    person has: it is read for alerts only, so that no risk goes unseen, and not by the
    second opinion, which knows sentences, not commands. A question is not evidence; an
    alert in one is kept all the same. A command the assistant cannot carry out is
    answered as such.
    """
    command = parse_command(text, core.vocabulary, [r.intervention_id for r in state.rows])
    reading = core.read(text, command is None)
    signals = tuple(
        s
        for s in reading.signals
        if s.kind == "alert" or (command is None and not in_question(text, s.start))
    )
    state = replace(state, case=with_signals(state.case, signals))
    if command is None:
        turn = _converse(core, state, text, reading.needs, signals)
    elif isinstance(command, Unresolved):
        turn = Turn(command.message, {"kind": "command", "command": "Unresolved"})
    else:
        turn = run_command(core, state, command)
    return replace(turn, signals=signals)


def _converse(
    core: MeetingCore,
    state: MeetingState,
    text: str,
    needs: Sequence[NeedMention],
    signals: Sequence[Signal] = (),
) -> Turn:
    """Answer the needs read from what was said and ask about the next unknown domain.

    Talk never changes the plan: rows come only from a proposal or a command the
    team gives. A question ("varför inte IPS?") is not evidence for a need.
    """
    taxonomy = core.rule_set.taxonomy
    mentions = tuple(m for m in needs if not in_question(text, m.start))
    items = assistant.understood(mentions, taxonomy)
    records = (
        *state.needs,
        *(NeedRecord(m.id, m.domain, m.status, "detected", m.evidence) for m in mentions),
    )
    profiles = domain_profiles(summarise_needs(records, taxonomy), taxonomy)
    reply = assistant.understood_text(items)
    reply += assistant.uncertain_alerts_text(signals, core.rule_set.lexicon)
    payload: dict[str, Any] = {"kind": "needs", "needs": items}
    if not state.rows and assistant.all_core_known(profiles):
        reply += (
            " Nu känner vi till alla fyra kärnområden."
            " Tryck på Föreslå insatser (eller skriv ”förslag”) när ni vill ha förslag."
        )
        return Turn(reply, payload, mentions=mentions)
    question = assistant.next_question(profiles, state.asked, taxonomy)
    if question is not None:
        payload["asked"] = question[0]
        reply = f"{reply} {question[1]}"
    elif not state.rows:
        reply += " Skriv ”förslag” eller tryck på Föreslå insatser när ni vill ha förslag."
    return Turn(reply, payload, mentions=mentions)


# How a Swedish question starts: an interrogative, or the verb first ("Har hon …?").
_QUESTION_START = re.compile(
    r"(varför|vad|hur|när|var|vem|vilken|vilket|vilka|har|är|kan|ska|skulle|vill|får|"
    r"behöver|finns|fanns|går|brukar|mår|bor|tror|tycker|måste|gör|hade|blir)\b",
    re.IGNORECASE,
)


def in_question(text: str, position: int) -> bool:
    """Tell whether ``position`` lies in a question: a sentence ending in '?' that starts like one.

    "Jag har skulder, vad ska jag göra?" still tells something; "Har hon skulder?" does not.
    """
    start = max(text.rfind(mark, 0, position) for mark in ".!?\n") + 1
    ends = [found for mark in ".!?\n" if (found := text.find(mark, position)) >= 0]
    end = min(ends, default=len(text))
    if end >= len(text) or text[end] != "?":
        return False
    return _QUESTION_START.match(text[start:end].lstrip(" \t\"'”»-–")) is not None


def run_command(core: MeetingCore, state: MeetingState, command: Command) -> Turn:
    """Carry out a chat command (or the same action from a button or form)."""
    rule_set = core.rule_set
    payload: dict[str, Any] = {"kind": "command", "command": type(command).__name__}
    try:
        if isinstance(command, Undo):
            return Turn("", payload, undo=True)
        if isinstance(command, Propose):
            return core.propose(state)
        if isinstance(command, Why):
            evaluation = core.evaluate(state)
            return Turn(
                assistant.why(rule_set, evaluation, state.rows, command.intervention), payload
            )
        if isinstance(command, WhyNot):
            evaluation = core.evaluate(state)
            draft = draft_plan(rule_set, evaluation)
            answer = assistant.why_not(rule_set, evaluation, command.intervention, draft)
            return Turn(answer, payload)
        if isinstance(command, AddNeed):
            label = rule_set.taxonomy.label(command.need)
            return Turn(f"La till behovet {label}.", payload, add_need=command.need)
        if isinstance(command, NeedNotRelevant):
            label = rule_set.taxonomy.label(command.need)
            return Turn(
                f"{label} är markerat som inte aktuellt.", payload, not_relevant=command.need
            )
        rows, summary = _edit(rule_set, state.rows, command)
    except EditError as error:
        return Turn(str(error), payload)
    return Turn(summary, payload, rows=rows, summary=summary)


def _edit(rule_set: RuleSet, rows: Rows, command: Command) -> tuple[Rows, str]:
    if isinstance(command, AddIntervention):
        return add_row(rows, rule_set, command.intervention)
    if isinstance(command, RemoveIntervention):
        return remove_row(rows, rule_set, command.intervention)
    if isinstance(command, SetField):
        return set_field(rows, rule_set, command.intervention, command.field, command.value)
    raise EditError(command.message if isinstance(command, Unresolved) else "Okänt kommando.")


def make_meeting_core(rule_set: RuleSet, recommender: Recommender) -> MeetingCore:
    """Build the meeting core for a rule set: its names and the needs reader of its lexicon."""
    lexicon = rule_set.lexicon

    def read(text: str, second_opinion: bool) -> Reading:
        return read_text(text, lexicon, second_opinion=second_opinion)

    return MeetingCore(rule_set, recommender, build_vocabulary(rule_set), read)
