"""The shallow grammar: needs said by composing words, with status and whole-phrase evidence."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text


def _needs(text: str, lexicon: Lexicon) -> set[tuple[str, str, str]]:
    reading = read_text(text, lexicon)
    for mention in reading.needs:
        assert text[mention.start : mention.end] == mention.evidence
    return {(m.evidence, m.id, m.status.value) for m in reading.needs}


def _signals(text: str, lexicon: Lexicon) -> set[tuple[str, str, str, str]]:
    reading = read_text(text, lexicon)
    return {(s.kind, s.id, s.status.value, s.evidence) for s in reading.signals}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A missing resource, with fillers and compounds.
        (
            "Klienten har inte någon egen lägenhet.",
            ("inte någon egen lägenhet", "housing.homeless", "present"),
        ),
        (
            "Har inte haft någon anställning.",
            ("inte haft någon anställning", "work_readiness.long_unemployment", "present"),
        ),
        (
            "Har aldrig haft något förvärvsarbete.",
            ("aldrig haft något förvärvsarbete", "work_readiness.never_worked", "present"),
        ),
        (
            "Har inget ställe att sova på ikväll.",
            ("inget ställe att sova på", "housing.homeless", "present"),
        ),
        (
            "Saknar grundskolekompetens i matematik.",
            ("Saknar grundskolekompetens", "work_readiness.education", "present"),
        ),
        # Inability and effort, to the end of the phrase.
        (
            "Kan inte gå tillbaka till sitt gamla yrke.",
            (
                "Kan inte gå tillbaka till sitt gamla yrke",
                "work_readiness.unclear_capacity",
                "present",
            ),
        ),
        (
            "Orkar max två timmar om dagen.",
            ("Orkar max två timmar om dagen", "work_readiness.unclear_capacity", "present"),
        ),
        (
            "Jag har inte kraft att jobba.",
            ("inte kraft att jobba", "work_readiness.unclear_capacity", "present"),
        ),
        # Absence and goals.
        (
            "Har inte varit på skolan sen oktober.",
            ("inte varit på skolan sen oktober", "work_readiness.absence", "present"),
        ),
        (
            "Slutade gå på praktiken efter en vecka.",
            ("Slutade gå på praktiken", "work_readiness.absence", "present"),
        ),
        (
            "Jag vill testa ett vanligt jobb.",
            ("vill testa ett vanligt jobb", "work_readiness.work_goal", "present"),
        ),
        ("Jag vill omskola mig.", ("vill omskola mig", "work_readiness.work_goal", "present")),
        # Arrears, with the period, and losing the home.
        (
            "Hyran inte är betald på tre månader.",
            ("Hyran inte är betald på tre månader", "housing.eviction_risk", "present"),
        ),
        (
            "Hyran inte är betald på tre månader.",
            ("Hyran inte är betald på tre månader", "economy.debt", "present"),
        ),
        (
            "Ligger två månader efter med hyran.",
            ("Ligger två månader efter med hyran", "housing.eviction_risk", "present"),
        ),
        (
            "Riskerar att förlora bostaden.",
            ("Riskerar att förlora bostaden", "housing.eviction_risk", "present"),
        ),
        (
            "Räkningarna ligger oöppnade i hallen.",
            ("Räkningarna ligger oöppnade", "economy.budget", "present"),
        ),
        # Sleeping rough.
        (
            "Har sovit i en trappuppgång.",
            ("sovit i en trappuppgång", "housing.homeless", "present"),
        ),
        # Words of degree belong to the evidence.
        ("Har mycket stora skulder.", ("mycket stora skulder", "economy.debt", "present")),
    ],
)
def test_the_grammar_reads_composed_needs(
    lexicon: Lexicon, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _needs(text, lexicon)


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("Risk för vräkning om hyran inte betalas i tid.", "economy"),
        ("Har inga pengar kvar efter hyran.", "housing"),
        ("Bor hos föräldrarna och trivs.", "housing"),
        ("Har praktik utan lön.", "economy"),
        ("Det är sjukt jobbigt just nu.", "health"),
        ("Har varken skulder eller betalningsanmärkningar.", "health"),
        ("Är skyldig att söka jobb.", "economy"),
        ("Har ingen aning vad jag vill jobba med.", "work_readiness"),
    ],
)
def test_the_grammar_does_not_overreach(lexicon: Lexicon, text: str, domain: str) -> None:
    assert not any(
        need_id.split(".")[0] == domain and status == "present"
        for _, need_id, status in _needs(text, lexicon)
    )


def test_living_with_others_is_a_need_only_when_unstable(lexicon: Lexicon) -> None:
    assert _needs("Bor hos sina föräldrar.", lexicon) == set()
    unstable = _needs("Bor hos sina föräldrar, relationen är ansträngd.", lexicon)
    assert ("Bor hos sina föräldrar", "housing.insecure", "present") in unstable
    # The person one lives with stays the subject of what follows.
    read = _needs("Bor med sin mamma som dricker, det är otryggt hemma.", lexicon)
    assert ("dricker", "health.substance_use", "other_person") in read


@pytest.mark.parametrize(
    "text",
    [
        "Bor hos sina föräldrar i villa, har eget rum.",
        "Hon bor kvar hos sin mamma och det funkar bra, hon har eget rum.",
        "Hon bor med sin sambo i hans lägenhet och vill inte flytta.",
        "Bor hos sin pappa och relationen är god.",
    ],
)
def test_living_with_others_that_works_is_no_need(lexicon: Lexicon, text: str) -> None:
    assert not any(need_id.startswith("housing.") for _, need_id, _ in _needs(text, lexicon))


@pytest.mark.parametrize(
    "text",
    [
        "Bor hos föräldrarna men vill flytta.",
        "Bor hos pappa men behöver flytta hemifrån.",
        "Bor hos sin syster och har inget eget rum.",
        "Hon bor hos sin syster i ett rum.",
    ],
)
def test_living_with_others_and_wanting_to_move_is_a_need(lexicon: Lexicon, text: str) -> None:
    assert ("housing.insecure", "present") in {(n, s) for _, n, s in _needs(text, lexicon)}


@pytest.mark.parametrize(
    ("text", "need", "status"),
    [
        ("Förut sov jag i bilen men nu har jag en egen etta.", "housing.homeless", "historical"),
        (
            "Han blev vräkt för två år sedan men har ett eget kontrakt.",
            "housing.homeless",
            "historical",
        ),
        (
            "Han var arbetslös i flera år men har nu jobb.",
            "work_readiness.long_unemployment",
            "historical",
        ),
        ("Har haft panikattacker flera gånger i veckan.", "health.mental", "present"),
        ("Han är inte sjukskriven längre.", "health.sick_leave", "historical"),
        ("Saknar helt inkomst sedan a-kassan upphörde.", "economy.no_income", "present"),
    ],
)
def test_past_and_present_markers(lexicon: Lexicon, text: str, need: str, status: str) -> None:
    assert {s for _, n, s in _needs(text, lexicon) if n == need} == {status}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Har sovit i en trappuppgång.",
            ("alert", "acute_homelessness", "present", "sovit i en trappuppgång"),
        ),
        (
            "Har ingenstans att bo i natt.",
            ("alert", "acute_homelessness", "present", "ingenstans att bo"),
        ),
        ("Han är född 2012.", ("alert", "minor", "present", "född 2012")),
        (
            "Barnen har vistats i en miljö med missbruk.",
            ("alert", "child_at_risk", "present", "Barnen har vistats i en miljö med missbruk"),
        ),
        ("Har diagnosen schizofreni.", ("diagnosis", "schizophrenia", "present", "schizofreni")),
        ("Har utmattningssyndrom.", ("diagnosis", "exhaustion", "present", "utmattningssyndrom")),
        ("Utreds för utbrändhet.", ("diagnosis", "exhaustion", "uncertain", "utbrändhet")),
        (
            "Jag går inte till psykiatrin längre.",
            ("in_place", "psykiatri-oppenvard", "historical", "psykiatrin"),
        ),
        ("Jag tackade nej till boendestöd.", ("in_place", "boendestod", "negated", "boendestöd")),
        ("God man är ansökt men inte beviljad.", ("in_place", "god-man", "uncertain", "God man")),
        ("Vi har diskuterat god man.", ("in_place", "god-man", "uncertain", "god man")),
        (
            "Hon klarar inte att vara på arbetsträningen.",
            ("in_place", "arbetstraning", "present", "arbetsträningen"),
        ),
        ("Saknar lön.", ("income", "lon", "negated", "lön")),
    ],
)
def test_signals_from_composed_text(
    lexicon: Lexicon, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in _signals(text, lexicon)


def test_no_psychiatric_outpatient_care_from_a_stay_in_hospital(lexicon: Lexicon) -> None:
    assert not any(
        kind == "in_place" for kind, *_ in _signals("Har varit inlagd på psyk.", lexicon)
    )
