"""Housing in other words (round 10): a friend's sofa, second-hand flats, no place after.

Sentences are new, written for these tests; the everyday sense is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text
from tests.domain.needs.alert_readings import need_statuses


def _signals(text: str, lexicon: Lexicon) -> set[tuple[str, str, str]]:
    return {
        (str(signal.kind), signal.id, signal.status.value)
        for signal in read_text(text, lexicon).signals
    }


@pytest.mark.parametrize(
    ("text", "need"),
    [
        # A friend's place, also with the subject after the verb.
        ("Just nu bor han hos en polare i Gävle.", "housing.homeless"),
        ("Nu sover jag hos en kompis, sen vet jag inte.", "housing.homeless"),
        ("Hon sover på en väns soffa sedan i måndags.", "housing.homeless"),
        ("Han flyttar runt hos olika bekanta.", "housing.homeless"),
        ("Hon vet inte vart hon ska ta vägen i kväll.", "housing.homeless"),
        ("Står han på gatan efter nyår?", "housing.homeless"),
        # Second-hand flats and contracts that run out.
        ("Familjen hyr en andrahandslägenhet i Västerås.", "housing.insecure"),
        ("Hans hyreskontrakt går ut i april.", "housing.insecure"),
        ("Han vet inte var han ska bo efter sommaren.", "housing.insecure"),
        ("Hon kan inte bo här för alltid, säger hon.", "housing.insecure"),
        ("Han bor på HVB sedan i höstas.", "housing.insecure"),
        ("Hon har ett träningskontrakt via socialtjänsten.", "housing.insecure"),
        # Keeping the home.
        ("Han klarar inte att hålla ordning i lägenheten.", "housing.support"),
        ("Lägenheten är full av grejer ända upp till taket.", "housing.support"),
    ],
)
def test_housing_need_is_read(lexicon: Lexicon, text: str, need: str) -> None:
    assert need_statuses(text, lexicon, "housing").get(need) in ("present", "uncertain")


@pytest.mark.parametrize(
    "text",
    [
        # A treatment home as a place of work or events, not the person's housing.
        "Personalen på HVB-hemmet ringde i morse.",
        "Hon berättade det för kuratorn på HVB.",
        # A secret is no homelessness, and exhaustion is no debt.
        "Det där är mitt hemlis, säger hon och skrattar.",
        "Jag är så utmattad efter veckan.",
        "Han fikar hos en kompis på lördag.",
        # Order among papers is money or everyday life, not the home.
        "Hon har svårt att hålla ordning på sina kvitton.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    read = read_text(text, lexicon).needs
    assert [need.id for need in read if need.domain in ("housing", "economy")] == []


def test_treatment_home_in_the_past_is_historical(lexicon: Lexicon) -> None:
    assert need_statuses("Han bodde på HVB som tonåring.", lexicon, "housing") == {
        "housing.insecure": "historical"
    }
    assert need_statuses("Hon har bott på HVB som tonåring.", lexicon, "housing") == {
        "housing.insecure": "historical"
    }


def test_years_at_a_shelter_are_over(lexicon: Lexicon) -> None:
    assert need_statuses("Det är en lättnad efter åren på härbärget.", lexicon, "housing") == {
        "housing.homeless": "historical"
    }


def test_eviction_prevention_is_a_service_and_a_likely_risk(lexicon: Lexicon) -> None:
    text = "Hon har kontakt med vräkningsförebyggande enheten."
    assert need_statuses(text, lexicon, "housing") == {"housing.eviction_risk": "uncertain"}
    assert ("in_place", "vrakningsforebyggande", "present") in _signals(text, lexicon)


def test_seizure_of_pay_is_still_a_debt(lexicon: Lexicon) -> None:
    read = read_text("Lönen utmäts av Kronofogden sedan i våras.", lexicon).needs
    assert "economy.debt" in {need.id for need in read}
