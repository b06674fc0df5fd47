"""Benchmark rule-set governance: semantic diff and what-if replay over 10 000 stored cases.

Run alone with ``python -m bench.bench_governance``; ``run()`` returns a Markdown
section in the shape ``bench.run`` collects. The candidate is the shipped rules
with one table row's age bound and one catalogue entry's age limit changed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from mgt_assistant.domain.governance import diff_rule_sets, replay, synthetic_cases
from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR

CASES = 10_000
ROUNDS = 3
EDITS = (
    (
        "recommendations/arbetsliv.yaml",
        "age: 16..29, work_need",
        "age: 16..34, work_need",
    ),
    (
        "interventions.yaml",
        "    eligibility:\n      min_age: 18\n    weeks: 26\n    capacity: Bistånd efter ansökan.",
        "    eligibility:\n      min_age: 20\n    weeks: 26\n    capacity: Bistånd efter ansökan.",
    ),
)


def candidate_rule_set(folder: Path) -> RuleSet:
    """Copy the shipped rules to ``folder`` and apply the benchmark's edits."""
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    for name, old, new in EDITS:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise SystemExit(f"benchmarkens ändring hittas inte en gång i {name}: {old!r}")
        path.write_text(text.replace(old, new), encoding="utf-8")
    return load_rule_set(folder)


def run() -> str:
    """Measure diff and replay and return the Markdown section."""
    baseline = load_rule_set(DEFAULT_RULES_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = candidate_rule_set(Path(tmp) / "rules")
    cases = synthetic_cases(baseline, CASES)
    started = time.perf_counter()
    diff = diff_rule_sets(baseline, candidate)
    diff_seconds = time.perf_counter() - started
    timings, cpu = [], []
    for _ in range(ROUNDS):
        started, cpu_started = time.perf_counter(), time.process_time()
        report = replay(baseline, candidate, cases)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    best, median = min(timings), statistics.median(timings)
    # The machine is shared; the load says how much of a core the replay really had.
    load = os.getloadavg()[0]
    return "\n".join(
        [
            "## Rule-set governance (issue 12)",
            "",
            f"Candidate: shipped rules with {diff.count} changes; "
            f"{CASES:,} synthetic stored cases (with services in place, diagnoses, alerts, "
            "excluded units, age bands and dates, as the drafter reads them). "
            f"Load average at the end: {load:.1f}.",
            "",
            "| measurement | time | target |",
            "|---|---|---|",
            f"| semantic diff of two loaded rule sets | {diff_seconds * 1000:,.1f} ms | – |",
            f"| replay {CASES:,} cases, both rule sets, plans, examples, golden scenarios "
            f"(best of {ROUNDS}) | {best:,.2f} s ({best / CASES * 1e6:,.0f} µs/case) | < 5 s |",
            f"| same, median of {ROUNDS} | {median:,.2f} s | < 5 s |",
            # CPU time is what the replay itself costs; wall time adds the other helpers' load.
            f"| same, CPU time of the process (best of {ROUNDS}) | {min(cpu):,.2f} s | – |",
            "",
            f"Result: {report.changed_plans:,} plans change, "
            f"{report.changed_interventions:,} cases gain or lose an intervention, "
            f"{report.scenarios_passed}/{len(report.scenarios)} golden scenarios pass.",
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
