"""Chat commands in plain Swedish, with fuzzy names."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.meeting import build_vocabulary, parse_command
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
)
from mgt_assistant.domain.rules import RuleSet

PLAN = ["kbt", "boendestod", "supported-employment"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ångra", Undo()),
        ("ångra senaste ändringen", Undo()),
        ("förslag", Propose()),
        ("Föreslå insatser", Propose()),
        ("Varför inte IPS?", WhyNot("ips")),
        ("varför KBT?", Why("kbt")),
        ("lägg till arbetsträning", AddIntervention("arbetstraning")),
        ("lägg till arbetstraning", AddIntervention("arbetstraning")),
        # The name is in the first sentence; talk after it does not pull the match away.
        (
            "lägg till IPS. Ibland river hen upp huden på armarna tills det blöder.",
            AddIntervention("ips"),
        ),
        ("Lägg till KBT! Han vill må bättre innan han börjar jobba.", AddIntervention("kbt")),
        ("Lägg till Supported Employmnet", AddIntervention("supported-employment")),
        ("ta bort KBT", RemoveIntervention("kbt")),
        ("stryk boendestöd", RemoveIntervention("boendestod")),
        ("Ändra enhet för KBT till psykiatri", SetField("kbt", "unit", "region/psykiatri")),
        ("ändra enhet för kbt till Vuxenpsykiatrin", SetField("kbt", "unit", "region/psykiatri")),
        ("ändra part för KBT till kommunen", SetField("kbt", "party", "kommun")),
        (
            "sätt kontaktperson för boendestöd till Anna Ek",
            SetField("boendestod", "contact_person", "Anna Ek"),
        ),
        ("ändra start för KBT till vecka 4", SetField("kbt", "start_week", 4)),
        ("flytta KBT till vecka 6", SetField("kbt", "start_week", 6)),
        ("ändra längd för KBT till 10 veckor", SetField("kbt", "weeks", 10)),
        ("ändra längd för KBT till 3 månader", SetField("kbt", "weeks", 13)),
        ("ändra status för KBT till pågår", SetField("kbt", "status", "pagaende")),
        ("lägg till behov skulder", AddNeed("economy.debt")),
        ("markera skulder som ej aktuellt", NeedNotRelevant("economy.debt")),
        ("ekonomi är inte aktuellt", NeedNotRelevant("economy")),
    ],
)
def test_commands_are_understood(rule_set: RuleSet, text: str, expected: Command) -> None:
    assert parse_command(text, build_vocabulary(rule_set), PLAN) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hon har skulder hos Kronofogden",
        "Jag vill ta ett jobb i lager",
        "Han mår bättre nu",
        "Ta det lugnt, säger hon",
        "",
    ],
)
def test_conversation_is_not_a_command(rule_set: RuleSet, text: str) -> None:
    assert parse_command(text, build_vocabulary(rule_set), PLAN) is None


def test_row_edits_match_only_rows_in_the_plan(rule_set: RuleSet) -> None:
    command = parse_command("ta bort IPS", build_vocabulary(rule_set), PLAN)
    assert isinstance(command, Unresolved)
    assert "i planen" in command.message


def test_unknown_names_are_said_not_guessed(rule_set: RuleSet) -> None:
    command = parse_command("lägg till xyzzy", build_vocabulary(rule_set), PLAN)
    assert command == Unresolved("Jag hittar ingen insats i insatskatalogen som liknar ”xyzzy”.")


def test_questions_about_what_is_not_proposed_and_new_fields(rule_set: RuleSet) -> None:
    vocabulary = build_vocabulary(rule_set)
    for text in ("varför inte IPS?", "Varför föreslås inte IPS?", "varför är inte IPS med?"):
        assert parse_command(text, vocabulary) == WhyNot("ips"), text
    assert parse_command("ändra fas för KBT till försteg", vocabulary, ["kbt"]) == SetField(
        "kbt", "phase", "forsteg"
    )
    assert parse_command(
        "sätt telefon för KBT till 0498-26 90 00", vocabulary, ["kbt"]
    ) == SetField("kbt", "contact_phone", "0498-26 90 00")
    assert parse_command("Hon vill visa att hon klarar det.", vocabulary) is None


def test_an_order_the_assistant_lacks_gets_the_list_of_commands(rule_set: RuleSet) -> None:
    command = parse_command("Spara beslutet nu", build_vocabulary(rule_set), PLAN)
    assert isinstance(command, Unresolved)
    assert command.message.startswith("Jag förstår inte kommandot ”Spara beslutet nu”.")
    assert "”förslag”" in command.message and "”ångra”" in command.message
