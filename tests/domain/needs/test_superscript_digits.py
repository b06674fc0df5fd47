"""Superscript digits ("²⁰", "m²") are digits to ``str.isdigit`` but not to ``int``.

The reader once crashed on them (found in round 8 when reading free text); every place that
turns a word into a number now asks ``isdecimal``.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text


@pytest.mark.parametrize(
    "text",
    [
        "Hon är ⁴ år.",
        "Han har ²⁰ tabletter hemma.",
        "Det var ¹⁹⁹⁹ som hon slutade dricka.",
        "Han är född ²⁰⁰⁸ och bor på 35 m².",
        "För ³ år sedan drack han.",
    ],
)
def test_superscript_digits_do_not_break_the_reader(lexicon: Lexicon, text: str) -> None:
    read_text(text, lexicon)
