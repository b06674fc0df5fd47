"""Benchmark the needs reader on meeting messages of 30–60 words, beside a naive baseline.

Messages are built from the evaluation sentences (seeded, so every run reads the
same texts). The baseline is what one would write first: every word through
rapidfuzz's ``process.extractOne`` against the whole lexicon vocabulary. The
reader's caches (stems, typo look-ups) are cleared before the first timed pass,
so the "cold" row shows a fresh process and the "warm" row the steady state.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from mgt_assistant.domain.needs import Lexicon, extract_needs, load_lexicon
from mgt_assistant.domain.needs.text import WORD, fold, word_keys
from mgt_assistant.domain.yaml_strict import load_file
from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

EVALUATION_SET = PROJECT_ROOT / "tests" / "data" / "needs_eval.yaml"
MESSAGES = 3_000
BASELINE_MESSAGES = 150
SEED = 20261123


def messages(count: int, seed: int = SEED) -> list[str]:
    """Build meeting messages of 30–60 words from whole evaluation sentences."""
    items: list[dict[str, Any]] = load_file(Path(EVALUATION_SET), "needs_eval.yaml")
    sentences = [str(item["text"]) for item in items]
    rng = random.Random(seed)
    built = []
    for _ in range(count):
        target = rng.randint(30, 60)
        words: list[str] = []
        while len(words) < target:
            words.extend(rng.choice(sentences).split())
        built.append(" ".join(words[:target]))
    return built


def _timed(function: Callable[[str], object], texts: list[str]) -> list[float]:
    times = []
    gc.collect()
    for text in texts:
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return times


def _baseline(lexicon: Lexicon) -> Callable[[str], list[tuple[str, float]]]:
    vocabulary = sorted({entry.text for entry in lexicon.entries if entry.need_id})

    def run(text: str) -> list[tuple[str, float]]:
        found = []
        for match in WORD.finditer(text):
            best = process.extractOne(
                fold(match.group()), vocabulary, scorer=fuzz.ratio, score_cutoff=85
            )
            if best is not None:
                found.append((best[0], best[1]))
        return found

    return run


def _stats(times: list[float]) -> tuple[float, float, float]:
    p50 = statistics.median(times) * 1e3
    p95 = statistics.quantiles(times, n=20)[18] * 1e3
    return len(times) / sum(times), p50, p95


def _row(name: str, stats: tuple[float, float, float]) -> str:
    rate, p50, p95 = stats
    return f"| {name} | {rate:,.0f} | {p50:.3f} | {p95:.3f} |"


def run() -> str:
    """Measure and return a Markdown section."""
    started = time.perf_counter()
    lexicon = load_lexicon(DEFAULT_RULES_DIR)
    load_ms = (time.perf_counter() - started) * 1e3
    texts = messages(MESSAGES)
    words = [len(text.split()) for text in texts]
    word_keys.cache_clear()
    lexicon.word_cache.clear()
    cold = _stats(_timed(lambda text: extract_needs(text, lexicon), texts))
    warm = _stats(_timed(lambda text: extract_needs(text, lexicon), texts))
    baseline = _stats(_timed(_baseline(lexicon), texts[:BASELINE_MESSAGES]))
    found = sum(len(extract_needs(text, lexicon)) for text in texts)
    return "\n".join(
        [
            "### Needs extraction (issue 4)",
            "",
            f"{MESSAGES:,} messages of {min(words)}–{max(words)} words (mean "
            f"{statistics.mean(words):.0f}) built from the evaluation sentences; "
            f"{found:,} mentions found. Lexicon: {len(lexicon.entries)} compiled entries, "
            f"loaded and compiled in {load_ms:.0f} ms. One core, one thread.",
            "",
            "| reader | messages/s | p50 ms | p95 ms |",
            "|---|---:|---:|---:|",
            _row("extract_needs, cold caches (first pass)", cold),
            _row("extract_needs, warm caches", warm),
            _row(f"baseline: extractOne per word ({BASELINE_MESSAGES} messages)", baseline),
            "",
            f"Goal: ≥ 2 000 messages/s and p95 < 2 ms. Ratio to the baseline: "
            f"{cold[0] / baseline[0]:.0f}× (cold), {warm[0] / baseline[0]:.0f}× (warm). "
            "The baseline finds candidate words only — no phrases, status or evidence.",
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
