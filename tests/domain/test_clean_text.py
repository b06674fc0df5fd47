"""Free text is normalised before it is stored."""

from __future__ import annotations

import unicodedata

import pytest

from mgt_assistant.domain.clean_text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Kim\u202eexe.txt", "Kimexe.txt"),
        ("sk\u200bulder", "skulder"),
        ("NUL\x00 här", "NUL här"),
        ("\ufeffHej", "Hej"),
        ("rad ett\r\nrad två\rrad tre", "rad ett\nrad två\nrad tre"),
        ("kolumn\tvärde", "kolumn\tvärde"),
        ("bell\x07", "bell"),
    ],
)
def test_invisible_and_control_characters_go(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_decomposed_letters_become_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Åsa Öberg")
    assert decomposed != "Åsa Öberg"
    assert clean_text(decomposed) == "Åsa Öberg"


def test_ordinary_swedish_text_is_untouched() -> None:
    text = "Hen har skulder hos KFM – ca 30 000 kr – och bor i andra hand (sedan 2024)."
    assert clean_text(text) == text
