"""Violence in other words than blows (round 8): control, threats, destruction, names.

Sentences are new, written for these tests: each class of the lexicon's violence terms is
read with exact evidence, and its everyday sense (one's own money or phone, a threat to quit,
a renovation, a nickname, a sports defeat, a wedding) is left alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon
from tests.domain.needs.alert_readings import of_kind


@pytest.mark.parametrize(
    ("text", "status", "evidence"),
    [
        ("Min sambo kontrollerar hennes pengar.", "present", "kontrollerar hennes pengar"),
        ("Mannen styrde över alla pengar.", "present", "styrde över alla pengar"),
        ("Han läser mina sms varje natt.", "present", "Han läser mina sms"),
        ("Killen bestämmer vad hon får ha på sig.", "present", "bestämmer vad hon får ha"),
        ("Han har hotat att bränna ner lägenheten.", "present", "hotat att bränna"),
        ("Exmaken hotar att ta barnen.", "present", "hotar att ta barnen"),
        ("Han har förstört mina saker flera gånger.", "present", "förstört mina saker"),
        ("Han slog sönder möblerna i fyllan.", "present", "slog sönder möblerna"),
        ("Han kallade mig fet inför hennes kompisar.", "present", "kallade mig fet"),
        ("Pojken fick stryk av sin styvpappa.", "present", "fick stryk av"),
        ("Hon är rädd för att bli bortgift.", "present", "bortgift"),
        ("Hon har förklarat blåmärkena med fall.", "uncertain", "förklarat blåmärkena med fall"),
    ],
)
def test_violence_in_other_words_is_read(
    lexicon: Lexicon, text: str, status: str, evidence: str
) -> None:
    assert (status, evidence) in of_kind(text, lexicon, "violence")


@pytest.mark.parametrize(
    "text",
    [
        "Jag styr över min egen ekonomi nu.",
        "Hon hotar att säga upp sig varje vecka.",
        "Hon hotar med att ta sitt liv om han lämnar henne.",
        "Han har hotat att komma för sent igen.",
        "Vi slog hål i väggen när vi byggde om.",
        "Barnbarnen kallar honom morfar.",
        "Laget fick stryk med fem noll.",
        "Hon ska gifta sig i sommar.",
        "Han fick blåmärken på hockeyn.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    assert of_kind(text, lexicon, "violence") == []


def test_a_child_who_gets_a_beating_is_a_child_at_risk(lexicon: Lexicon) -> None:
    text = "Flickan berättar att hon får stryk hemma."
    assert of_kind(text, lexicon, "child_at_risk") == [
        ("present", "Flickan berättar att hon får stryk")
    ]


@pytest.mark.parametrize(
    ("text", "status", "evidence"),
    [
        ("Han orkar inte ta hand om sonen.", "present", "orkar inte ta hand om sonen"),
        ("Pappan kan inte ta hand om sina barn.", "present", "kan inte ta hand om sina barn"),
        ("Hon har svårt att ta hand om ungarna.", "uncertain", "svårt att ta hand om ungarna"),
    ],
)
def test_a_parent_who_cannot_care_for_the_children(
    lexicon: Lexicon, text: str, status: str, evidence: str
) -> None:
    assert (status, evidence) in of_kind(text, lexicon, "child_at_risk")


def test_caring_for_other_things_is_no_child_at_risk(lexicon: Lexicon) -> None:
    assert of_kind("Han orkar inte ta hand om trädgården.", lexicon, "child_at_risk") == []
