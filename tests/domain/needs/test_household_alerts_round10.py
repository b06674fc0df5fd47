"""Violence, a child at risk, a minor and acute homelessness in round 10.

Sentences are new, written for these tests (not copied from the labelled sets), one or two
per mechanism, each with a negative: the everyday sense the mechanism must leave alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon
from tests.domain.needs.alert_readings import of_kind


@pytest.mark.parametrize(
    ("text", "status", "evidence"),
    [
        # A bracketed age after a person noun or a name is the person's.
        ("Kuratorn: Tjejen (14) har slutat äta.", "present", "14"),
        ("Mamman berättar att Noah (15 år) inte sover.", "present", "15 år"),
        ("Hennes dotter (12) bor hos pappan.", "other_person", "12"),
        # A unit's name is no child: the age is the person's.
        ("Socialsekreterare barn och unga: Killen, 15 år, har rymt.", "present", "15 år"),
        # Turning 18 is being 17 now; spoken "e" is "är".
        ("Han fyller 18 i juni och vill flytta hemifrån.", "present", "18"),
        ("ja e 16 å har ingenstans att bo", "present", "16"),
        # A genitive owner makes the child someone else's.
        ("Kl:s son 14 år har slutat gå till skolan.", "other_person", "14 år"),
        ("Annas dotter 13 år bor hos mormor.", "other_person", "13 år"),
    ],
)
def test_minor_ages_are_read(lexicon: Lexicon, text: str, status: str, evidence: str) -> None:
    assert (status, evidence) in of_kind(text, lexicon, "minor")


@pytest.mark.parametrize(
    "text",
    [
        "Skulderna (12) är många.",  # a bracketed number after no person
        "Hon har köpt lotter (15 st).",
        "Han har jobbat 14 år som snickare.",  # a duration after a supine
        "Hon har bott 16 år i Malmö.",
        "Hon fyllde 18 i juni.",  # turned 18: an adult
    ],
)
def test_numbers_that_are_no_minor_age(lexicon: Lexicon, text: str) -> None:
    assert not [s for s, _ in of_kind(text, lexicon, "minor") if s == "present"]


@pytest.mark.parametrize(
    ("text", "status", "evidence"),
    [
        ("Han slog mig i ansiktet igår.", "present", "slog mig"),
        ("Exet hotar att ta med sig barnen utomlands.", "present", "hotar att ta med"),
        ("Han hotade att slå henne och sig själv.", "present", "hotade att slå henne"),
        ("Han är dömd för misshandel av sin fru.", "present", "misshandel"),
        # A court case is the team's question, not violence read as present.
        ("Han har en rättegång i mars gällande misshandel.", "uncertain", "misshandel"),
        ("Mannen tar hennes lön, ekonomiskt våld?", "uncertain", "ekonomiskt våld"),
        ("Grannarna hör skrik från lägenheten varje helg.", "uncertain", "skrik från lägenheten"),
        ("Hon blev utslängd av sin sambo i helgen.", "uncertain", "utslängd av sin sambo"),
        ("Hennes pappa blir aggressiv när han dricker.", "uncertain", "aggressiv när han"),
        ("Hon har vuxit upp med våld från styvpappan.", "present", "våld från styvpappan"),
        ("De lever i en lugn relation, inget våld.", "negated", "inget våld"),
        # A past blow to oneself stays in sight as a question (an accident, or self-harm).
        ("Jag slog mig på armarna.", "uncertain", "slog mig"),
        # A threat of suicide held over a partner who would leave is control.
        ("Han hotar att ta livet av sig om jag lämnar honom.", "uncertain", "hotar att ta livet"),
        ("Hon har blåmärken på halsen igen.", "uncertain", "blåmärken på halsen"),
        ("Min sambo blir hotfull när han druckit.", "uncertain", "hotfull när han druckit"),
    ],
)
def test_violence_is_read(lexicon: Lexicon, text: str, status: str, evidence: str) -> None:
    found = of_kind(text, lexicon, "violence")
    assert any(s == status and evidence in e for s, e in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Jag slår mig på benen när ångesten kommer.",  # one's own blow: self-harm
        "slog mig i armbågen på fotbollen",  # an accident, no subject
        "Han hotade att ta livet av sig om hon gick.",  # a threat against himself
        "Hon har hotat att hoppa från bron och döda sig.",
        "Han har vittnat vid en misshandel i centrum.",  # a witness, no victim
        "Hon har tvångstankar om att skada andra.",  # intrusive thoughts, no threat
        "Jag blir arg när jag dricker.",  # one's own anger: no one else's violence
    ],
)
def test_blows_and_threats_against_oneself_are_no_violence(lexicon: Lexicon, text: str) -> None:
    assert not [s for s, _ in of_kind(text, lexicon, "violence") if s == "present"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Barnen (2 och 6) var ensamma hemma hela kvällen.", "present"),
        ("Hon har en dotter på 5 år som ofta är ensam hemma.", "present"),
        ("Barnen har varit hemma själva i tre dagar.", "present"),
        ("Barnen har sett när pappa slog mamma.", "present"),
        # Violence in the text, and the children saw or heard it.
        ("Han slår mig när han är full. Barnen har hört allt.", "present"),
        ("Han skriker och kallar mig idiot inför barnen, och har slagit mig.", "present"),
        ("Pappan skriker på barnen varje kväll.", "uncertain"),
        ("Barnen omhändertogs enligt LVU i går.", "present"),
        ("Det finns oro för barnen.", "present"),
        # A minor whose parent drinks; an adult in the home who touches the child.
        ("Jag är 15 och mamma dricker varje helg.", "present"),
        ("Flickan berättar att styvpappan rör på henne.", "present"),
    ],
)
def test_child_at_risk_is_read(lexicon: Lexicon, text: str, status: str) -> None:
    found = of_kind(text, lexicon, "child_at_risk")
    assert status in [s for s, _ in found], found


@pytest.mark.parametrize(
    "text",
    [
        "Sonen slår sig själv i huvudet när han blir arg.",  # the child's own act
        "Pojken har slagit näven i dörren och brutit handen.",
        "Sonen, 26 år, blev misshandlad på stan.",  # an adult son
        "Mannen omhändertogs enligt LPT under natten.",  # adult custody
        "Ambulansen omhändertog honom vid stationen.",
        "Jag är orolig för min son, han sover dåligt.",  # a parent's worry
        "Jag är ensam hemma med barnen hela dagarna.",  # the parent is alone, not the child
        "Han slog mig förra året. Jag bor nu med mina barn i en ny lägenhet.",
        "Jag är 35 och mamma dricker varje helg.",  # an adult's parent drinks
        "Pappa tar på henne jackan innan skolan.",  # a parent helping, no abuse
    ],
)
def test_no_child_at_risk_in_everyday_sense(lexicon: Lexicon, text: str) -> None:
    assert not [s for s, _ in of_kind(text, lexicon, "child_at_risk") if s == "present"]


@pytest.mark.parametrize(
    ("text", "status", "evidence"),
    [
        ("Klienten sover på härbärget sedan i fredags.", "present", "sover på härbärget"),
        # A shelter bed is a roof tonight: a question, not an acute alert.
        ("Han har bott på ett härbärge sedan i våras.", "uncertain", "härbärge"),
        ("Hon har ett akutboende via soc.", "uncertain", "akutboende"),
        ("Hon blev utkastad av sin man i kväll.", "present", "utkastad"),
        ("Kvinnan vräktes i morse.", "present", "vräktes"),
        ("det e så att ja har inge ställe å sova", "present", "inge ställe å sova"),
        ("Han ska ut den 1:a och har inget annat boende ordnat.", "uncertain", "inget annat"),
        ("De har ingen lägenhet att återvända till.", "uncertain", "ingen lägenhet att"),
        # Homelessness from a later date or under a condition is a question, not tonight.
        ("Hon har ingenstans att bo efter den 15:e.", "uncertain", "ingenstans att bo"),
        ("Om han förlorar jobbet står han på gatan.", "uncertain", "står han på gatan"),
        ("Hon vågar inte åka hem i natt.", "uncertain", "vågar inte åka hem i natt"),
        ("Ett avhysningsbeslut kom i går.", "uncertain", "avhysningsbeslut"),
    ],
)
def test_acute_homelessness_is_read(
    lexicon: Lexicon, text: str, status: str, evidence: str
) -> None:
    found = of_kind(text, lexicon, "acute_homelessness")
    assert any(s == status and evidence in e for s, e in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Han blev vräkt för två år sedan och bor nu i egen lägenhet.",
        "Han har inget annat boende än hos mamma, och trivs där.",
        "Hon bodde på härbärge förut men har nu kontrakt.",
    ],
)
def test_no_acute_homelessness_without_acute_words(lexicon: Lexicon, text: str) -> None:
    assert not [s for s, _ in of_kind(text, lexicon, "acute_homelessness") if s == "present"]


@pytest.mark.parametrize(
    "text",
    [
        "Jag slår mig på armarna när jag får ångest.",
        "Jag slår mig på låren när ångesten kommer.",
        "ja slår mig i huvet när allt blir för mycket",
    ],
)
def test_a_blow_to_oneself_told_as_a_habit_is_self_harm_to_ask_about(
    lexicon: Lexicon, text: str
) -> None:
    assert [s for s, _ in of_kind(text, lexicon, "self_harm")] == ["uncertain"]
    assert of_kind(text, lexicon, "violence") == []
