"""`mgt-assistant needs --json`: the needs found in text on standard input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mgt_assistant.cli.common import CliError, read_stdin
from mgt_assistant.domain.needs import extract_needs, load_lexicon
from mgt_assistant.domain.yaml_strict import RuleFileError
from mgt_assistant.paths import DEFAULT_RULES_DIR

MAX_CHARACTERS = 20_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the needs command."""
    parser = subparsers.add_parser("needs", help="hitta behov i svensk text från standard in")
    parser.add_argument("--json", action="store_true", help="skriv ut JSON (standard)")
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_DIR, help="regelmappen")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the needs found, ordered by position."""
    text = read_stdin()
    if not text.strip():
        raise CliError("ingen text att läsa: skriv texten på standard in", exit_code=2)
    if len(text) > MAX_CHARACTERS:
        raise CliError(f"texten är för lång: högst {MAX_CHARACTERS} tecken", exit_code=2)
    try:
        lexicon = load_lexicon(args.rules)
    except RuleFileError as error:
        raise CliError(str(error)) from None
    mentions = extract_needs(text, lexicon)
    document = {"needs": [mention.to_json() for mention in mentions]}
    print(json.dumps(document, ensure_ascii=False))
    return 0
