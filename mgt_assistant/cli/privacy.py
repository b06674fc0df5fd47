"""`mgt-assistant gallra` and `mgt-assistant registerutdrag`: retention and the register extract.

Gallring is a dry run unless ``--verkställ`` is given; both print counts only,
never what a case holds. The register extract is written as JSON to a new file
(readable only by its owner) or to standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from mgt_assistant.cli.common import CliError
from mgt_assistant.cli.config import load_settings
from mgt_assistant.db.engine import make_engine
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.retention import RetentionPolicy, report_lines
from mgt_assistant.services import register_extract, retention

MAX_CASE_NUMBER = 2**31 - 1
NO_DATABASE = (
    "databasen svarar inte eller saknar tabeller: kontrollera MGT_DATABASE_URL "
    "och kör mgt-assistant db upgrade"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the gallra and registerutdrag commands."""
    gallra = subparsers.add_parser(
        "gallra",
        help="visa (med --verkställ: utför) gallring av personuppgifter enligt inställningarna",
    )
    gallra.add_argument(
        "--verkställ",
        "--verkstall",
        dest="carry_out",
        action="store_true",
        help="radera och avidentifiera det som ska gallras (utan flaggan ändras inget)",
    )
    gallra.add_argument(
        "--datum",
        help="visa vad som ska gallras en viss dag, ÅÅÅÅ-MM-DD (bara utan --verkställ)",
    )
    gallra.set_defaults(handler=run_gallring)
    extract = subparsers.add_parser(
        "registerutdrag", help="allt som är sparat om en person, som JSON (GDPR art. 15)"
    )
    who = extract.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--personnummer-stdin",
        action="store_true",
        help="läs personnumret från standard in (hamnar då inte i skalets historik)",
    )
    who.add_argument("--arende", help="ärendenummer (t.ex. för en anonym konsultation)")
    extract.add_argument("--fil", help="skriv utdraget till en ny fil i stället för standard ut")
    extract.set_defaults(handler=write_extract)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"ogiltigt datum '{text[:20]}': skriv ÅÅÅÅ-MM-DD", exit_code=2) from None


def _policy_line(policy: RetentionPolicy) -> str:
    return (
        f"Gallringsfrister (dagar): utkast {policy.draft_days}, ej aktuellt "
        f"{policy.not_relevant_days}, återkallat samtycke {policy.revoked_days}, avslutat "
        f"efter 12-månadersuppföljningen {policy.closed_after_follow_up_days}, avslutat "
        f"utan uppföljning högst {policy.closed_max_days}"
    )


def run_gallring(args: argparse.Namespace) -> int:
    """Print what is due (and with --verkställ remove it); counts only."""
    day = _day(args.datum)
    if args.carry_out and day is not None:
        raise CliError("--datum går bara att använda utan --verkställ (provkörning)", exit_code=2)
    settings = load_settings()
    policy = settings.retention_policy
    today = day or swedish_time.today()
    engine = make_engine(settings.database_url, hide_parameters=True)
    try:
        with Session(engine) as session:
            if args.carry_out:
                report = retention.run_gallring(session, policy=policy, today=today, by=None)
            else:
                report = retention.plan_gallring(session, policy=policy, today=today)
    except DBAPIError:
        raise CliError(NO_DATABASE) from None
    finally:
        engine.dispose()
    when = swedish_time.format_date(today)
    if report.carried_out:
        print(f"Gallring {when}: utförd (gallringspost {report.removal_id} i loggen).")
    else:
        print(f"Gallring {when}: provkörning, inget ändras. Kör med --verkställ för att gallra.")
    print(_policy_line(policy))
    for line in report_lines(report.counts):
        print(line)
    for reason, n in sorted(report.reasons.items()):
        print(f"Skäl – {reason}: {n}")
    return 0


def _case_number(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_CASE_NUMBER:
        raise CliError(f"ogiltigt ärendenummer '{cleaned[:20]}': ange ett heltal", exit_code=2)
    return int(cleaned)


def _open_new(path: Path) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CliError(f"filen {path} finns redan; välj ett nytt namn", exit_code=2) from None
    except OSError as error:
        raise CliError(f"kan inte skapa filen {path}: {error.strerror}", exit_code=2) from None


def write_extract(args: argparse.Namespace) -> int:
    """Write everything stored about one person as JSON; the extract is logged per case."""
    case_number = _case_number(args.arende) if args.arende is not None else None
    personnummer = sys.stdin.readline().strip() if args.personnummer_stdin else None
    settings = load_settings()
    target = Path(args.fil) if args.fil else None
    # The file is made first: a name that is taken stops the command before anything is read.
    descriptor = _open_new(target) if target is not None else None
    engine = make_engine(settings.database_url, hide_parameters=True)
    try:
        with Session(engine) as session:
            extract = register_extract.register_extract(
                session,
                by=None,
                personnummer=personnummer,
                application_id=case_number,
                today=swedish_time.today(),
            )
    except register_extract.ExtractError as error:
        _discard(descriptor, target)
        raise CliError(str(error)) from None
    except DBAPIError:
        _discard(descriptor, target)
        raise CliError(NO_DATABASE) from None
    finally:
        engine.dispose()
    text = json.dumps(extract.to_json(), ensure_ascii=False, indent=2) + "\n"
    if descriptor is None or target is None:
        sys.stdout.write(text)
        return 0
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"Registerutdraget ({len(extract.cases)} ärenden) är skrivet till {target}.")
    return 0


def _discard(descriptor: int | None, target: Path | None) -> None:
    if descriptor is not None and target is not None:
        os.close(descriptor)
        target.unlink(missing_ok=True)
