"""Benchmark the needs reader on meeting messages of 30–60 words, beside a naive baseline.

Messages are built from the development sentences (seeded, so every run reads the
same texts; never from the blind set). The baseline is what one would write first:
every word through rapidfuzz's ``process.extractOne`` against the whole lexicon
vocabulary. The reader's caches (stems, word look-ups) are cleared before the first
timed pass, so the "cold" row shows a fresh process and the "warm" row the steady
state. CPU time per message is reported beside wall-clock time because the machine
is shared: wall-clock p95 also measures the other processes.

Growth: one sentence without any full stop, from 1 250 to 80 000 characters; linear
reading keeps the time per 1 000 characters flat.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz, process

from mgt_assistant.domain.needs import Lexicon, extract_needs, load_lexicon, read_text
from mgt_assistant.domain.needs.text import WORD, fold, word_keys
from mgt_assistant.domain.yaml_strict import load_file
from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

DEVELOPMENT_SETS = ("needs_eval.yaml", "needs_dev.yaml")
MESSAGES = 3_000
BASELINE_MESSAGES = 150
GROWTH = (1_250, 2_500, 5_000, 10_000, 20_000, 80_000)
SEED = 20261123


def sentences() -> list[str]:
    """The development sentences."""
    found = []
    for name in DEVELOPMENT_SETS:
        path = PROJECT_ROOT / "tests" / "data" / name
        items: list[dict[str, Any]] = load_file(path, name)
        found += [str(item["text"]) for item in items]
    return found


def messages(count: int, seed: int = SEED) -> list[str]:
    """Build meeting messages of 30–60 words from whole development sentences."""
    pool = sentences()
    rng = random.Random(seed)
    built = []
    for _ in range(count):
        target = rng.randint(30, 60)
        words: list[str] = []
        while len(words) < target:
            words.extend(rng.choice(pool).split())
        built.append(" ".join(words[:target]))
    return built


def _timed(function: Callable[[str], object], texts: list[str]) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    gc.collect()
    for text in texts:
        started, started_cpu = time.perf_counter(), time.thread_time()
        function(text)
        cpu.append(time.thread_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return wall, cpu


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


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] * 1e3


def _row(name: str, timed: tuple[list[float], list[float]]) -> tuple[str, float]:
    wall, cpu = timed
    rate = len(wall) / sum(wall)
    cpu_rate = len(cpu) / sum(cpu)
    line = (
        f"| {name} | {rate:,.0f} | {cpu_rate:,.0f} | {statistics.median(wall) * 1e3:.3f} | "
        f"{_p95(wall):.3f} | {_p95(cpu):.3f} |"
    )
    return line, cpu_rate


def _growth(lexicon: Lexicon) -> list[str]:
    pool = " ".join(
        text.replace(".", " ").replace("?", " ").replace("!", " ") for text in sentences()
    )
    lines = ["| characters | ms (best of 3) | ms per 1 000 characters |", "|---:|---:|---:|"]
    for size in GROWTH:
        text = (pool * (size // len(pool) + 1))[:size]
        read_text(text, lexicon)
        best = min(_timed(lambda t: read_text(t, lexicon), [text] * 3)[1]) * 1e3
        lines.append(f"| {size:,} | {best:.1f} | {best / size * 1e3:.2f} |")
    return lines


def run() -> str:
    """Measure and return a Markdown section."""
    started = time.perf_counter()
    lexicon = load_lexicon(DEFAULT_RULES_DIR)
    load_ms = (time.perf_counter() - started) * 1e3
    texts = messages(MESSAGES)
    words = [len(text.split()) for text in texts]
    word_keys.cache_clear()
    lexicon.word_cache.clear()
    cold, _ = _row(
        "read_text, cold caches (first pass)", _timed(lambda t: read_text(t, lexicon), texts)
    )
    warm, warm_rate = _row("read_text, warm caches", _timed(lambda t: read_text(t, lexicon), texts))
    needs, _ = _row(
        "extract_needs, warm caches", _timed(lambda t: extract_needs(t, lexicon), texts)
    )
    baseline, baseline_rate = _row(
        f"naive baseline: extractOne per word ({BASELINE_MESSAGES} messages)",
        _timed(_baseline(lexicon), texts[:BASELINE_MESSAGES]),
    )
    readings = [read_text(text, lexicon) for text in texts]
    load = os.getloadavg()[0]
    return "\n".join(
        [
            "## Needs reader (issues 4 and 10)",
            "",
            f"{MESSAGES:,} messages of {min(words)}–{max(words)} words (mean "
            f"{statistics.mean(words):.0f}) built from the development sentences; "
            f"{sum(len(r.needs) for r in readings):,} needs and "
            f"{sum(len(r.signals) for r in readings):,} signals found. Lexicon: "
            f"{len(lexicon.entries)} compiled entries, loaded in {load_ms:.0f} ms. One thread; "
            f"load average {load:.1f} on {os.cpu_count()} cores while measuring.",
            "",
            "| reader | messages/s (wall) | messages/s (CPU) | p50 ms | p95 ms (wall) | "
            "p95 ms (CPU) |",
            "|---|---:|---:|---:|---:|---:|",
            cold,
            warm,
            needs,
            baseline,
            "",
            f"Goal: ≥ 2 000 messages/s and p95 < 2 ms. Warm `read_text` is "
            f"{warm_rate / baseline_rate:.1f}× the baseline in CPU time; the baseline finds "
            "candidate words only — no phrases, status, signals or evidence.",
            "",
            "Growth: one sentence without full stops, built from the development sentences.",
            "",
            *_growth(lexicon),
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
