"""Suicidal statements and self-harm in indirect words, with their status (round 6).

Sentences are new, written for these tests (not copied from the labelled sets), one or
two per mechanism, so that each mechanism is held by more than the sentence it came from.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text
from tests.domain.needs.alert_readings import acute


@pytest.mark.parametrize(
    ("text", "alert", "status"),
    [
        # Being a burden; not caring whether one lives.
        ("Barnen skulle ha det bättre utan mig, säger hon.", "suicide_risk", "present"),
        ("Han sa att alla skulle klara sig bättre utan honom.", "suicide_risk", "present"),
        ("det e skitsamma om jag dör", "suicide_risk", "present"),
        ("Hon säger att det spelar ingen roll om hon dör.", "suicide_risk", "present"),
        ("Jag känner mig bara som en börda för alla.", "suicide_risk", "uncertain"),
        ("ingen skulle sakna mig om jag dog", "suicide_risk", "uncertain"),
        ("Jag borde dö, det är vad jag förtjänar.", "suicide_risk", "present"),
        # Not waking, not being there any more; spoken forms.
        ("Vill helst somna och inte vakna.", "suicide_risk", "present"),
        ("Han har en önskan att inte vakna på morgonen.", "suicide_risk", "present"),
        ("vill inte va med mer ärligt talat", "suicide_risk", "present"),
        ("Jag ser inte nån anledning att fortsätta.", "suicide_risk", "present"),
        ("Han undrar om livet är värt att leva.", "suicide_risk", "uncertain"),
        ("Vet inte om jag vill leva.", "suicide_risk", "uncertain"),
        # Means and plans.
        ("Hon har tänkt svälja alla sina sömntabletter på en gång.", "suicide_risk", "present"),
        # All one's pills may be the prescription: a question for the team, not a plan.
        ("Hon har tänkt svälja alla sina sömntabletter.", "suicide_risk", "uncertain"),
        ("Han har hamstrat piller i en låda.", "suicide_risk", "present"),
        ("har googlat hur mycket paracetamol som behövs", "suicide_risk", "present"),
        ("Han har skaffat ett rep.", "suicide_risk", "present"),
        ("Hon har tänkt hoppa från ett höghus.", "suicide_risk", "present"),
        ("Han stod och ställde sig på rälsen i natt.", "suicide_risk", "present"),
        ("Hon har funderat på att köra av bron.", "suicide_risk", "present"),
        ("Han sa att han tog farväl av sin bror i telefon.", "suicide_risk", "uncertain"),
        ("Hon vill bara sova för alltid.", "suicide_risk", "present"),
        ("Ibland vill hon bara dö.", "suicide_risk", "present"),
        ("Han ser inte nån utväg längre.", "suicide_risk", "present"),
        ("Jag tänker på att ta livet av mej.", "suicide_risk", "present"),
        ("Hon säger att hon ska döda sig själv.", "suicide_risk", "present"),
        ("pallar inte leva mer", "suicide_risk", "present"),
        ("Hon har tappat lusten att leva.", "suicide_risk", "present"),
        ("Varför skulle jag ens leva?", "suicide_risk", "uncertain"),
        ("Jag har lämnat ett brev ifall något händer mig.", "suicide_risk", "uncertain"),
        ("Självskadehandlingar förekom i helgen.", "self_harm", "present"),
        ("Det vore bättre för alla om jag dog.", "suicide_risk", "present"),
        ("Hon är less på att leva.", "suicide_risk", "present"),
        ("Han tänker ta alla tabletterna.", "suicide_risk", "uncertain"),
        ("Hon har tankar på att inte vilja vakna.", "suicide_risk", "present"),
        ("Vet inte hur länge till jag orkar.", "suicide_risk", "uncertain"),
        ("Han säger att ingen kommer att sakna honom.", "suicide_risk", "uncertain"),
        ("Hon har skurit sig med glasbitar.", "self_harm", "present"),
        # Self-harm: ways and body parts.
        ("Hon skadar sig när hon får ångest.", "self_harm", "present"),
        ("Jag slog mig själv i huvudet tills det gjorde ont.", "self_harm", "present"),
        ("Han kliar sig blodig på händerna.", "self_harm", "present"),
        ("Hon bet sig i handleden under mötet.", "self_harm", "present"),
        ("cuttade igen i helgen", "self_harm", "present"),
        ("Personalen såg skärsår på låren.", "self_harm", "present"),
        ("Hon har slutat rispa sig.", "self_harm", "historical"),
    ],
)
def test_indirect_suicidal_statements_and_self_harm(
    lexicon: Lexicon, text: str, alert: str, status: str
) -> None:
    assert acute(text, lexicon).get(alert, ("—", ""))[0] == status


@pytest.mark.parametrize(
    ("text", "alert", "status"),
    [
        # A denial after the words, and distancing.
        ("Suicidtankar förnekades vid inskrivningen.", "suicide_risk", "negated"),
        ("Han tar avstånd från självskada.", "self_harm", "negated"),
        ("Vi har inte sett några tecken på självskada.", "self_harm", "negated"),
        ("Hon säger att hon aldrig skulle göra sig illa.", "self_harm", "negated"),
        # A stated past before or after: school years, "long ago", "it is long ago now".
        ("Hon rispade sig under gymnasiet.", "self_harm", "historical"),
        ("För länge sedan hade han tankar på att dö.", "suicide_risk", "historical"),
        ("Han ville dö när han var ung, men det är länge sedan nu.", "suicide_risk", "historical"),
        ("Hon skar sig ofta. Nu är det länge sen.", "self_harm", "historical"),
        ("Han skadade sig själv förr men har inte gjort det sedan.", "self_harm", "historical"),
        ("Självskadebeteende i anamnesen.", "self_harm", "historical"),
        ("Självskadebeteende förekommer inte.", "self_harm", "negated"),
        ("Läkaren bedömer att hon har låg suicidrisk.", "suicide_risk", "negated"),
        ("Hon gjorde ett suicidförsök i fjol.", "suicide_risk", "historical"),
        ("Jag har aldrig tänkt på att skada mej.", "self_harm", "negated"),
        # "senast": the last time decides.
        ("Har haft suicidtankar, senast för tre år sedan.", "suicide_risk", "historical"),
        ("Har dödstankar i perioder, senast i tisdags.", "suicide_risk", "present"),
        ("Hon har självmordstankar i perioder.", "suicide_risk", "present"),
        # A past habit stays past; a perfect with a frequency goes on.
        ("Förr skar hon sig varje vecka.", "self_harm", "historical"),
        ("Hon har skurit sig varje vecka.", "self_harm", "present"),
        # A negation in a condition does not reach the main clause after "så".
        ("Om hon inte får bo kvar så tar hon livet av sig.", "suicide_risk", "uncertain"),
        # Someone else: siblings and a best friend.
        ("Hennes lillebror tog livet av sig.", "suicide_risk", "other_person"),
        ("Min bästa vän skär sig.", "self_harm", "other_person"),
    ],
)
def test_status_of_suicidal_statements_and_self_harm(
    lexicon: Lexicon, text: str, alert: str, status: str
) -> None:
    assert acute(text, lexicon).get(alert, ("—", ""))[0] == status


@pytest.mark.parametrize(
    "text",
    [
        "Han tog livet av draken i spelet.",
        "Jag skar mig på brödkniven i morse.",
        "Han bränner sig alltid i solen.",
        "Hon hörde röster som inte fanns.",
        "Han sköter sig bra på jobbet.",
        "Hon mår bättre utan honom nu när de har separerat.",
        "Han är helt dödstrött efter nattpasset.",
        "Hon tar alla sina tabletter på morgonen.",
        "Jag skadade mig i fotbollen.",
        "Han skär sig i fingret när han lagar mat.",
        "Vi tog farväl av mormor i kyrkan.",
        "Skulderna är en stor börda för henne.",
        "Han har sökt hur mycket paracetamol man får ta vid feber.",
        "Jag är trött på livet i stan och vill flytta.",
        "Hon vill bara att det ska ta slut med bråken.",
        "Han kan göra sig illa på maskinerna utan handledning.",
        "Barnen skulle ha det bättre utan honom, säger mamman.",
    ],
)
def test_no_alert_for_accidents_games_and_other_meanings(lexicon: Lexicon, text: str) -> None:
    assert acute(text, lexicon, second_opinion=False) == {}
    # The second opinion may ask about a sentence like these; it never states a risk.
    assert {status for status, _ in acute(text, lexicon).values()} <= {"uncertain"}


def test_evidence_is_the_statement(lexicon: Lexicon) -> None:
    text = "Han säger att familjen skulle klara sig bättre utan honom."
    assert acute(text, lexicon)["suicide_risk"] == (
        "present",
        "familjen skulle klara sig bättre utan honom",
    )
    assert acute("Pappan tog livet av sig.", lexicon)["suicide_risk"][1] == "tog livet av sig"


@pytest.mark.parametrize(
    ("text", "alert", "status"),
    [
        ("Dottern är 13 år och har slutat äta.", "minor", "other_person"),
        ("Sonen, 16, bor hos pappan.", "minor", "other_person"),
        ("Han har slagit sin sambo flera gånger.", "violence", "present"),
        ("Exet hotade henne med kniv.", "violence", "present"),
        ("Hon blev sexuellt utnyttjad som barn.", "violence", "historical"),
    ],
)
def test_a_daughters_age_and_violence_in_other_words(
    lexicon: Lexicon, text: str, alert: str, status: str
) -> None:
    statuses = {s.id: s.status.value for s in read_text(text, lexicon).signals if s.kind == "alert"}
    assert statuses.get(alert) == status
