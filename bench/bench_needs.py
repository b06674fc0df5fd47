"""Benchmark the needs reader on meeting messages of 30–60 words, beside a naive baseline.

The baseline is what one would write first: every word through rapidfuzz's
``process.extractOne`` against the whole lexicon vocabulary.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from mgt_assistant.domain.needs import Lexicon, extract_needs, load_lexicon
from mgt_assistant.domain.needs.lexicon import TOKEN_PATTERN, fold
from mgt_assistant.domain.yaml_strict import load_file
from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

EVALUATION_SET = PROJECT_ROOT / "tests" / "data" / "needs_eval.yaml"
MESSAGES = 2_000
BASELINE_MESSAGES = 200


def messages(count: int, seed: int = 7) -> list[str]:
    """Build meeting messages of 30–60 words from the evaluation sentences."""
    sentences = [str(item["text"]) for item in load_file(Path(EVALUATION_SET), "needs_eval.yaml")]
    rng = random.Random(seed)
    built = []
    for _ in range(count):
        target = rng.randint(30, 60)
        words: list[str] = []
        while len(words) < target:
            words.extend(rng.choice(sentences).split())
        built.append(" ".join(words[:target]))
    return built


def _timed(function: object, texts: list[str]) -> list[float]:
    call = function  # the callables below take one text
    times = []
    for text in texts:
        started = time.perf_counter()
        call(text)  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def _baseline(lexicon: Lexicon) -> object:
    vocabulary = sorted(
        set(lexicon.words) | {" ".join(p.words) for ps in lexicon.phrases.values() for p in ps}
    )

    def run(text: str) -> list[tuple[str, float]]:
        found = []
        for match in TOKEN_PATTERN.finditer(text):
            best = process.extractOne(
                fold(match.group()), vocabulary, scorer=fuzz.ratio, score_cutoff=85
            )
            if best is not None:
                found.append((best[0], best[1]))
        return found

    return run


def _row(name: str, times: list[float]) -> str:
    p50 = statistics.median(times) * 1e3
    p95 = statistics.quantiles(times, n=20)[18] * 1e3
    rate = len(times) / sum(times)
    return f"| {name} | {rate:,.0f} | {p50:.3f} | {p95:.3f} |"


def run() -> str:
    """Measure and return a Markdown section."""
    started = time.perf_counter()
    lexicon = load_lexicon(DEFAULT_RULES_DIR)
    load_ms = (time.perf_counter() - started) * 1e3
    texts = messages(MESSAGES)
    for text in texts[:50]:
        extract_needs(text, lexicon)
    ours = _timed(lambda text: extract_needs(text, lexicon), texts)
    baseline = _timed(_baseline(lexicon), texts[:BASELINE_MESSAGES])
    ratio = statistics.median(baseline) / statistics.median(ours)
    words = statistics.mean(len(text.split()) for text in texts)
    return "\n".join(
        [
            "## Needs reader (issue 4)",
            "",
            f"{MESSAGES} messages of 30–60 words (mean {words:.0f}) built from the evaluation",
            f"sentences; one core. Lexicon load and compile: {load_ms:.0f} ms.",
            "",
            "| reader | messages/s | p50 ms | p95 ms |",
            "|---|---:|---:|---:|",
            _row("ours: phrases, words, stems, compounds, abbreviations, typo search, cues", ours),
            _row(
                f"naive baseline: extractOne per word (first {BASELINE_MESSAGES} messages)",
                baseline,
            ),
            "",
            f"Ours is {ratio:.1f}× faster than the baseline per message (median), and the",
            "baseline has no negation, history, uncertainty or other-person handling at all.",
            "Goal: ≥ 2 000 messages/s and p95 under 2 ms.",
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
