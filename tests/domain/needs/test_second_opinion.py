"""The second opinion on acute risk: what it reads, what it leaves, and how it is trained."""

from __future__ import annotations

import json
import math
import random
from importlib import resources

import pytest

from mgt_assistant.domain.needs import Lexicon, read_text
from mgt_assistant.domain.needs import second_opinion as so
from mgt_assistant.domain.needs.second_opinion_training import (
    HELD_OUT,
    Example,
    digest,
    fit,
    training_sets,
)
from mgt_assistant.domain.needs.text import tokenize
from mgt_assistant.paths import PROJECT_ROOT
from tests.domain.needs.alert_readings import alerts


@pytest.mark.parametrize(
    ("text", "alert"),
    [
        (
            "Jag orkar inte vara en belastning för alla längre, de klarar sig bättre utan mig.",
            "suicide_risk",
        ),
        (
            "Jag har funderat på hur det vore att bara kliva ut framför lastbilen på motorvägen.",
            "suicide_risk",
        ),
        (
            "Ibland river jag upp huden på armarna tills det blöder för att känna något.",
            "self_harm",
        ),
    ],
)
def test_it_asks_about_what_the_word_lists_miss(lexicon: Lexicon, text: str, alert: str) -> None:
    assert alerts(text, lexicon, second_opinion=False) == []
    # Uncertain, with the sentence as written: the team asks, the plan is not stopped.
    assert alerts(text, lexicon) == [(alert, "uncertain", text.rstrip("."))]


def test_its_need_is_named_once_where_the_words_already_tell_it(lexicon: Lexicon) -> None:
    alone = "Ibland önskar jag att allt bara tog slut för gott."
    told = "Ibland önskar jag att allt bara tog slut för gott, jag orkar inte mer med någonting."
    assert [(m.id, m.status.value, m.evidence) for m in read_text(alone, lexicon).needs] == [
        ("health.mental", "uncertain", alone.rstrip("."))
    ]
    # The word lists read the mental-health need in the same sentence: the alert is still
    # asked about, but the need is not named a second time as uncertain.
    reading = read_text(told, lexicon)
    assert [(m.id, m.status.value) for m in reading.needs] == [("health.mental", "present")]
    assert alerts(told, lexicon) == [("suicide_risk", "uncertain", told.rstrip("."))]


@pytest.mark.parametrize(
    "text",
    [
        "Hon förnekar självmordstankar och säger att hon inte vill dö.",
        "Han har självmordstankar. Jag orkar inte vara en belastning för alla längre.",
        "Jag bränner mig med cigaretter på låret när ångesten blir för stark.",
        "Han har förstört mina saker flera gånger.",
    ],
)
def test_it_leaves_what_the_lexicon_read_to_the_lexicon(lexicon: Lexicon, text: str) -> None:
    assert alerts(text, lexicon) == alerts(text, lexicon, second_opinion=False)


@pytest.mark.parametrize(
    "text",
    [
        "Min pappa gav mig en ny cykel i födelsedagspresent.",
        "Vi pratade om semestern och hur hon ska lägga upp sommaren med barnen.",
        "Hon har en hyresskuld hos värden och vill ha hjälp med budgeten.",
        "Han är " + "1" * 5_000 + " år.",
    ],
)
def test_ordinary_sentences_are_left_alone(lexicon: Lexicon, text: str) -> None:
    assert alerts(text, lexicon) == []


def test_a_long_sentence_is_read_in_chunks_at_its_clauses() -> None:
    clause = "hon har inga pengar kvar i slutet av månaden och vet inte vad hon ska göra"
    tokens, _ = tokenize(", ".join([clause] * 6) + ". Slut.")
    spans = list(so.units(tokens))
    assert [k for first, last in spans for k in range(first, last + 1)] == list(range(len(tokens)))
    assert all(last - first < so.MAX_UNIT for first, last in spans)
    assert len(spans) > 3
    assert spans[-1] == (len(tokens) - 1, len(tokens) - 1)  # "Slut." is a sentence of its own


@pytest.mark.parametrize("seed", range(5))
def test_a_unit_scores_as_the_sum_over_its_features(seed: int) -> None:
    draw = random.Random(seed)
    words = [draw.choice(["jag", "vill", "inte", "leva", "mer", "orkar", "sova"]) for _ in range(9)]
    features = so.unit_features(words)
    weights = {f: (draw.uniform(-1, 1), draw.uniform(-1, 1)) for f in set(features)}
    weights = {f: w for f, w in weights.items() if draw.random() < 0.7}
    model = so.Model((0.3, -0.2), (0.0, 0.0), weights)
    for k, bias in enumerate((0.3, -0.2)):
        total = sum(weights[f][k] for f in features if f in weights)
        assert model.scores(words)[k] == pytest.approx(bias + total / math.sqrt(len(features)))


def _example(words: str, positive: bool) -> Example:
    return Example(tuple(so.unit_features(words.split())), positive, "test")


def test_training_learns_a_small_set_and_is_deterministic() -> None:
    data = [
        *(_example(f"jag vill inte vara med {w}", True) for w in ("längre", "mer", "alls")),
        *(_example(f"jag vill äta {w} i dag", False) for w in ("fisk", "soppa", "kyckling")),
        *(_example(f"vi ska åka {w} i morgon", False) for w in ("buss", "tåg", "bil")),
    ]
    weights, bias = fit(data)
    assert (weights, bias) == fit(data)
    model = (weights, bias)

    def score(words: str) -> float:
        features = so.unit_features(words.split())
        return model[1] + sum(model[0].get(f, 0.0) for f in features) / math.sqrt(len(features))

    assert score("jag vill inte vara med längre") > score("jag vill äta soppa i dag")


def test_the_shipped_model_is_trained_on_the_sets_in_the_repository() -> None:
    raw = resources.files(so.__package__).joinpath(so.MODEL_FILE).read_text(encoding="utf-8")
    model = json.loads(raw)
    paths = training_sets(PROJECT_ROOT / "tests" / "data")
    # Run `python -m mgt_assistant.domain.needs.second_opinion_training` after changing a set.
    assert model["trained_on"] == [p.name for p in paths]
    assert model["digest"] == digest(paths)
    assert not HELD_OUT & set(model["trained_on"])
    assert {p.name for p in (PROJECT_ROOT / "tests" / "data").glob("needs_blind*.yaml")} >= HELD_OUT
    assert set(model["alerts"]) == {"suicide_risk", "self_harm"}
