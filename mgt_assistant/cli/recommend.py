"""`mgt-assistant recommend --json`: the recommendation document for one case.

The command a script or another system calls once per case, so it starts fast: it
imports only the compiled rule set's modules, the case reader, the needs reader, the
evaluator and the report, and takes the compiled rule set from the on-disk cache
(``rule_cache``) when that is current.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mgt_assistant.cli.common import CliError, add_rules_dir, checked_rules, read_stdin
from mgt_assistant.cli.rule_cache import load_cached_rule_set
from mgt_assistant.domain.rules.case import Case, CaseError, read_case
from mgt_assistant.domain.rules.case_merge import with_signals, with_text_needs
from mgt_assistant.domain.rules.evaluator import Recommender
from mgt_assistant.domain.rules.model import RuleSet
from mgt_assistant.domain.rules.report import recommendation_document, to_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the recommend command."""
    recommend_parser = subparsers.add_parser(
        "recommend", help="föreslå insatser och en parallell plan för ett ärende (JSON på stdin)"
    )
    recommend_parser.add_argument(
        "--json", action="store_true", required=True, help="skriv resultatet som JSON"
    )
    add_rules_dir(recommend_parser, "--rules")
    recommend_parser.set_defaults(handler=recommend)


def load(rules_dir: Path) -> RuleSet:
    """Return the compiled rule set (cached by content hash); a broken set is a CliError."""
    return checked_rules(load_cached_rule_set, rules_dir, "regeluppsättningen", "kör 'rules check'")


def read_case_json(rule_set: RuleSet) -> Case:
    """Read the case on standard input as JSON, with needs and signals read from its text."""
    raw = read_stdin()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CliError(f"ogiltig JSON på rad {error.lineno}: {error.msg}", exit_code=2) from None
    try:
        case = read_case(rule_set, data)
    except CaseError as error:
        raise CliError(str(error), exit_code=2) from None
    if case.text:
        # The same reader as `needs --json`, so needs, alerts and services in place agree;
        # facts typed in explicitly win over the same fact read from the text.
        from mgt_assistant.domain.needs.signals import read_text

        reading = read_text(case.text, rule_set.lexicon)
        case = with_signals(with_text_needs(case, reading.needs), reading.signals)
    if case.as_of is None:
        # The shell decides "today" (winter matters for homelessness); the core never reads a clock.
        case = replace(case, as_of=datetime.now(ZoneInfo("Europe/Stockholm")).date())
    return case


def recommend(args: argparse.Namespace) -> int:
    """Print the recommendation document for the case on stdin."""
    rule_set = load(args.rules)
    case = read_case_json(rule_set)
    recommender = Recommender(rule_set)
    sys.stdout.write(to_json(recommendation_document(recommender, recommender.evaluate(case))))
    return 0
