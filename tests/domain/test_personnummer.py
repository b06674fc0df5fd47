"""Personnummer: format, date and Luhn check digit, with Swedish messages."""

from __future__ import annotations

from datetime import date

import pytest

from mgt_assistant.domain.personnummer import (
    PersonnummerError,
    contains_personnummer,
    luhn_valid,
    parse_personnummer,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "normalized", "born"),
    [
        ("19121212-1212", "19121212-1212", date(1912, 12, 12)),
        ("191212121212", "19121212-1212", date(1912, 12, 12)),
        ("121212+1212", "19121212-1212", date(1912, 12, 12)),
        ("121212-1212", "20121212-1212", date(2012, 12, 12)),
        (" 19900101-0017 ", "19900101-0017", date(1990, 1, 1)),
    ],
)
def test_valid_numbers_are_normalized(text: str, normalized: str, born: date) -> None:
    parsed = parse_personnummer(text, TODAY)
    assert parsed.normalized == normalized
    assert parsed.birth_date == born
    assert not parsed.coordination_number


def test_samordningsnummer_has_day_plus_sixty() -> None:
    parsed = parse_personnummer("19701063-2391", TODAY)
    assert parsed.coordination_number
    assert parsed.birth_date == date(1970, 10, 3)


def test_age_on_a_day() -> None:
    parsed = parse_personnummer("19900101-0017", TODAY)
    assert parsed.age_on(date(2026, 1, 1)) == 36
    assert parsed.age_on(date(2025, 12, 31)) == 35


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Skriv personnumret som ÅÅÅÅMMDD-NNNN."),
        ("1990-01-01", "Skriv personnumret som ÅÅÅÅMMDD-NNNN."),
        ("19900101-0018", "Kontrollsiffran stämmer inte. Kontrollera personnumret."),
        ("19901301-0005", "Personnumret innehåller inget giltigt datum."),
        ("19900230-0003", "Personnumret innehåller inget giltigt datum."),
        ("20301212-1210", "Personnumret innehåller inget giltigt datum."),
    ],
)
def test_invalid_numbers_give_a_swedish_message(text: str, message: str) -> None:
    with pytest.raises(PersonnummerError) as error:
        parse_personnummer(text, TODAY)
    assert str(error.value) == message


def test_luhn() -> None:
    assert luhn_valid("1212121212")
    assert not luhn_valid("1212121213")


def test_finds_numbers_in_free_text() -> None:
    assert contains_personnummer("Personen (19121212-1212) har skulder.", TODAY)
    assert contains_personnummer("pnr 121212 1212", TODAY)
    assert not contains_personnummer("Ring 0701234569 eller 08-123 456 78.", TODAY)
    assert not contains_personnummer("Skulder på 120000 kronor.", TODAY)
