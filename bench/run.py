"""Run every benchmark section and write docs/benchmarks.md with the machine described."""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from mgt_assistant.paths import PROJECT_ROOT

SECTIONS = (
    "bench.bench_rules",
    "bench.bench_needs",
    "bench.bench_web",
    "bench.bench_load",
    "bench.bench_governance",
    "bench.bench_followup",
)
OUTPUT = PROJECT_ROOT / "docs" / "benchmarks.md"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "okänd"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "okänt"


def machine_description() -> str:
    """Describe the machine the figures were measured on."""
    return "\n".join(
        [
            "| | |",
            "|---|---|",
            f"| measured | {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} |",
            f"| CPU | {_cpu_model()} |",
            f"| cores | {os.cpu_count()} |",
            f"| memory | {_memory()} |",
            f"| OS | {platform.system()} {platform.release()} |",
            f"| Python | {platform.python_implementation()} {platform.python_version()} |",
        ]
    )


def main() -> int:
    """Run the sections and write the report."""
    parts = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench.run`). Figures are wall-clock times on",
        "one core of the machine below; peers are measured side by side in the same run.",
        "",
        "## Machine",
        "",
        machine_description(),
        "",
    ]
    for name in SECTIONS:
        started = time.perf_counter()
        module = importlib.import_module(name)
        print(f"kör {name} …", flush=True)
        parts.append(module.run())
        parts.append(f"\n_{name} took {time.perf_counter() - started:.1f} s in all._\n")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"skrev {OUTPUT.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
