"""Train the second opinion on acute risk from the labelled sets, and choose its threshold.

Run ``python -m mgt_assistant.domain.needs.second_opinion_training`` after changing a
training set; it rewrites ``second_opinion.json``. A test fails when the sets the file
was trained on no longer match the ones in ``tests/data``.

- **Units and labels.** Each text is cut into sentences (``second_opinion.units``). A
  unit is positive for a kind when it overlaps the evidence of a labelled present or
  uncertain alert of that kind; the other units of such a text are left out (the
  labels mark one phrase per text, so they may or may not speak of it too); every
  unit of the other texts is negative, denials and other people's thoughts included.
- **Model.** Logistic regression on the bag of features, scaled by 1/√n, trained by
  AdaGrad with positives weighted up to the negatives' number; deterministic (one seed,
  the sets in a fixed order). Weights under ``PRUNE`` are dropped.
- **Threshold.** Chosen on held-out authors: each set by one author (a blind set,
  the check sets, the development sets) is scored by a model trained on all the others;
  the threshold is the highest that still finds ``RECALL_TARGET`` of the positive units.
- **Held out for good.** The blind sets still unread by anyone tuning the reader are
  never used here (``HELD_OUT``); they measure the second opinion in
  ``docs/needs-evaluation.md``.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mgt_assistant.domain.needs.evaluation import load_set
from mgt_assistant.domain.needs.extractor import STATED, scan
from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.second_opinion import ALERTS, MODEL_FILE, unit_features, unit_words

HELD_OUT = frozenset({"needs_blind7.yaml", "needs_blind8.yaml", "needs_blind9.yaml"})
RECALL_TARGET = 0.8
EPOCHS = 10
RATE = 0.2
L2 = 1e-5
SEED = 1
BALANCE = False
PRUNE = 0.002
DIGITS = 4


@dataclass(frozen=True)
class Example:
    """One unit's features and label, and the author group its set belongs to."""

    features: tuple[str, ...]
    positive: bool
    group: str


def training_sets(data: Path) -> list[Path]:
    """Return the labelled sets the model learns from: every set but the held-out ones."""
    return sorted(p for p in data.glob("needs_*.yaml") if p.name not in HELD_OUT)


def group_of(path: Path) -> str:
    """Name the author group of a set: each blind or training set alone, checks, dev."""
    name = path.name
    if "blind" in name or "train" in name:
        return name
    return "checks" if "check" in name else "dev"


def examples(path: Path, alert: str, lexicon: Lexicon) -> list[Example]:
    """Cut one set's texts into labelled units for one alert kind."""
    items = load_set(path)
    group = group_of(path)
    found: list[Example] = []
    for item in items:
        if "signals" not in item:
            continue  # the first development set labels needs only
        text = str(item["text"])
        own: list[tuple[int, int]] = []
        for kind, sid, status, evidence in item.get("signals") or []:
            start = text.find(str(evidence))
            if kind == "alert" and sid == alert and status in STATED and start >= 0:
                own.append((start, start + len(str(evidence))))
        scanned = scan(text, lexicon)
        tokens = scanned.tokens
        for first, last, norms in unit_words(scanned):
            start, end = tokens[first].start, tokens[last].end
            hit = any(s < end and e > start for s, e in own)
            if (own and not hit) or not norms:
                continue
            found.append(Example(tuple(unit_features(norms)), hit, group))
    return found


def fit(data: Sequence[Example]) -> tuple[dict[str, float], float]:
    """Fit the logistic regression; return its weights and bias."""
    weights: defaultdict[str, float] = defaultdict(float)
    squares: defaultdict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_square = 0.0, 1e-8
    positives = sum(e.positive for e in data)
    boost = (len(data) - positives) / max(positives, 1) if BALANCE else 1.0
    bags = [(Counter(e.features), 1.0 / math.sqrt(len(e.features)), e.positive) for e in data]
    order = list(range(len(bags)))
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for index in order:
            bag, scale, positive = bags[index]
            z = bias + scale * sum(weights[f] * n for f, n in bag.items())
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            error = (p - positive) * (boost if positive else 1.0)
            for feature, n in bag.items():
                gradient = error * scale * n + L2 * weights[feature]
                squares[feature] += gradient * gradient
                weights[feature] -= RATE * gradient / math.sqrt(squares[feature])
            bias_square += error * error
            bias -= RATE * error / math.sqrt(bias_square)
    return dict(weights), bias


def _score(model: tuple[dict[str, float], float], features: Iterable[str]) -> float:
    weights, bias = model
    bag = list(features)
    return bias + sum(weights.get(f, 0.0) for f in bag) / math.sqrt(len(bag))


def held_out_scores(data: Sequence[Example]) -> list[tuple[float, bool]]:
    """Score every unit with a model that never saw its author group."""
    scored: list[tuple[float, bool]] = []
    for group in sorted({e.group for e in data}):
        model = fit([e for e in data if e.group != group])
        scored += [(_score(model, e.features), e.positive) for e in data if e.group == group]
    return scored


def choose_threshold(scored: Sequence[tuple[float, bool]]) -> tuple[float, float, float]:
    """Return the highest threshold keeping the recall target, its recall and false rate."""
    positives = sorted((s for s, p in scored if p), reverse=True)
    negatives = [s for s, p in scored if not p]
    needed = math.ceil(RECALL_TARGET * len(positives))
    threshold = round(positives[needed - 1], DIGITS)
    recall = sum(s >= threshold for s in positives) / len(positives)
    false_rate = sum(s >= threshold for s in negatives) / len(negatives)
    return threshold, recall, false_rate


def digest(paths: Sequence[Path]) -> str:
    """Fingerprint the training sets (names and bytes), to tell when the model is stale."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def train(paths: Sequence[Path], lexicon: Lexicon) -> dict[str, object]:
    """Train every alert kind's model; return the model file's content."""
    alerts: dict[str, object] = {}
    for alert in ALERTS:
        data = [e for path in paths for e in examples(path, alert, lexicon)]
        threshold, recall, false_rate = choose_threshold(held_out_scores(data))
        weights, bias = fit(data)
        kept = {f: round(w, DIGITS) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
        alerts[alert] = {
            "bias": round(bias, DIGITS),
            "threshold": threshold,
            "held_out": {
                "positive_units": sum(e.positive for e in data),
                "units": len(data),
                "recall": round(recall, 3),
                "false_alarm_rate": round(false_rate, 4),
            },
            "weights": kept,
        }
    return {
        "trained_on": [p.name for p in paths],
        "digest": digest(paths),
        "alerts": alerts,
    }


def main(argv: list[str]) -> int:
    """Train on the sets in ``tests/data`` and write the model beside the reader."""
    from mgt_assistant.domain.needs import load_lexicon
    from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

    paths = training_sets(PROJECT_ROOT / "tests" / "data")
    model = train(paths, load_lexicon(DEFAULT_RULES_DIR))
    target = Path(argv[0]) if argv else Path(__file__).with_name(MODEL_FILE)
    target.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    for alert, part in dict(model["alerts"]).items():  # type: ignore[call-overload]
        print(alert, json.dumps(part["held_out"]), "threshold", part["threshold"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
