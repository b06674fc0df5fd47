"""Warning signs of suicide in the safety net (round 8), both ways.

Sentences are new, written for these tests (neither blind set 6's nor check set 10's): each
class of sign (a farewell, things given away, medicine put aside, a method worked out, not
waking, being run over, being gone, not fearing death, risk on purpose, why even get up,
another language) is read uncertain with exact evidence, and its everyday sense is left
alone.
"""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs import Lexicon
from tests.domain.needs.alert_readings import of_kind


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        # A farewell to the family; things given away.
        ("Han har skrivit brev till sin son där han förklarar alltihop.", "skrivit brev"),
        ("jag har gjort en video till mamma, den ligger på datorn ifall", "gjort en video"),
        ("Hon tar farväl av alla hon träffar.", "tar farväl"),
        ("Han har skänkt sina prylar och gett bort sin kanin.", "gett bort sin kanin"),
        ("ja har delat ut mina smycken till tjejerna i klassen", "delat ut mina smycken"),
        # Medicine put aside; a method worked out.
        ("Han har slutat med medicinen och gömmer den.", "gömmer den"),
        ("Han har lagt undan sömntabletter i garderoben.", "lagt undan sömntabletter"),
        ("Jag har planerat hur, det är inte det.", "planerat hur"),
        ("Han har googlat hur högt det är från järnvägsbron.", "hur högt det är från järnvägsbron"),
        # Not waking, being run over, being gone, not being missed.
        (
            "Det är struntsamma om jag vaknar i morgon eller inte.",
            "struntsamma om jag vaknar i morgon eller inte",
        ),
        ("Hon bryr sig inte om hon vaknar eller inte.", "bryr sig inte om hon vaknar eller inte"),
        ("Det hade varit skönt om tåget körde över mig.", "tåget körde över mig"),
        ("Alla hade det lättare om jag var borta.", "lättare om jag var borta"),
        ("Han menar att han aldrig skulle bli saknad.", "aldrig skulle bli saknad"),
        ("Jag vet inte, jag ville inte mer.", "ville inte mer"),
        # No fear of death, risk on purpose, why even get up, another language.
        ("Hon säger att hon inte är rädd för att dö.", "inte är rädd för att dö"),
        ("Han går ut framför bilarna med flit.", "framför bilarna med flit"),
        ("Varför ska jag ens stiga upp?", "Varför ska jag ens stiga upp"),
        ("i wanna die tbh", "wanna die"),
        ("Sometimes I wish I could end my life.", "end my life"),
        ("I dont want exist, everything is black.", "dont want exist"),
        ("Jag ville död när min fru lämnade.", "ville död"),
    ],
)
def test_warning_signs_are_read_uncertain(lexicon: Lexicon, text: str, evidence: str) -> None:
    assert ("uncertain", evidence) in of_kind(text, lexicon, "suicide_risk")


@pytest.mark.parametrize(
    "text",
    [
        "Jag skrev ett brev till kommunen ifall de hade missat min ansökan.",
        "Han har skrivit brev till sin son varje vecka sedan han flyttade.",
        "Jag har skrivit ett brev till min mamma och förklarat varför jag flyttar.",
        "Barnen sover bättre när jag är borta.",
        "Vi gav bort kattungarna till grannarna.",
        "Hon gav bort sin gamla cykel när hon flyttade.",
        "Han delar ut reklam på helgerna.",
        "Hon tar sin medicin och sparar pengar till en resa.",
        "Jag har planerat hur jag ska lägga upp veckan.",
        "Jag vet inte hur.",
        "Jag hoppas att jag inte vaknar för tidigt i morgon.",
        "Jag bryr mig inte om jag vaknar tidigt eller sent.",
        "Bussen körde nästan på mig i morse.",
        "En bil körde på honom i korsningen förra året.",
        "Han var borta hela helgen.",
        "Hon vill inte mer än att få bo kvar.",
        "Jag är inte rädd för att dö på operationsbordet.",
        "Hon tappade glaset med flit.",
        "I want to live in my own flat.",
        "Mamma är död sedan länge.",
        # A probe of everyday sentences after the first version: reasons, dosage, a
        # ceiling, dying out, "ta död på", a clause after "ifall" or "eller inte".
        "Jag gav bort min katt när jag fick allergi.",
        "Han delade ut alla sina saker till loppisen när han flyttade.",
        "Hon sparar medicinen i kylskåpet som läkaren sa.",
        "Han kollade upp hur högt taket är i nya lägenheten.",
        "Jag har räknat ut hur många tabletter jag ska ta per dag.",
        "Hon var inte rädd för att dö ut som art, sa hon om pandorna.",
        "Han ville död på fienden i spelet.",
        "Jag har skrivit ett brev till min son ifall han vill veta mer om sin farfar.",
        "Jag bryr mig inte om jag vaknar eller inte på lördagar, jag har ledigt.",
        # "att inte finnas" over a gap: there being no plan, no co-operation.
        "Han anser att det inte finns någon plan.",
        "Utvärderarna menar att det inte finns någon tydlig samverkan.",
    ],
)
def test_the_everyday_sense_is_left_alone(lexicon: Lexicon, text: str) -> None:
    assert of_kind(text, lexicon, "suicide_risk", second_opinion=False) == []
    # The second opinion may ask about a sentence like these; it never states a risk.
    assert {status for status, _ in of_kind(text, lexicon, "suicide_risk")} <= {"uncertain"}


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Jag önskar att jag inte fanns.", "jag inte fanns"),
        ("Han tänker att det vore lättare att inte finnas.", "lättare att inte finnas"),
    ],
)
def test_a_person_not_existing_is_still_read(lexicon: Lexicon, text: str, evidence: str) -> None:
    assert ("present", evidence) in of_kind(text, lexicon, "suicide_risk")


def test_a_denial_leaves_the_rest_of_the_sentence_to_the_net(lexicon: Lexicon) -> None:
    text = "Hon säger att hon inte vill dö, men att hon inte bryr sig om hon vaknar eller inte."
    assert sorted(of_kind(text, lexicon, "suicide_risk")) == [
        ("negated", "inte vill dö"),
        ("uncertain", "inte bryr sig om hon vaknar eller inte"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Han har svarat nej på frågan om självmordstankar.",
        "Hon nekade på frågorna om suicidtankar.",
    ],
)
def test_a_no_to_the_question_is_a_denial(lexicon: Lexicon, text: str) -> None:
    assert [status for status, _ in of_kind(text, lexicon, "suicide_risk")] == ["negated"]
