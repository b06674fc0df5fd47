"""Run every benchmark section and write docs/benchmarks.md with the machine described."""

from __future__ import annotations

import importlib
import os
import platform
import re
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


# The line that closes each section; a partial run finds its section by it.
TRAILER = re.compile(r"^_(bench\.\w+) took [^\n]*_$", re.MULTILINE)


def _section(name: str) -> str:
    started = time.perf_counter()
    module = importlib.import_module(name)
    print(f"kör {name} …", flush=True)
    body: str = module.run()
    took = time.perf_counter() - started
    measured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{body}\n_{name} took {took:.1f} s in all (measured {measured}, "
        f"load average {load:.1f})._\n"
    )


def _replace_sections(text: str, fresh: dict[str, str]) -> str:
    """Put freshly measured sections in place of their old text; keep the others."""
    pieces: list[str] = []
    start = 0
    for match in TRAILER.finditer(text):
        end = match.end() + 1
        body = fresh.pop(match.group(1), None)
        if body is None:
            pieces.append(text[start:end])
        elif start == 0:
            # The first section starts at the first heading after the machine table.
            machine = text.index("## Machine")
            heading = re.compile(r"^## ", re.MULTILINE).search(text, machine + 1)
            at = heading.start() if heading is not None else end
            pieces += [text[:at], body]
        else:
            pieces.append("\n" + body)
        start = end
    pieces.append(text[start:])
    # Sections not yet in the file go at the end.
    pieces += ["\n" + body for body in fresh.values()]
    return "".join(pieces)


def main(argv: list[str] | None = None) -> int:
    """Run the sections (all, or those named, e.g. ``bench_rules``) and write the report.

    Naming sections re-measures only those and keeps the rest of docs/benchmarks.md.
    """
    names = list(sys.argv[1:] if argv is None else argv)
    chosen = [f"bench.{n.removeprefix('bench.')}" for n in names]
    unknown = [n for n in chosen if n not in SECTIONS]
    if unknown:
        print(f"okänd del: {', '.join(unknown)} (finns: {', '.join(SECTIONS)})", file=sys.stderr)
        return 2
    if chosen and OUTPUT.is_file():
        fresh = {name: _section(name) for name in chosen}
        OUTPUT.write_text(
            _replace_sections(OUTPUT.read_text(encoding="utf-8"), fresh), encoding="utf-8"
        )
        print(f"skrev {', '.join(chosen)} i {OUTPUT.relative_to(PROJECT_ROOT)}")
        return 0
    parts = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench.run`; `python -m bench.run bench_rules`",
        "re-measures one part). Figures are wall-clock times on one core of the machine",
        "below; peers are measured side by side in the same run.",
        "",
        "## Machine",
        "",
        machine_description(),
        "",
    ]
    parts += [_section(name) for name in (chosen or SECTIONS)]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"skrev {OUTPUT.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
