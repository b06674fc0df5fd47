"""Health status on unseen authors (round 10): new sentences, a few per mechanism."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon
from tests.domain.needs.alert_readings import need_statuses


@pytest.mark.parametrize(
    ("text", "need", "status"),
    [
        # A question answered no in the same sentence.
        ("Vi frågade om självmordstankar och hon skakade på huvudet.", "health.mental", "negated"),
        ("Hon tillfrågades om självskada och svarade nej.", "health.mental", "negated"),
        (
            "Vi frågade om tankar på att ta sitt liv och hon förnekade det.",
            "health.mental",
            "negated",
        ),
        ("Han förnekade tankar på att skada sig.", "health.mental", "negated"),
        ("Deltagaren har svarat 'nej' på frågan om självmordstankar.", "health.mental", "negated"),
        # A past stated by an age, a decade, school years or a larger number of years.
        ("Hon skar sig som 15-åring.", "health.mental", "historical"),
        ("Han gjorde ett suicidförsök på 80-talet.", "health.mental", "historical"),
        ("Hon tog en överdos för tjugo år sedan.", "health.mental", "historical"),
        ("Han rispade sig i högstadiet.", "health.mental", "historical"),
        # Said afterwards: it passed, years have gone, it stopped.
        ("Jag ville dö i våras men det gick över med samtal.", "health.mental", "historical"),
        ("Försökte hänga mig som ung. Det är tjugo år sedan nu.", "health.mental", "historical"),
        ("Jag försökte ta livet av mig, nu är det fem år sedan.", "health.mental", "historical"),
        ("Hon skar sig men har slutat sedan länge.", "health.mental", "historical"),
        ("Jag skar mig men har inte gjort det på tolv år.", "health.mental", "historical"),
        # Another person after "min": a "han"/"hon" that follows is theirs …
        ("Min bror säger att han dricker varje dag.", "health.substance_use", "other_person"),
        ("Min fru säger att hon är deprimerad.", "health.mental", "other_person"),
        # … but never for acute risk: a parent may speak of the person the meeting is about.
        ("Min son säger att han vill dö.", "health.mental", "present"),
        ("Min fru har sagt att hon vill ta livet av sig.", "health.mental", "present"),
        # People in general, or others where one works or lives.
        ("Jag jobbar med folk som har självmordstankar.", "health.mental", "other_person"),
        ("Min rumskamrat skar sig i natt.", "health.mental", "other_person"),
        # A lasting condition is not over because it was diagnosed at an age.
        ("Fick diagnosen autism som 10-åring.", "health.npf", "present"),
    ],
)
def test_health_status(text: str, need: str, status: str, lexicon: Lexicon) -> None:
    assert need_statuses(text, lexicon).get(need) == status


@pytest.mark.parametrize(
    ("text", "need", "status"),
    [
        # No denial: a question alone stays a question; "på riktigt" is no time.
        ("Vi frågade om självmordstankar.", "health.mental", "uncertain"),
        (
            "Jag har tänkt på att skära mig men har inte gjort det på riktigt.",
            "health.mental",
            "present",
        ),
        # A recent attempt is no past; someone else stopping ends nothing.
        ("Försökte ta livet av mig. Det är två veckor sedan.", "health.mental", "present"),
        (
            "Hon skadar sig själv igen efter att hennes kontaktperson slutade.",
            "health.mental",
            "present",
        ),
        # The writer's own words stay the writer's; without "min" a pronoun is the person.
        ("Efter att min man dog ville jag inte leva.", "health.mental", "present"),
        ("Min son säger att jag dricker för mycket.", "health.substance_use", "present"),
        ("Sambon säger att hon dricker.", "health.substance_use", "present"),
        # A diagnosis of something that passes can be over by an age.
        ("Hade ångest som 15-åring.", "health.mental", "historical"),
    ],
)
def test_health_status_negatives(text: str, need: str, status: str, lexicon: Lexicon) -> None:
    assert need_statuses(text, lexicon).get(need) == status


@pytest.mark.parametrize(
    ("text", "need", "expected"),
    [
        # "uppgav" (said) is no misspelt "uppgiven"; being alone for a while is no isolation.
        ("Mannen uppgav att han sover dåligt.", "daily_structure.motivation", None),
        ("Han är uppgiven inför framtiden.", "daily_structure.motivation", "present"),
        ("Jag blir orolig när jag är ensam på kvällen.", "social.isolation", None),
        ("Hon är ensam med barnen hela veckan.", "social.isolation", None),
        ("Han är ensam och har ingen att prata med.", "social.isolation", "present"),
    ],
)
def test_said_and_alone(text: str, need: str, expected: str | None, lexicon: Lexicon) -> None:
    assert need_statuses(text, lexicon).get(need) == expected


@pytest.mark.parametrize(
    ("text", "need", "expected"),
    [
        # A condition in the middle of a sentence is supposed; exercise soreness is no need.
        ("Vi ordnar fullmakt ifall han blir dement.", "health.physical", "uncertain"),
        ("Hon undrar vad som händer om hon blir sjukskriven.", "health.sick_leave", "uncertain"),
        ("Har ont i benen efter träningen.", "health.physical", None),
        ("Har ont i benen efter olyckan.", "health.physical", "present"),
    ],
)
def test_supposed_and_sore(text: str, need: str, expected: str | None, lexicon: Lexicon) -> None:
    assert need_statuses(text, lexicon).get(need) == expected
