"""`mgt-assistant needs --json`: the needs and signals found in text on standard input."""

from __future__ import annotations

import argparse
import json

from mgt_assistant.cli.common import CliError, add_rules_dir, read_stdin
from mgt_assistant.domain.needs import (
    NEED_STATUS_LABELS,
    Lexicon,
    NeedMention,
    Signal,
    load_lexicon,
)
from mgt_assistant.domain.needs import read_text as read_needs
from mgt_assistant.domain.yaml_strict import RuleFileError

MAX_CHARACTERS = 20_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the needs command."""
    parser = subparsers.add_parser("needs", help="hitta behov i svensk text från standard in")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_rules_dir(parser, "--rules")
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


KIND_SV = {
    "alert": "varning",
    "in_place": "pågående insats",
    "diagnosis": "diagnos",
    "income": "försörjning",
}


def _line(mention: NeedMention) -> str:
    status = NEED_STATUS_LABELS[mention.status.value]
    return f"{mention.start}–{mention.end}\t{mention.id}\t{status}\t”{mention.evidence}”"


def _signal_line(signal: Signal, lexicon: Lexicon) -> str:
    status = NEED_STATUS_LABELS[signal.status.value]
    label = lexicon.signal_labels.get((signal.kind, signal.id), signal.id)
    return (
        f"{signal.start}–{signal.end}\t{KIND_SV[signal.kind]}: {label} ({signal.id})"
        f"\t{status}\t”{signal.evidence}”"
    )


def run(args: argparse.Namespace) -> int:
    """Print the needs found, ordered by position."""
    text = read_text()
    try:
        lexicon = load_lexicon(args.rules)
    except RuleFileError as error:
        raise CliError(str(error)) from None
    reading = read_needs(text, lexicon)
    if args.json:
        document = {
            "needs": [m.to_json() for m in reading.needs],
            "signals": [s.to_json() for s in reading.signals],
        }
        print(json.dumps(document, ensure_ascii=False))
        return 0
    print("\n".join(_line(m) for m in reading.needs) or "inga behov hittades")
    if reading.signals:
        print("Signaler:")
        print("\n".join(_signal_line(s, lexicon) for s in reading.signals))
    return 0
