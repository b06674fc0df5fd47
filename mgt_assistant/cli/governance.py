"""`mgt-assistant rules diff` and `rules replay`: what a rule change means and would do."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mgt_assistant.cli.common import CliError, add_rules_dir, checked_rules
from mgt_assistant.domain.governance import (
    StoredCaseError,
    diff_rule_sets,
    diff_text,
    load_stored_cases,
    replay,
    replay_text,
    synthetic_cases,
    to_json,
)
from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR

SYNTHETIC_CASES = 1_000


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `diff` and `replay` under `mgt-assistant rules`."""
    diff_parser = actions.add_parser(
        "diff", help="visa vad som ändrats i innebörd mellan två regelkataloger"
    )
    diff_parser.add_argument("old", type=Path, metavar="GAMMAL", help="regelkatalog före")
    diff_parser.add_argument("new", type=Path, metavar="NY", help="regelkatalog efter")
    diff_parser.add_argument("--json", action="store_true", help="skriv skillnaderna som JSON")
    diff_parser.add_argument(
        "--exit-code", action="store_true", help="slutkod 1 om det finns skillnader (för CI)"
    )
    diff_parser.set_defaults(handler=diff)
    replay_parser = actions.add_parser(
        "replay", help="kör en kandidat mot sparade ärenden och visa vad som skulle ändras"
    )
    replay_parser.add_argument(
        "--candidate", type=Path, required=True, metavar="KATALOG", help="kandidatens regelkatalog"
    )
    replay_parser.add_argument(
        "--baseline",
        type=Path,
        default=DEFAULT_RULES_DIR,
        metavar="KATALOG",
        help="nuvarande regelkatalog (standard: rules/)",
    )
    replay_parser.add_argument(
        "--cases",
        type=Path,
        metavar="FIL",
        help='sparade ärendefakta som JSON Lines: {"id": …, "facts": {…}} per rad '
        f"(utan fil: {SYNTHETIC_CASES} syntetiska ärenden)",
    )
    replay_parser.add_argument("--json", action="store_true", help="skriv rapporten som JSON")
    replay_parser.set_defaults(handler=replay_command)
    import_parser = actions.add_parser(
        "import", help="kontrollera en regelkatalog och spara den som utkast i databasen"
    )
    add_rules_dir(import_parser)
    import_parser.set_defaults(handler=import_command)


def _load(rules_dir: Path, what: str) -> RuleSet:
    return checked_rules(
        load_rule_set, rules_dir, f"{what} ({rules_dir})", f"kör 'rules check {rules_dir}'"
    )


def diff(args: argparse.Namespace) -> int:
    """Print the semantic diff of two rule folders; with --exit-code, 1 if they differ."""
    old = _load(args.old, "den gamla regelkatalogen")
    new = _load(args.new, "den nya regelkatalogen")
    result = diff_rule_sets(old, new)
    sys.stdout.write(to_json(result) if args.json else diff_text(result))
    return 1 if args.exit_code and not result.empty else 0


def replay_command(args: argparse.Namespace) -> int:
    """Replay stored (or synthetic) cases with a baseline and a candidate and report."""
    baseline = _load(args.baseline, "den nuvarande regelkatalogen")
    candidate = _load(args.candidate, "kandidaten")
    if args.cases is None:
        cases = synthetic_cases(baseline, SYNTHETIC_CASES)
        if not args.json:
            print(f"Inga sparade ärenden angivna (--cases): {SYNTHETIC_CASES} syntetiska ärenden")
    else:
        try:
            cases = load_stored_cases(args.cases)
        except StoredCaseError as error:
            raise CliError(str(error), exit_code=2) from None
    started = time.perf_counter()
    report = replay(baseline, candidate, cases)
    seconds = time.perf_counter() - started
    if args.json:
        sys.stdout.write(to_json(report))
    else:
        sys.stdout.write(replay_text(report))
        print(f"({len(cases)} ärenden på {seconds:.2f} s)")
    return 0


def import_command(args: argparse.Namespace) -> int:
    """Store a rules folder as a draft version (nothing is stored if it has errors)."""
    # The database layer is imported here only: `rules diff` and `replay` run without it.
    from sqlmodel import Session

    from mgt_assistant.cli.config import load_settings
    from mgt_assistant.db.engine import make_engine
    from mgt_assistant.services.rule_versions import RuleVersionError, store_rule_folder

    engine = make_engine(load_settings().database_url)
    try:
        with Session(engine) as session:
            stored = store_rule_folder(session, args.dir, by=None, source="import")
    except RuleVersionError as error:
        lines = "\n".join(f"  {line}" for line in error.errors)
        raise CliError(f"{error}\n{lines}" if lines else str(error)) from None
    finally:
        engine.dispose()
    version = stored.version
    if not stored.created:
        print(f"Innehållet finns redan som version {version.version} ({version.hash[:12]}).")
        return 0
    print(
        f"Sparad som utkast: version {version.version} ({version.hash[:12]}). "
        "Styrgruppen granskar och godkänner den under Regelverk i webben."
    )
    return 0
