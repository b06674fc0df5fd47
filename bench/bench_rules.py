"""Benchmark the rule engine: one case with full trace, load+lint, replay, and peers.

The same generated 1 000-row table and the same cases go through our evaluator,
GoRules ZEN (with and without trace) and ``rule-engine``; matched rows are
compared first so that the engines are shown to agree before they are timed.
"""

from __future__ import annotations

import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import rule_engine
import zen

from mgt_assistant.domain.rules import Recommender, RuleSet, check_rule_set, load_rule_set
from mgt_assistant.domain.rules.case import Case, NeedEntry, case_inputs
from mgt_assistant.domain.rules.model import DecisionTable
from mgt_assistant.domain.rules.parsing import Sink
from mgt_assistant.domain.rules.plan import draft_plan
from mgt_assistant.domain.rules.report import recommendation_document, to_json
from mgt_assistant.domain.rules.tables import Vocabulary, parse_table
from mgt_assistant.domain.yaml_strict import loads
from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

ROWS = 1_000
TIMED_CASES = 2_000
RULE_ENGINE_CASES = 40
REPLAY_CASES = 100_000
CLI_RUNS = 15
CLI_CASE = '{"text": "Har skulder hos Kronofogden och bor på soffan hos en vän.", "age": 40}'
SEED = 20261122


def _cell_need(rng: random.Random, needs: Sequence[str]) -> str:
    return "in [" + ", ".join(rng.sample(needs, rng.randint(1, 3))) + "]"


