"""`mgt-assistant needs --json`: the needs found in text on standard input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mgt_assistant.cli.common import CliError, read_stdin
from mgt_assistant.domain.meeting import NEED_STATUS_LABELS
from mgt_assistant.domain.needs import NeedMention, extract_needs, load_lexicon
from mgt_assistant.domain.yaml_strict import RuleFileError
from mgt_assistant.paths import DEFAULT_RULES_DIR

MAX_CHARACTERS = 20_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the needs command."""
    parser = subparsers.add_parser("needs", help="hitta behov i svensk text från standard in")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument(
        "--rules",
        type=Path,
        default=DEFAULT_RULES_DIR,
        metavar="KATALOG",
        help="regelkatalog (standard: rules/)",
    )
    parser.set_defaults(handler=run)


def read_text() -> str:
    """Read the text from standard input; refuse empty or too long input with exit code 2."""
    text = read_stdin()
    if not text.strip():
        raise CliError("ingen text att läsa: skriv texten på standard in", exit_code=2)
    if len(text) > MAX_CHARACTERS:
        limit = f"{MAX_CHARACTERS:_}".replace("_", " ")
        raise CliError(f"texten är för lång: {len(text)} tecken, högst {limit}", exit_code=2)
    return text


def _line(mention: NeedMention) -> str:
    status = NEED_STATUS_LABELS[mention.status.value]
    return f"{mention.start}–{mention.end}\t{mention.id}\t{status}\t”{mention.evidence}”"


def run(args: argparse.Namespace) -> int:
    """Print the needs found, ordered by position."""
    text = read_text()
    try:
        lexicon = load_lexicon(args.rules)
    except RuleFileError as error:
        raise CliError(str(error)) from None
    mentions = extract_needs(text, lexicon)
    if args.json:
        print(json.dumps({"needs": [m.to_json() for m in mentions]}, ensure_ascii=False))
    else:
        print("\n".join(_line(m) for m in mentions) or "inga behov hittades")
    return 0
