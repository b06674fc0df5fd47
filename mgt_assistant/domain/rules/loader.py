"""The one rule-set loader used by the web app, the CLI and the tests.

``check_rule_set`` collects every finding (for review pages and ``rules check``);
``load_rule_set`` is strict (start-up, CI) and raises ``RuleSetError`` naming
``file:line`` for each error, so a broken set is never put to use.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mgt_assistant.domain.needs.lexicon import LEXICON_FILE, Lexicon, lexicon_from_spec
from mgt_assistant.domain.needs.lexicon_schema import LexiconFile
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy, taxonomy_from_spec
from mgt_assistant.domain.needs.taxonomy_schema import NeedsFile
from mgt_assistant.domain.rules.catalogue import (
    parse_header,
    parse_interventions,
    parse_outcomes,
    parse_partners,
)
from mgt_assistant.domain.rules.files import RuleSetError as RuleSetError
from mgt_assistant.domain.rules.files import content_hash, rule_files
from mgt_assistant.domain.rules.linter import lint_coverage, lint_reach, lint_table
from mgt_assistant.domain.rules.model import DecisionTable, Finding, RuleSet, Scenario
from mgt_assistant.domain.rules.parsing import (
    Sink,
    read_yaml,
    unusable_files,
    validated,
)
from mgt_assistant.domain.rules.plan_config import (
    check_plan_references,
    parse_alert_routes,
    parse_alternatives,
    parse_plan_limits,
)
from mgt_assistant.domain.rules.scenarios import check_scenario_ids, parse_scenarios, run_scenarios
from mgt_assistant.domain.rules.schema import CatalogueFile, OutcomesFile, PartnersFile, RuleSetFile
from mgt_assistant.domain.rules.tables import Vocabulary, parse_table
from mgt_assistant.domain.target_group import Limits
from mgt_assistant.domain.yaml_models import M
from mgt_assistant.domain.yaml_strict import RuleFileError

NEEDS_FILE = "needs.yaml"


def _taxonomy(rules_dir: Path, sink: Sink) -> NeedTaxonomy | None:
    spec = _read(rules_dir, NEEDS_FILE, NeedsFile, sink)
    try:
        return taxonomy_from_spec(spec, NEEDS_FILE) if spec is not None else None
    except RuleFileError as error:
        sink.error(error.file, error.line, error.message)
        return None


# Compiled lexicons by the bytes of the two files they are built from. Compiling one takes
# most of a rule set's load (~90 ms); a draft, a check or a review of a set that leaves the
# lexicon unchanged gets the one compiled before. Only clean builds are kept.
_LEXICONS: dict[bytes, Lexicon] = {}
_LEXICONS_KEPT = 8


def _lexicon_key(rules_dir: Path) -> bytes | None:
    digest = hashlib.sha256()
    for name in (NEEDS_FILE, LEXICON_FILE):
        try:
            digest.update((rules_dir / name).read_bytes() + b"\0")
        except OSError:
            return None
    return digest.digest()


def _lexicon(rules_dir: Path, taxonomy: NeedTaxonomy, sink: Sink) -> Lexicon | None:
    key = _lexicon_key(rules_dir)
    if key is not None and key in _LEXICONS:
        return _LEXICONS[key]
    findings = len(sink.findings)
    spec = _read(rules_dir, LEXICON_FILE, LexiconFile, sink)
    try:
        lexicon = lexicon_from_spec(spec, taxonomy, LEXICON_FILE) if spec is not None else None
    except RuleFileError as error:
        sink.error(error.file, error.line, error.message)
        return None
    if lexicon is not None and key is not None and len(sink.findings) == findings:
        if len(_LEXICONS) >= _LEXICONS_KEPT:
            del _LEXICONS[next(iter(_LEXICONS))]
        _LEXICONS[key] = lexicon
    return lexicon


def _read(rules_dir: Path, name: str, model: type[M], sink: Sink) -> M | None:
    return validated(model, read_yaml(rules_dir / name, name, sink), name, sink)


def _check_interventions(rule_set: RuleSet, sink: Sink) -> None:
    taxonomy, partners = rule_set.taxonomy, rule_set.partners
    for item in rule_set.interventions.values():
        partner = partners.get(item.party)
        if partner is None:
            sink.error(item.file, item.line, f"{item.id}: okänd part '{item.party}'", "unknown-id")
        elif partner.unit(item.unit) is None:
            sink.error(
                item.file,
                item.line,
                f"{item.id}: okänd enhet '{item.unit}' hos {item.party}",
                "unknown-id",
            )
        for need in item.needs:
            if not taxonomy.is_known(need):
                sink.error(item.file, item.line, f"{item.id}: okänt behov '{need}'", "unknown-id")
        for source in sorted(item.eligibility.income_sources or ()):
            if source not in rule_set.outcomes.income_sources:
                sink.error(
                    item.file, item.line, f"{item.id}: okänd försörjning '{source}'", "unknown-id"
                )


def _check_references(rule_set: RuleSet, sink: Sink) -> None:
    # A file that did not match its model is left out of the set; ids that point
    # into it are not checked, so that one typo does not fan out into hundreds.
    broken = unusable_files(sink)
    if not broken & {"partners.yaml", "outcomes.yaml"}:
        _check_interventions(rule_set, sink)
    seen: dict[str, DecisionTable] = {}
    for table in rule_set.tables:
        if table.id in seen:
            sink.error(
                table.file,
                table.line,
                f"tabell-id '{table.id}' används redan i {seen[table.id].file}",
            )
        seen[table.id] = table
        for row in table.rows:
            if (
                "interventions.yaml" not in broken
                and row.intervention not in rule_set.interventions
            ):
                sink.error(
                    table.file,
                    row.output_line,
                    f"raden {row.id}: okänd insats '{row.intervention}'",
                    "unknown-id",
                )
    if "interventions.yaml" in broken:
        return
    check_plan_references(
        rule_set.interventions, rule_set.alert_routes, rule_set.alternatives, sink
    )
    if not broken & {"partners.yaml", "outcomes.yaml"}:
        check_scenario_ids(rule_set, sink)


def _parse(rules_dir: Path, sink: Sink) -> RuleSet | None:
    if not rules_dir.is_dir():
        sink.error(str(rules_dir), 1, "regelkatalogen finns inte")
        return None
    taxonomy = _taxonomy(rules_dir, sink)
    if taxonomy is None:
        return None
    lexicon = _lexicon(rules_dir, taxonomy, sink)
    header = _read(rules_dir, "ruleset.yaml", RuleSetFile, sink)
    version, label, target = parse_header(header)
    partners = parse_partners(
        _read(rules_dir, "partners.yaml", PartnersFile, sink), "partners.yaml", sink
    )
    outcomes = parse_outcomes(
        _read(rules_dir, "outcomes.yaml", OutcomesFile, sink), "outcomes.yaml", sink
    )
    catalogue_spec = _read(rules_dir, "interventions.yaml", CatalogueFile, sink)
    catalogue = parse_interventions(catalogue_spec, "interventions.yaml", sink)
    # Without a valid outcomes.yaml, income-source cells cannot be checked.
    unread = "outcomes.yaml" in unusable_files(sink)
    sources = None if unread else frozenset(outcomes.income_sources)
    vocabulary = Vocabulary(taxonomy, sources)
    tables: list[DecisionTable] = []
    scenarios: list[Scenario] = []
    for path in rule_files(rules_dir):
        name = path.relative_to(rules_dir).as_posix()
        if name.startswith("recommendations/"):
            table = parse_table(read_yaml(path, name, sink), name, vocabulary, sink)
            tables.extend([table] if table is not None else [])
        elif name.startswith("tests/"):
            scenarios.extend(parse_scenarios(read_yaml(path, name, sink), name, sink))
    if not tables:
        sink.error("recommendations/", 1, "inga beslutstabeller hittades i recommendations/")
    if lexicon is None:
        return None
    return RuleSet(
        version=version,
        label=label,
        hash=content_hash(rules_dir),
        taxonomy=taxonomy,
        lexicon=lexicon,
        partners=partners,
        interventions=catalogue,
        tables=tuple(tables),
        outcomes=outcomes,
        target_group=target or Limits(),
        scenarios=tuple(scenarios),
        files=tuple(p.relative_to(rules_dir).as_posix() for p in rule_files(rules_dir)),
        plan_limits=parse_plan_limits(header),
        alert_routes=parse_alert_routes(header, "ruleset.yaml", sink),
        alternatives=parse_alternatives(catalogue_spec, "interventions.yaml", sink),
    )


def check_rule_set(rules_dir: Path, *, full: bool = True) -> tuple[RuleSet | None, list[Finding]]:
    """Load and lint a rule set, collecting every finding; the set is None if any is an error.

    ``full`` adds the slower checks: gaps, reach and golden-scenario coverage.
    """
    sink = Sink()
    rule_set = _parse(rules_dir, sink)
    if rule_set is None:
        return None, sink.findings
    _check_references(rule_set, sink)
    if sink.has_errors:
        return None, sink.findings
    for table in rule_set.tables:
        lint_table(rule_set, table, sink, gaps=full)
    if full and not sink.has_errors:
        lint_reach(rule_set, NEEDS_FILE, sink)
        report = run_scenarios(rule_set)
        for result in report.results:
            for failure in result.failures:
                sink.add(
                    "warning",
                    result.scenario.file,
                    result.scenario.line,
                    f"scenariot '{result.scenario.name}' misslyckas: {failure}",
                    "scenario",
                )
        lint_coverage(rule_set, set(report.fired), sink)
    return (None if sink.has_errors else rule_set), sink.findings


def load_rule_set(rules_dir: Path) -> RuleSet:
    """Load a rule set strictly; raise RuleSetError listing every error with file:line."""
    rule_set, findings = check_rule_set(rules_dir, full=False)
    if rule_set is None:
        raise RuleSetError(findings)
    return rule_set
