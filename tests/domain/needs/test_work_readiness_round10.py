"""Work readiness on unseen authors (round 10): interpreters, job loss, job search, goals.

Sentences are new, written for these tests; the everyday sense is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text

LANGUAGE = "work_readiness.language"
LONG = "work_readiness.long_unemployment"
GOAL = "work_readiness.work_goal"
CAPACITY = "work_readiness.unclear_capacity"


def _work(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    return {
        (need.id, need.status.value)
        for need in read_text(text, lexicon).needs
        if need.domain == "work_readiness"
    }


def _statuses(text: str, need: str, lexicon: Lexicon) -> set[str]:
    return {status for need_id, status in _work(text, lexicon) if need_id == need}


@pytest.mark.parametrize(
    "text",
    [
        "Tolken berättar att han sover dåligt sedan flytten.",
        "Via tolk framkom att hon har ont i magen.",
        "Samtalet hölls med tolk på somaliska.",
    ],
)
def test_an_interpreter_mentioned_is_an_uncertain_language_need(
    lexicon: Lexicon, text: str
) -> None:
    assert _statuses(text, LANGUAGE, lexicon) == {"uncertain"}


@pytest.mark.parametrize(
    "text",
    [
        "Hon behöver tolk vid alla möten.",
        "Behov av tolk på tigrinja.",
        "Vi måste ha tolk nästa gång.",
        "Svenskan är ett hinder när han söker jobb.",
        "Min svenska är inte så bra än.",
    ],
)
def test_needing_an_interpreter_or_lacking_swedish_is_present(lexicon: Lexicon, text: str) -> None:
    assert "present" in _statuses(text, LANGUAGE, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Jag tolkar det som att hon är trött.",
        "Hur ska vi tolka hans tystnad?",
        "Hon förstår inte svenska myndigheter.",
    ],
)
def test_interpreting_and_swedish_as_an_adjective_are_no_language_need(
    lexicon: Lexicon, text: str
) -> None:
    assert _statuses(text, LANGUAGE, lexicon) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Hon blev av med jobbet på bageriet.",
        "Han har tappat jobbet.",
        "Den arbetssökande berättade om sin hund.",
        "Han är nyligen arbetslös.",
        "Arbetslös sedan maj, har redan en intervju nästa vecka.",
    ],
)
def test_a_job_loss_or_a_role_without_a_long_time_is_uncertain(lexicon: Lexicon, text: str) -> None:
    assert _statuses(text, LONG, lexicon) == {"uncertain"}


@pytest.mark.parametrize(
    "text",
    [
        "Hon blev av med jobbet 2019 och har inte arbetat sedan dess.",
        "Han har varit inskriven på AF sedan 2020.",
        "Jag sökte 150 jobb förra året utan svar.",
    ],
)
def test_a_long_time_or_many_searches_stay_long_unemployment(lexicon: Lexicon, text: str) -> None:
    assert "present" in _statuses(text, LONG, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Han söker jobb i Göteborg.",
        "Hon har sökt till folkhögskolan.",
        "Har sökt en yrkeshögskoleutbildning inom el.",
        "Söker nu jobb som svetsare.",
    ],
)
def test_a_job_search_is_an_uncertain_goal(lexicon: Lexicon, text: str) -> None:
    assert _statuses(text, GOAL, lexicon) == {"uncertain"}


@pytest.mark.parametrize(
    "text",
    [
        "Han har inte sökt arbete enligt planeringen.",
        "Hon söker hjälp för sin ångest.",
        "Han har sökt ekonomiskt bistånd.",
    ],
)
def test_no_search_or_a_search_for_something_else_is_no_goal(lexicon: Lexicon, text: str) -> None:
    assert _statuses(text, GOAL, lexicon) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Han har jobbat som chaufför i tjugo år och vill tillbaka till det.",
        "Hon arbetade på förskolan länge och vill gärna tillbaka dit.",
        "Han vill tillbaka till vårdbranschen.",
        "Hon pratar om att starta eget.",
        "Hon ska söka till folkhögskola i höst.",
        "Han vill byta yrke.",
        "Han vill ha hjälp att komma ut i arbete.",
    ],
)
def test_a_goal_in_other_words(lexicon: Lexicon, text: str) -> None:
    assert (GOAL, "present") in _work(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Hon vill tillbaka till Bosnien i sommar.",
        "Han vill tillbaka till Syrien fast han har jobb här.",
        "Han vill dö sedan han blev av med jobbet.",
        "Han har startat ett företag i natt, säger han.",
    ],
)
def test_a_wish_for_something_else_is_no_goal(lexicon: Lexicon, text: str) -> None:
    assert _statuses(text, GOAL, lexicon) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Jag ska skriva till FK att jag inte klarar halvtid.",
        "Hon säger att hon inte orkar jobba heltid.",
    ],
)
def test_a_negation_before_the_ability_verb_is_work_capacity(lexicon: Lexicon, text: str) -> None:
    assert (CAPACITY, "present") in _work(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Han sa att han inte orkar leva utan jobb.",
        "Jag orkar inte bry mig om nåt jobb just nu.",
        "FK bedömde att hon kan arbeta i normalt förekommande arbete.",
    ],
)
def test_a_will_to_live_or_an_assessed_capacity_is_no_unclear_capacity(
    lexicon: Lexicon, text: str
) -> None:
    assert (CAPACITY, "present") not in _work(text, lexicon)


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("Han har slutat gå till daglig verksamhet.", "work_readiness.absence"),
        ("Hon skolkar varje fredag.", "work_readiness.absence"),
        ("Han har mycket ojämn närvaro på kursen.", "work_readiness.absence"),
        ("Hon har svårt att gå till skolan.", "work_readiness.absence"),
        ("Saknar fullständiga gymnasiebetyg.", "work_readiness.education"),
        ("Han har ej påbörjat gymnasiet.", "work_readiness.education"),
        ("Jag är inte så bra på att läsa.", "work_readiness.education"),
        ("Han har inte fullföljt arbetsmarknadsutbildningen.", "work_readiness.absence"),
        ("Hon har svårt att förstå brev på svenska.", LANGUAGE),
        ("Hon har inte fått gå på SFI.", LANGUAGE),
        ("Metadonet påverkar möjligheten till heltidsarbete.", CAPACITY),
    ],
)
def test_absence_and_education_in_other_words(lexicon: Lexicon, text: str, need: str) -> None:
    assert (need, "present") in _work(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "Han har inte fullföljt gymnasiet.",
    ],
)
def test_not_finishing_school_is_education_not_absence(lexicon: Lexicon, text: str) -> None:
    assert ("work_readiness.education", "present") in _work(text, lexicon)
    assert ("work_readiness.absence", "present") not in _work(text, lexicon)


def test_missed_meetings_at_af_are_an_uncertain_absence(lexicon: Lexicon) -> None:
    assert _work("Han har missat två möten hos AF.", lexicon) == {
        ("work_readiness.absence", "uncertain")
    }


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Hon har fått en praktikplats på ett lager.", "negated"),
        ("Han mår bättre sedan han fick arbetsträning.", "negated"),
        ("Han har inte fått någon praktikplats.", "present"),
    ],
)
def test_a_placement_obtained_is_a_need_met(lexicon: Lexicon, text: str, status: str) -> None:
    assert _statuses(text, "work_readiness.work_training", lexicon) == {status}


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("Han vill gärna öka till heltid.", GOAL),
        ("Hon vill gå upp i tid.", GOAL),
        ("Bedömning av arbetsförmåga saknas.", CAPACITY),
        ("Skolgången har upphört.", "work_readiness.education"),
        ("Det är språket som hindrar honom.", LANGUAGE),
        ("Har inte haft någon kontakt med arbetsmarknaden på sex år.", LONG),
    ],
)
def test_more_work_readiness_in_other_words(lexicon: Lexicon, text: str, need: str) -> None:
    assert (need, "present") in _work(text, lexicon)
