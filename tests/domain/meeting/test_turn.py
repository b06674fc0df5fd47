"""A turn of the conversation: needs understood, questions in order, proposals, why."""

from __future__ import annotations

from dataclasses import replace

from mgt_assistant.domain.meeting import MeetingCore, MeetingState, NeedRecord, highlight, respond
from mgt_assistant.domain.meeting.profile import rows_to_review, summarise_needs
from mgt_assistant.domain.rules import Fact


def _after(state: MeetingState, turn_needs: list[tuple[str, str]]) -> MeetingState:
    records = tuple(NeedRecord(n, n.split(".")[0], s, "detected") for n, s in turn_needs)
    return replace(state, needs=state.needs + records)


def test_reply_names_the_need_its_status_and_evidence(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    turn = respond(core, empty_state, "Han har skulder hos Kronofogden.")
    assert [m.id for m in turn.mentions] == ["economy.debt"]
    assert turn.reply.startswith("Jag uppfattade: Skulder")
    assert "”skulder”" in turn.reply
    assert turn.payload["needs"][0]["status"] == "present"


def test_questions_come_one_at_a_time_in_order_and_skip_known_domains(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    first = respond(core, empty_state, "Han har skulder.")
    # Economy is known now, so the first question is about housing.
    assert first.payload["asked"] == "housing"
    assert first.reply.endswith("Hur ser boendesituationen ut?")
    state = replace(_after(empty_state, [("economy.debt", "present")]), asked=("housing",))
    second = respond(core, state, "Det vet vi inte.")
    assert second.payload["asked"] == "health"
    state = replace(state, asked=("housing", "health"))
    third = respond(core, state, "Han är arbetslös sedan länge.")
    # Work is now known; housing and health were asked; nothing more to ask.
    assert "asked" not in third.payload
    assert "förslag" in third.reply


def test_negated_needs_make_a_domain_known(core: MeetingCore, empty_state: MeetingState) -> None:
    turn = respond(core, empty_state, "Han har inga skulder.")
    assert turn.mentions[0].status == "negated"
    assert turn.payload["asked"] == "housing"


def test_talk_never_fills_the_plan_even_when_all_core_domains_are_known(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    state = _after(
        empty_state,
        [("housing.eviction_risk", "present"), ("economy.debt", "present"), ("health", "negated")],
    )
    turn = respond(core, state, "Han är arbetslös sedan fem år.")
    assert turn.rows is None
    assert "alla fyra kärnområden" in turn.reply
    assert "Föreslå insatser" in turn.reply
    # The team asks; only then do rows come.
    proposal = respond(
        core, _after(state, [("work_readiness.long_unemployment", "present")]), "förslag"
    )
    assert proposal.rows is not None
    assert {"social", "arbetsliv"} <= {row.lane for row in proposal.rows}


def test_a_proposal_leaves_out_what_the_team_removed(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    state = _after(empty_state, [("economy.debt", "present"), ("housing.eviction_risk", "present")])
    first = respond(core, state, "förslag")
    assert first.rows is not None
    gone = first.rows[0].intervention_id
    kept = tuple(r for r in first.rows if r.intervention_id != gone)
    again = respond(core, replace(state, rows=kept, removed=(gone,)), "förslag")
    assert again.rows is None
    assert again.payload["kept_out"] == [gone]
    assert "Borttaget av teamet lades inte tillbaka" in again.reply
    # Without the removal on record the same proposal would bring it back.
    assert respond(core, replace(state, rows=kept), "förslag").payload["added"] == [gone]


def test_a_question_is_not_evidence(core: MeetingCore, empty_state: MeetingState) -> None:
    asked = respond(core, empty_state, "Har han skulder? Han är deprimerad.")
    assert [m.id for m in asked.mentions] == ["health.mental"]
    assert respond(core, empty_state, "Varför föreslås inte IPS?").payload["command"] == "WhyNot"
    # A statement that ends in a question still tells something.
    told = respond(core, empty_state, "Jag har skulder, vad ska jag göra?")
    assert [m.id for m in told.mentions] == ["economy.debt"]
    assert not respond(core, empty_state, "Vad gör vi åt skulder?").mentions


def test_a_later_negation_replaces_an_earlier_statement(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    said = NeedRecord("health.sick_leave", "health", "present", "confirmed", "sjukskriven", 1)
    later = NeedRecord("health.sick_leave", "health", "negated", "detected", "sjukskriven", 2)
    summary = summarise_needs([said, later], core.rule_set.taxonomy)[0]
    assert summary.status == "negated" and not summary.counts
    # Both statements stay as evidence; a later yes turns it back.
    again = NeedRecord("health.sick_leave", "health", "present", "detected", "sjukskriven igen", 3)
    back = summarise_needs([said, later, again], core.rule_set.taxonomy)[0]
    assert back.status == "present" and back.evidence == ("sjukskriven", "sjukskriven igen")
    # "Inte sjukskriven längre" reads as historical: said later, the need is over now ...
    past = NeedRecord("health.sick_leave", "health", "historical", "detected", "förr", 4)
    assert summarise_needs([said, past], core.rule_set.taxonomy)[0].status == "historical"
    # ... but within one message the mention that calls for action wins.
    same = NeedRecord("health.sick_leave", "health", "historical", "detected", "förr", 1)
    assert summarise_needs([said, same], core.rule_set.taxonomy)[0].status == "present"


def test_unknown_commands_get_help_not_a_needs_reading(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    turn = respond(core, empty_state, "visa planen")
    assert turn.reply.startswith("Jag förstår inte kommandot ”visa planen”. Kommandon jag förstår:")
    assert "inga nya behov" not in turn.reply and turn.rows is None
    typo = respond(core, empty_state, "lägg till trollkonst")
    assert typo.reply == "Jag hittar ingen insats i insatskatalogen som liknar ”trollkonst”."
    assert respond(core, empty_state, "hjälp").reply.startswith("Kommandon jag förstår:")


def test_proposal_runs_parallel_care_and_keeps_team_rows(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    state = _after(
        empty_state,
        [
            ("housing.homeless", "present"),
            ("economy.debt", "present"),
            ("health.mental", "present"),
            # Work-track rows need a work or studies need (issue 9).
            ("work_readiness.long_unemployment", "present"),
        ],
    )
    turn = respond(core, state, "förslag")
    assert turn.rows is not None and turn.summary
    care = [r for r in turn.rows if r.lane == "vard"]
    work = [r for r in turn.rows if r.lane == "arbetsliv"]
    assert care and work
    # Care starts while the work-oriented steps are under way (parallel, not in sequence).
    assert min(r.start_week for r in care) < max(r.end_week for r in work)
    again = respond(core, replace(state, rows=turn.rows), "förslag")
    assert again.rows is None
    assert again.reply == "Planen innehåller redan allt som reglerna föreslår."


def test_why_and_why_not(core: MeetingCore, empty_state: MeetingState) -> None:
    state = _after(empty_state, [("health.mental", "present")])
    why = respond(core, state, "varför KBT?")
    assert "regel HAL-02" in why.reply
    assert "Psykisk ohälsa" in why.reply
    why_not = respond(core, state, "varför inte bostad först?")
    assert why_not.reply.startswith("Bostad först föreslås inte: behovet finns inte")


def test_edits_and_their_errors(core: MeetingCore, empty_state: MeetingState) -> None:
    added = respond(core, empty_state, "lägg till arbetsträning")
    assert added.rows is not None and added.summary == "La till Arbetsträning."
    state = replace(empty_state, rows=added.rows)
    again = respond(core, state, "lägg till arbetsträning")
    assert again.rows is None and again.reply == "Arbetsträning finns redan i planen."
    moved = respond(core, state, "ändra enhet för arbetsträning till socialtjänsten")
    assert moved.rows is not None
    assert (moved.rows[0].party, moved.rows[0].unit) == ("kommun", "socialtjanst")
    bad = respond(core, state, "ändra längd för arbetsträning till 0 veckor")
    assert bad.rows is None and bad.reply == "Ange ett antal veckor mellan 1 och 260."
    # Week numbers mean one thing: vecka 3 is the plan's third week (offset 2), shown v. 3.
    moved = respond(core, state, "flytta arbetsträning till vecka 3")
    assert moved.rows is not None and moved.rows[0].start_week == 2
    assert moved.summary == "Start är nu vecka 3 för Arbetsträning."
    first = respond(core, state, "ändra start för arbetsträning till vecka 1")
    assert first.rows is not None and first.rows[0].start_week == 0
    zero = respond(core, state, "flytta arbetsträning till vecka 0")
    assert zero.rows is None and zero.reply == "Ange en startvecka mellan 1 och 260."
    phase = respond(core, state, "ändra fas för arbetsträning till matchning till nästa steg")
    assert phase.rows is not None and phase.rows[0].phase == "matchning"
    assert phase.summary == "Fasen är nu matchning till nästa steg för Arbetsträning."


def test_undo_and_need_commands_are_handed_to_the_caller(
    core: MeetingCore, empty_state: MeetingState
) -> None:
    assert respond(core, empty_state, "ångra").undo
    assert respond(core, empty_state, "lägg till behov skulder").add_need == "economy.debt"
    assert respond(core, empty_state, "ekonomi är inte aktuellt").not_relevant == "economy"


def test_highlight_marks_evidence_and_skips_bad_spans() -> None:
    segments = highlight(
        "Han har skulder nu", [(8, 15, "economy.debt", "present"), (9, 30, "x", "y")]
    )
    assert [(s.text, s.need) for s in segments] == [
        ("Han har ", None),
        ("skulder", "economy.debt"),
        (" nu", None),
    ]


def test_why_not_names_the_drafters_reason(core: MeetingCore, empty_state: MeetingState) -> None:
    state = _after(empty_state, [("health.mental", "present")])
    # KBT is the psychological treatment chosen; ACT in group is its alternative.
    act = respond(core, state, "varför inte ACT i grupp?")
    assert act.reply.startswith("ACT i grupp föreslås inte: alternativ till")
    had = replace(
        state,
        case=replace(state.case, services_in_place=(Fact("kbt", "går redan i KBT"),)),
    )
    kbt = respond(core, had, "varför inte KBT?")
    assert kbt.reply.startswith("KBT – kognitiv beteendeterapi pågår redan (Kommunen, Utbildning")
    assert kbt.reply.endswith("”går redan i KBT”.")


def test_rows_whose_need_is_no_longer_relevant_are_marked(core: MeetingCore) -> None:
    taxonomy = core.rule_set.taxonomy
    plan = {"kbt": ("health.mental",), "budget-skuldradgivning": ("economy.debt",)}
    said = NeedRecord("health.mental", "health", "present", "detected", "deprimerad", 1)
    debt = NeedRecord("economy.debt", "economy", "present", "detected", "skulder", 1)
    assert rows_to_review(plan, summarise_needs([said, debt], taxonomy)) == {}
    rejected = replace(debt, review="rejected")
    marked = rows_to_review(plan, summarise_needs([said, rejected], taxonomy))
    assert list(marked) == ["budget-skuldradgivning"]
    assert marked["budget-skuldradgivning"].startswith("Behovet är inte aktuellt längre (Skulder")
    # A row added for a need never mentioned is not marked.
    assert (
        rows_to_review({"tolk": ("language.interpreter",)}, summarise_needs([said], taxonomy)) == {}
    )
