"""`mgt-assistant rules …`: check, test and explain a rule set (`recommend` uses it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mgt_assistant.cli import governance, recommend
from mgt_assistant.cli.common import add_rules_dir, checked_rules
from mgt_assistant.domain.rules import (
    Recommender,
    RuleSet,
    check_rule_set,
    explain_text,
    load_rule_set,
    run_scenarios,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the rules and recommend commands."""
    rules = subparsers.add_parser("rules", help="granska, testa och förklara regeluppsättningen")
    actions = rules.add_subparsers(dest="rules_command", metavar="ÅTGÄRD")
    actions.required = True
    for name, handler, help_text in (
        ("check", check, "läs in och granska reglerna (fel ger slutkod 1)"),
        ("test", test, "kör testscenarierna och visa radtäckningen"),
        ("explain", explain, "förklara varför och varför inte för ett ärende (JSON på stdin)"),
    ):
        parser = actions.add_parser(name, help=help_text)
        add_rules_dir(parser)
        parser.set_defaults(handler=handler)
    governance.register(actions)


def check(args: argparse.Namespace) -> int:
    """Print every finding; exit 1 if any is an error."""
    rule_set, findings = check_rule_set(args.dir)
    order = {"error": 0, "warning": 1, "info": 2}
    for finding in sorted(findings, key=lambda f: (order[f.severity], f.file, f.line)):
        print(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if rule_set is None:
        print(
            f"{errors} fel, {warnings} varningar – regeluppsättningen kan inte användas",
            file=sys.stderr,
        )
        return 1
    print(
        f"Regeluppsättning {rule_set.version} ({rule_set.short_hash}): "
        f"{len(rule_set.tables)} tabeller, {sum(len(t.rows) for t in rule_set.tables)} rader, "
        f"{len(rule_set.interventions)} insatser – 0 fel, {warnings} varningar"
    )
    return 0


def _load(rules_dir: Path) -> RuleSet:
    return checked_rules(load_rule_set, rules_dir, "regeluppsättningen", "kör 'rules check'")


def test(args: argparse.Namespace) -> int:
    """Run the golden scenarios and print row coverage; exit 1 on any failure."""
    rule_set = _load(args.dir)
    report = run_scenarios(rule_set)
    failed = 0
    for result in report.results:
        mark = "ok " if result.passed else "FEL"
        print(f"{mark} {result.scenario.file}:{result.scenario.line} {result.scenario.name}")
        for failure in result.failures:
            print(f"      {failure}")
        failed += 0 if result.passed else 1
    covered, total = report.coverage(rule_set)
    percent = 100 * covered / total if total else 100.0
    print(
        f"{len(report.results) - failed} av {len(report.results)} scenarier gick igenom; "
        f"radtäckning {covered}/{total} ({percent:.0f} %)"
    )
    for table in rule_set.tables:
        missing = [row.id for row in table.rows if (table.id, row.id) not in report.fired]
        if missing:
            print(f"  ej täckta i {table.file}: {', '.join(missing)}")
    return 1 if failed else 0


def explain(args: argparse.Namespace) -> int:
    """Explain, in Swedish, why and why not for the case on stdin."""
    rule_set = recommend.load(args.dir)
    case = recommend.read_case_json(rule_set)
    recommender = Recommender(rule_set)
    sys.stdout.write(explain_text(recommender, recommender.evaluate(case)))
    return 0
