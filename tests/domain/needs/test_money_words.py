"""Money in other words (round 10): bills left lying, loans for loans, not a krona paid.

Sentences are new, written for these tests; the everyday sense is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text
from tests.domain.needs.alert_readings import need_statuses


@pytest.mark.parametrize(
    ("text", "need"),
    [
        # Bills and post left lying or unopened, also with the object first.
        ("Räkningarna bara ligger på köksbordet.", "economy.budget"),
        ("Räkningarna öppnar han aldrig.", "economy.budget"),
        ("Han får brev från inkasso men öppnar dem aldrig.", "economy.budget"),
        # Not understanding where money goes, or that it does not add up.
        ("Hon förstår inte vart pengarna tar vägen varje månad.", "economy.budget"),
        ("Han äter nudlar eftersom lönen inte räcker.", "economy.budget"),
        ("Hyran har höjts och han vet inte hur han ska få ihop det.", "economy.budget"),
        ("Efter elräkningen går det inte ihop för familjen.", "economy.budget"),
        # Loans taken to pay loans, a lender who wants the money back.
        ("Hon tar nya lån för att betala de gamla.", "economy.debt"),
        ("Banken vill ha tillbaka lånet före jul.", "economy.debt"),
        ("De har inte betalat elen sedan i somras.", "economy.debt"),
        # No payment at all.
        ("Hon har inte fått någon utbetalning sedan oktober.", "economy.no_income"),
    ],
)
def test_money_need_is_read(lexicon: Lexicon, text: str, need: str) -> None:
    assert need_statuses(text, lexicon, "economy").get(need) in ("present", "uncertain")


@pytest.mark.parametrize(
    "text",
    [
        "Han öppnar posten varje morgon.",
        "Räkningarna betalas av gode mannen.",
        "Lånet för att köpa bilen är betalt sedan länge.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    assert set(need_statuses(text, lexicon, "economy").values()) <= {"historical"}


def test_not_coping_with_more_letters_keeps_the_debt(lexicon: Lexicon) -> None:
    text = "Han säger att han inte klarar fler brev från Kronofogden."
    assert need_statuses(text, lexicon, "economy") == {"economy.debt": "present"}


def test_a_paid_off_debt_is_historical(lexicon: Lexicon) -> None:
    text = "Skulden till Kronofogden är slutbetald sedan i våras."
    assert need_statuses(text, lexicon, "economy") == {"economy.debt": "historical"}


def test_benefit_for_years_now_is_ongoing(lexicon: Lexicon) -> None:
    text = "Hon har haft försörjningsstöd i fyra år nu."
    assert need_statuses(text, lexicon, "economy") == {"economy.no_income": "uncertain"}


def test_needing_no_money_is_no_need(lexicon: Lexicon) -> None:
    text = "Han sa att han behöver inga pengar längre."
    assert need_statuses(text, lexicon, "economy").get("economy.no_income") != "present"


def test_a_warning_of_a_stopped_benefit_is_uncertain(lexicon: Lexicon) -> None:
    text = "Hon har fått en varning om indragen ersättning från AF."
    assert need_statuses(text, lexicon, "economy") == {"economy.no_income": "uncertain"}


@pytest.mark.parametrize(
    "text",
    [
        "Hyran ligger efter sedan augusti.",
        "Hon har fyra månaders hyra efter.",
    ],
)
def test_rent_behind_is_a_debt_and_an_eviction_risk(lexicon: Lexicon, text: str) -> None:
    read = {need.id for need in read_text(text, lexicon).needs}
    assert {"economy.debt", "housing.eviction_risk"} <= read


@pytest.mark.parametrize(
    "text",
    [
        "Han betalar hyran efter att lönen har kommit.",
        "Hyran efter avdrag för bostadsbidrag är rimlig.",
    ],
)
def test_rent_after_something_is_a_time(lexicon: Lexicon, text: str) -> None:
    read = {need.id for need in read_text(text, lexicon).needs}
    assert not {"economy.debt", "housing.eviction_risk"} & read


@pytest.mark.parametrize(
    "text",
    [
        "Han har inga nya lån efter skuldsaneringen.",
        "Hon har gått igenom skuldsanering och klarar sig nu.",
        "Skuldsaneringen blev klar i våras.",
    ],
)
def test_a_finished_debt_restructuring_is_historical(lexicon: Lexicon, text: str) -> None:
    assert need_statuses(text, lexicon, "economy").get("economy.debt") in ("historical", "negated")


def test_a_restructuring_applied_for_is_a_debt(lexicon: Lexicon) -> None:
    assert need_statuses("Han har ansökt om skuldsanering.", lexicon, "economy") == {
        "economy.debt": "present"
    }
