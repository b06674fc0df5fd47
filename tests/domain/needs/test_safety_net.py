"""The safety net for suicidal statements and self-harm (round 7), both ways.

Sentences are new, written for these tests (not copied from the labelled sets): what the
net composes from word classes is read uncertain with the exact words as evidence, the
status machinery keeps negated, past and someone else's readings, and idioms, accidents,
violence by another and jokes are left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text
from mgt_assistant.domain.needs.extractor import scan
from mgt_assistant.domain.needs.safety_net import with_safety_net
from tests.domain.needs.alert_readings import acute


@pytest.mark.parametrize(
    ("text", "alert", "evidence"),
    [
        # A word of dying with a wish, plan or ability before it.
        ("Hon längtar efter att få dö.", "suicide_risk", "få dö"),
        ("Hon önskar att hon fick dö innan vintern.", "suicide_risk", "fick dö"),
        ("Jag tänker ofta att jag hellre dör.", "suicide_risk", "hellre dör"),
        # Not living, not existing, stopping breathing, ending, leaving life.
        ("Jag vill inte existera mer.", "suicide_risk", "inte existera"),
        ("ibland vill ja bara sluta andas", "suicide_risk", "sluta andas"),
        ("Han tycker att det vore bäst om han inte finns.", "suicide_risk", "han inte finns"),
        ("Hon säger att hon är klar med livet.", "suicide_risk", "klar med livet"),
        ("Han vill lämna livet.", "suicide_risk", "lämna livet"),
        ("Han pratar om att göra slut på alltihop.", "suicide_risk", "göra slut på alltihop"),
        ("Jag vill sova och inte stiga upp igen.", "suicide_risk", "sova och inte stiga upp"),
        ("kms ärligt", "suicide_risk", "kms"),
        # Means: pills with a hoard, a number or a lethal dose; rope; heights; a weapon.
        ("Hon har gömt tabletter under madrassen.", "suicide_risk", "gömt tabletter"),
        ("Han har 40 sobril i en påse.", "suicide_risk", "40 sobril"),
        ("Han har läst på om en dödlig dos paracetamol.", "suicide_risk", "dos paracetamol"),
        ("Han har köpt en snara på nätet.", "suicide_risk", "köpt en snara"),
        ("Han åkte till bron i natt och stod där länge.", "suicide_risk", "åkte till bron"),
        ("Han har frågat efter sitt gamla gevär.", "suicide_risk", "gevär"),
        ("Hon har skickat ett sista sms till sin bror.", "suicide_risk", "sista sms"),
        # Self-harm: a harming verb on oneself or on one's own body.
        ("Hon ristar sig med en nål.", "self_harm", "ristar sig"),
        ("Han river sig på låren när det blir för mycket.", "self_harm", "river sig på låren"),
        ("Jag dunkar huvudet i golvet.", "self_harm", "dunkar huvudet i golvet"),
        ("Hon biter sina händer tills det blöder.", "self_harm", "biter sina händer"),
        ("Skador på armarna, självtillfogade enligt honom.", "self_harm", "självtillfogade"),
        ("brukar nypa mig hårt när jag får ångest", "self_harm", "nypa mig"),
        # Added after check set 9's first score: nothing left to live for, no point going on,
        # not surviving, sleeping away, lying on the tracks, stabbing, marks on the arms.
        ("Det finns ingenting kvar att leva för.", "suicide_risk", "ingenting kvar att leva"),
        ("Ingen mening att fortsätta längre.", "suicide_risk", "Ingen mening att fortsätta längre"),
        ("Hon vill bara få somna in.", "suicide_risk", "få somna in"),
        ("Han har tänkt lägga sig på rälsen.", "suicide_risk", "lägga sig på rälsen"),
        ("Han har samlat på sig värktabletter.", "suicide_risk", "samlat på sig värktabletter"),
        ("Hon sticker sig med nålar i låret.", "self_harm", "sticker sig"),
        ("Det finns ärr på underarmarna.", "self_harm", "ärr på underarmarna"),
        ("Därför slår jag min hand mot bordet.", "self_harm", "slår jag min hand mot bordet"),
    ],
)
def test_the_net_reads_unlisted_wordings_as_uncertain(
    lexicon: Lexicon, text: str, alert: str, evidence: str
) -> None:
    assert acute(text, lexicon)[alert] == ("uncertain", evidence)


@pytest.mark.parametrize(
    ("text", "alert", "status"),
    [
        ("Jag har aldrig velat sluta andas, det vill jag säga.", "suicide_risk", "negated"),
        (
            "Förut ville jag hoppa från taket, men det är länge sen nu.",
            "suicide_risk",
            "historical",
        ),
        ("Min kusin river sig på armarna.", "self_harm", "other_person"),
        ("Hans morbror har skaffat ett rep, säger han.", "suicide_risk", "other_person"),
    ],
)
def test_the_net_keeps_the_status_of_the_context(
    lexicon: Lexicon, text: str, alert: str, status: str
) -> None:
    assert acute(text, lexicon)[alert][0] == status


@pytest.mark.parametrize(
    "text",
    [
        # Dying of or for something, nearly dying, someone else killing one, games.
        "Jag dör av skratt när hon berättar.",
        "Han är beredd att dö för sitt lag.",
        "Jag höll på att dö nästan av tristess.",
        "Pappa kommer att döda mig om jag missar bussen.",
        "Vi ska döda draken i spelet i kväll.",
        "Min telefon dog igen.",
        "Han är dödstrött efter passet.",
        "Det var tråkigt ihjäl på kursen.",
        "Livet leker just nu!",
        # Living on or with something; things that do not exist; breathing.
        "Det finns inte några lediga tider.",
        "Jag kan inte andas när jag springer.",
        "Hon vill inte fortsätta utbildningen.",
        "Han vill inte fortsätta med kursen.",
        "Hon har ett ärr på knät efter en operation.",
        "Mormor somnade in stilla i natt.",
        # Jumping off, ropes, pills taken as prescribed.
        "Jag hoppar av kursen i vår.",
        "Barnen hoppar rep på gården.",
        "Hon tar sina tabletter varje morgon.",
        # Self-harm verbs in idioms, accidents and another's violence.
        "Han slog sig ner i soffan.",
        "Hon slår sig för bröstet.",
        "Han skar sig i fingret på en konservburk av misstag.",
        "Jag slog mig i huvudet när jag ramlade på isen.",
        "Hennes pojkvän slår mig när han är full.",
        "Min chef har bitit mig i örat, skämt åsido.",
        # A joke: the net adds nothing.
        "Jobbet dödar mig snart, haha.",
        "Jag vill bara sluta andas lol, så trött på matte",
    ],
)
def test_idioms_accidents_and_jokes_are_left_alone(lexicon: Lexicon, text: str) -> None:
    assert acute(text, lexicon, second_opinion=False) == {}
    # The second opinion may ask about a sentence like these; it never states a risk.
    assert {status for status, _ in acute(text, lexicon).values()} <= {"uncertain"}


@pytest.mark.parametrize(
    ("text", "alert", "evidence"),
    [
        # A joke about dying is still a question, not a fact, and not nothing.
        ("Jobbet kommer att ta död på mig, haha.", "suicide_risk", "ta död på mig"),
        ("Hon sa att hon vill dö, lite skämtsamt.", "suicide_risk", "vill dö"),
    ],
)
def test_a_joke_makes_a_lexicon_reading_uncertain(
    lexicon: Lexicon, text: str, alert: str, evidence: str
) -> None:
    assert acute(text, lexicon)[alert] == ("uncertain", evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Jag vill inte leva på bidrag längre.",
        "Hon vill inte leva med honom mer.",
        "Det skar sig mellan dem på jobbet.",
        "Jag brände mig på ugnsplåten när jag bakade.",
    ],
)
def test_lexicon_readings_in_idioms_are_dropped(lexicon: Lexicon, text: str) -> None:
    assert acute(text, lexicon, second_opinion=False) == {}
    assert {status for status, _ in acute(text, lexicon).values()} <= {"uncertain"}


def test_the_net_reads_nothing_where_the_lexicon_has_read_the_alert(lexicon: Lexicon) -> None:
    found = scan("Hon har självmordstankar och vill bara dö.", lexicon)
    assert with_safety_net(found, lexicon) is found


def test_a_net_alert_shows_an_uncertain_mental_health_need(lexicon: Lexicon) -> None:
    reading = read_text("Jag vill inte existera mer.", lexicon)
    mental = [need for need in reading.needs if need.id == "health.mental"]
    assert [(need.status.value, need.evidence) for need in mental] == [
        ("uncertain", "inte existera")
    ]