def _cell_age(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.3:
        return '"-"'
    if choice < 0.8:
        low = rng.randint(16, 50)
        return f"{low}..{low + rng.randint(5, 30)}"
    if choice < 0.95:
        return f'">= {rng.randint(18, 40)}"'
    return "missing"


def _cell_income(rng: random.Random, sources: Sequence[str]) -> str:
    if rng.random() < 0.5:
        return '"-"'
    return '"in [' + ", ".join(rng.sample(sources, rng.randint(1, 3))) + ']"'


def generated_table(rule_set: RuleSet, rows: int = ROWS) -> DecisionTable:
    """Write and parse a random COLLECT table with need, age and income columns."""
    rng = random.Random(SEED)
    needs = rule_set.taxonomy.all_ids()
    sources = sorted(rule_set.outcomes.income_sources)
    interventions = sorted(rule_set.interventions)
    lines = [
        "table: generated",
        "label: Genererad",
        'version: "1"',
        "status: draft",
        'effective_from: "2026-12-01"',
        "hit_policy: COLLECT",
        "inputs:",
        "  - {id: need, type: need}",
        "  - {id: age, type: integer}",
        "  - {id: income_source, type: income_source}",
        "rows:",
    ]
    for n in range(rows):
        lines += [
            f"  - id: G-{n:04d}",
            f"    when: {{need: '{_cell_need(rng, needs)}', age: {_cell_age(rng)}, "
            f"income_source: {_cell_income(rng, sources)}}}",
            f"    then: {{intervention: {rng.choice(interventions)}, "
            f"priority: {rng.randint(1, 9)}}}",
            "    why: Genererad rad.",
        ]
    sink = Sink()
    vocabulary = Vocabulary(rule_set.taxonomy, frozenset(sources))
    table = parse_table(
        loads("\n".join(lines), "generated.yaml"), "generated.yaml", vocabulary, sink
    )
    if table is None or sink.has_errors:
        raise RuntimeError("; ".join(str(f) for f in sink.findings))
    return table


def generated_cases(rule_set: RuleSet, count: int, seed: int = SEED) -> list[Case]:
    """Return random cases: 1–4 needs, mostly known age and income source."""
    rng = random.Random(seed)
    needs = rule_set.taxonomy.all_ids()
    sources = sorted(rule_set.outcomes.income_sources)
    cases: list[Case] = []
    for _ in range(count):
        picked = rng.sample(needs, rng.randint(1, 4))
        cases.append(
            Case(
                needs=tuple(NeedEntry(n, n.split(".")[0], "present", "") for n in picked),
                age=rng.randint(14, 70) if rng.random() < 0.9 else None,
                income_source=rng.choice(sources) if rng.random() < 0.8 else None,
            )
        )
    return cases


def _zen_cell(column: str, condition: Any, *, plain_need: bool) -> str:
    if condition.is_any:
        return ""
    if (
        condition.accepts_missing
        and not condition.any_value
        and not condition.values
        and not condition.intervals
    ):
        return "$ == null"
    if column == "need" and not plain_need:
        return "some($, # in [" + ", ".join(f'"{v}"' for v in sorted(condition.values)) + "])"
    if condition.intervals:
        low, high = condition.intervals[0]
        return f">= {low}" if high >= 10**9 else f"[{low}..{high}]"
    return ", ".join(f'"{v}"' for v in sorted(condition.values))


def zen_content(table: DecisionTable, *, plain_need: bool = True) -> dict[str, Any]:
    """Translate our table into a GoRules JDM decision with one decision-table node.

    ``plain_need``: the need column reads one need as a plain string (ZEN's own idiom:
    a list of values in the cell, one evaluation per need); otherwise it tests the
    whole list of needs with a ``some()`` expression in every cell.
    """
    fields = {"need": "need" if plain_need else "needs", "age": "age"}
    fields["income_source"] = "income_source"
    rules = []
    for row in table.rows:
        rule: dict[str, str] = {"_id": row.id, "o_row": json.dumps(row.id)}
        for column, condition in zip(table.columns, row.conditions, strict=True):
            rule[f"c_{column.id}"] = _zen_cell(column.id, condition, plain_need=plain_need)
        rules.append(rule)
    node = {
        "id": "table",
        "type": "decisionTableNode",
        "name": "Genererad",
        "position": {"x": 0, "y": 0},
        "content": {
            "hitPolicy": "collect",
            "inputs": [
                {"id": f"c_{c.id}", "name": c.id, "type": "expression", "field": fields[c.id]}
                for c in table.columns
            ],
            "outputs": [{"id": "o_row", "name": "row", "type": "expression", "field": "row"}],
            "rules": rules,
        },
    }
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "In", "position": {"x": 0, "y": 0}},
            node,
            {"id": "out", "type": "outputNode", "name": "Ut", "position": {"x": 0, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def zen_engine(table: DecisionTable) -> Any:
    """Return a ZenEngine with both decisions behind its static loader (its fast path)."""
    content = {
        "plain": zen_content(table, plain_need=True),
        "list": zen_content(table, plain_need=False),
    }
    engine = zen.ZenEngine({"loader": {"type": "static", "content": content}})
    for key in content:
        engine.get_decision(key)  # prepared once, as a long-running service would
    return engine


def zen_rows(engine: Any, case: Case, *, trace: bool = False) -> set[str]:
    """Evaluate the plain-need decision once per need and return the matched row ids."""
    options = {"trace": True} if trace else None
    found: set[str] = set()
    for need in sorted(case.active_needs):
        context = {"need": need, "age": case.age, "income_source": case.income_source}
        found.update(item["row"] for item in engine.evaluate("plain", context, options)["result"])
    return found


def _rule_engine_text(table: DecisionTable, position: int) -> str:
    parts: list[str] = []
    for column, condition in zip(table.columns, table.rows[position].conditions, strict=True):
        name = {"need": "needs"}.get(column.id, column.id)
        if condition.is_any:
            continue
        if column.id == "need":
            parts.append(
                "(" + " or ".join(f'"{v}" in needs' for v in sorted(condition.values)) + ")"
            )
        elif not condition.values and not condition.intervals:
            parts.append(f"{name} == null")
        elif condition.intervals:
            low, high = condition.intervals[0]
            upper = "" if high >= 10**9 else f" and {name} <= {high}"
            parts.append(f"({name} != null and {name} >= {low}{upper})")
        else:
            values = ", ".join(f'"{v}"' for v in sorted(condition.values))
            parts.append(f"({name} != null and {name} in [{values}])")
    return " and ".join(parts) or "true"


def _context(case: Case) -> dict[str, Any]:
    return {
        "needs": sorted(case.active_needs),
        "age": case.age,
        "income_source": case.income_source,
    }


def _timed(call: Callable[[Any], Any], items: Sequence[Any]) -> list[float]:
    """Time each call in microseconds, with the garbage collector off as timeit does."""
    return _interleaved({"call": call}, items)[0]["call"]


def _p(times: Sequence[float], share: float) -> float:
    return statistics.quantiles(times, n=100)[int(share * 100) - 1] if len(times) > 1 else times[0]


def _row(name: str, times: Sequence[float], cpu: Sequence[float], ours: float) -> str:
    p50, p95, cpu50 = _p(times, 0.5), _p(times, 0.95), _p(cpu, 0.5)
    ratio = cpu50 / ours if ours else float("nan")
    return f"| {name} | {len(times)} | {p50:,.1f} | {p95:,.1f} | {cpu50:,.1f} | {ratio:,.2f}× |"


def _agreement(
    recommender: Recommender,
    table: DecisionTable,
    engine: Any,
    rules: list[Any],
    cases: Sequence[Case],
) -> tuple[int, int, int]:
    compiled = recommender.tables[0]
    agree_plain = agree_list = agree_re = 0
    for case in cases:
        values = case_inputs(case, recommender.need_parties)
        ours = {row.row.id for row in compiled.matching(values)}
        agree_plain += ours == zen_rows(engine, case)
        listed = engine.evaluate("list", _context(case))["result"]
        agree_list += ours == {item["row"] for item in listed}
        matched = {table.rows[i].id for i, rule in enumerate(rules) if rule.matches(_context(case))}
        agree_re += ours == matched
    return agree_plain, agree_list, agree_re


def _interleaved(
    engines: Mapping[str, Callable[[Any], Any]], cases: Sequence[Any]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Time every engine on every case in turn, in a random order per case, in one process.

    Returns wall-clock and CPU times (the process's, all threads) in microseconds: on a
    shared machine the wall clock also counts time the process waited for a core.
    """
    names = list(engines)
    walls: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    # A fresh random order per case: with a rotation each engine always followed the same
    # one, and so paid for whatever that one left behind (cache misses, ZEN's threads).
    rng = random.Random(SEED)
    gc.disable()
    try:
        for case in cases:
            for name in rng.sample(names, len(names)):
                cpu = time.process_time_ns()
                started = time.perf_counter_ns()
                engines[name](case)
                walls[name].append((time.perf_counter_ns() - started) / 1_000)
                cpus[name].append((time.process_time_ns() - cpu) / 1_000)
    finally:
        gc.enable()
    return walls, cpus


def _replay(recommender: Recommender, cases: Sequence[Case], *, explain: bool) -> float:
    """Evaluate every case; with ``explain``, every why-not is read too (built in full)."""
    gc.disable()
    try:
        started = time.perf_counter()
        for case in cases:
            evaluation = recommender.evaluate(case, explain=explain)
            if explain:
                tuple(evaluation.not_recommended)
        return time.perf_counter() - started
    finally:
        gc.enable()


def _cli_runs(runs: int = CLI_RUNS) -> tuple[float, list[float], list[float]]:
    """Start `recommend --json` as a new process: the first run, then ``runs`` more.

    Returns the first run's wall time (empty rule-set cache) and the wall and CPU
    (user + system) times of the others, in seconds. Bytecode caches are allowed, as an
    installed package has them.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory(prefix="mgt-bench-cache-") as cache:
        env["MGT_CACHE_DIR"] = cache
        for _run in range(runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mgt_assistant", "recommend", "--json"],
                input=CLI_CASE,
                text=True,
                capture_output=True,
                check=True,
                cwd=PROJECT_ROOT,
                env=env,
            )
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls[0], walls[1:], cpus[1:]


def _load_lint_compile() -> float:
    started = time.perf_counter()
    rule_set, _findings = check_rule_set(DEFAULT_RULES_DIR)
    if rule_set is None:
        raise RuntimeError("rules/ har fel: kör mgt-assistant rules check")
    Recommender(rule_set)
    return time.perf_counter() - started


def run() -> str:
    """Run the rule benchmarks and return a Markdown section."""
    shipped = load_rule_set(DEFAULT_RULES_DIR)
    table = generated_table(shipped)
    big = Recommender(replace(shipped, tables=(table,)))
    cases = generated_cases(shipped, TIMED_CASES)
    for case in cases[:200]:
        big.evaluate(case)  # warm-up
    engine = zen_engine(table)
    for case in cases[:200]:
        big.evaluate(case, explain=False)
        zen_rows(engine, case)
        engine.evaluate("list", _context(case))
    timed, cpu = _interleaved(
        {
            "ours_full": big.evaluate,
            "ours_read": lambda c: tuple(big.evaluate(c).not_recommended),
            "ours_compact": lambda c: big.evaluate(c, explain=False),
            "zen_plain": lambda c: zen_rows(engine, c),
            "zen_plain_trace": lambda c: zen_rows(engine, c, trace=True),
            "zen_list": lambda c: engine.evaluate("list", _context(c)),
        },
        cases,
    )
    ours_p50 = _p(cpu["ours_full"], 0.5)
    contexts = [_context(c) for c in cases]
    rules = [rule_engine.Rule(_rule_engine_text(table, i)) for i in range(len(table.rows))]
    re_times, re_cpu = _interleaved(
        {"re": lambda c: [r.matches(c) for r in rules]}, contexts[:RULE_ENGINE_CASES]
    )
    agree_plain, agree_list, agree_re = _agreement(
        big, table, engine, rules, cases[:RULE_ENGINE_CASES]
    )
    zen_fast = _p(cpu["zen_plain"], 0.5)

    load_times = sorted(_load_lint_compile() for _ in range(3))
    shipped_engine = Recommender(shipped)
    replay = generated_cases(shipped, REPLAY_CASES, seed=SEED + 1)
    replay_seconds = _replay(shipped_engine, replay, explain=False)
    replay_traced = _replay(shipped_engine, replay, explain=True)
    documents = _timed(
        lambda c: to_json(recommendation_document(shipped_engine, shipped_engine.evaluate(c))),
        replay[:TIMED_CASES],
    )
    plans = _timed(lambda c: draft_plan(shipped, shipped_engine.evaluate(c)), replay[:TIMED_CASES])
    cli_first, cli_walls, cli_cpus = _cli_runs()

    return "\n".join(
        [
            "## Rule engine (issue 3)",
            "",
            f"Generated table: {len(table.rows)} rows (COLLECT; columns need, age, income source), "
            f"{len(shipped.interventions)} catalogue interventions; cases have 1–4 needs. "
            '"Ours" is the full trace: matched rows with the inputs read, hit policy, '
            "eligibility and consent filtering, and a why-not for every catalogue intervention. "
            "The why-not list is built when it is first read (as a page or report that shows "
            "it does); the second row reads it in full for every case.",
            "",
            "### One case against a 1 000-row table",
            "",
            "| engine | cases | p50 µs | p95 µs | CPU p50 µs | CPU p50 ratio to ours |",
            "|---|---:|---:|---:|---:|---:|",
            _row(
                "ours, full trace (why-not built when read)",
                timed["ours_full"],
                cpu["ours_full"],
                ours_p50,
            ),
            _row(
                "ours, full trace with every why-not read",
                timed["ours_read"],
                cpu["ours_read"],
                ours_p50,
            ),
            _row(
                "ours, proposals only (`explain=False`)",
                timed["ours_compact"],
                cpu["ours_compact"],
                ours_p50,
            ),
            _row(
                "GoRules ZEN `ZenEngine.evaluate`, prepared, need as plain input, no trace",
                timed["zen_plain"],
                cpu["zen_plain"],
                ours_p50,
            ),
            _row(
                "GoRules ZEN, the same with `trace: True`",
                timed["zen_plain_trace"],
                cpu["zen_plain_trace"],
                ours_p50,
            ),
            _row(
                "GoRules ZEN, one call with the need list (`some()` in each cell)",
                timed["zen_list"],
                cpu["zen_list"],
                ours_p50,
            ),
            _row("rule-engine, one `Rule` per row", re_times["re"], re_cpu["re"], ours_p50),
            "",
            "ZEN runs its fast path as its README shows it: one `ZenEngine` with a static "
            "loader, decisions prepared once and evaluated by key; the need is a plain string "
            "input with the row's needs listed in the cell, so a case with several needs is "
            "one evaluation per need (the union is what our table's need column means). "
            "All engines are timed case by case in one process, in a random order per case. "
            f"Our p50 with the full trace is {ours_p50 / zen_fast:.2f}× ZEN's p50 without "
            f"trace; with every why-not read, {_p(cpu['ours_read'], 0.5) / zen_fast:.2f}×; "
            f"proposals only, {_p(cpu['ours_compact'], 0.5) / zen_fast:.2f}× (CPU time). "
            f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end.",
            "",
            f"Agreement on matched rows over {RULE_ENGINE_CASES} cases: ZEN plain need "
            f"{agree_plain}/{RULE_ENGINE_CASES}, ZEN need list {agree_list}/{RULE_ENGINE_CASES}, "
            f"rule-engine {agree_re}/{RULE_ENGINE_CASES}.",
            "",
            "### Shipped rules/",
            "",
            "| measure | value | target |",
            "|---|---:|---:|",
            f"| load + lint (incl. gaps and golden scenarios) + compile `rules/`, best of 3 "
            f"| {load_times[0] * 1000:,.0f} ms | < 1 000 ms |",
            f"| replay {REPLAY_CASES:,} synthetic cases: proposals with rule and why "
            f"(`explain=False`) | {replay_seconds:,.2f} s "
            f"({replay_seconds / REPLAY_CASES * 1e6:,.1f} µs/case) | < 5 s |",
            f"| replay {REPLAY_CASES:,} synthetic cases with the full trace, every why-not read "
            f"| {replay_traced:,.2f} s ({replay_traced / REPLAY_CASES * 1e6:,.1f} µs/case) | – |",
            f"| evaluate + draft plan, p50 / p95 "
            f"| {_p(plans, 0.5):,.1f} / {_p(plans, 0.95):,.1f} µs | – |",
            f"| evaluate + plan + `recommend --json` document, p50 / p95 "
            f"| {_p(documents, 0.5):,.1f} / {_p(documents, 0.95):,.1f} µs | – |",
            f"| `mgt-assistant recommend --json` as a new process (text read too), "
            f"median of {len(cli_walls)}: wall / CPU "
            f"| {statistics.median(cli_walls) * 1000:,.0f} / "
            f"{statistics.median(cli_cpus) * 1000:,.0f} ms | < 400 ms |",
            f"| the same, first run with an empty rule-set cache (wall) "
            f"| {cli_first * 1000:,.0f} ms | – |",
            "",
            "The command takes the compiled rule set from a cache keyed by the rules' content "
            "hash and the code (`MGT_CACHE_DIR`, else the user's cache folder) and imports "
            "neither the YAML and pydantic parsers nor the database or web layers. On a busy "
            "machine wall time exceeds CPU time; CPU time is what the command costs.",
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
