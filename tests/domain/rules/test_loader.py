"""The loader: typed objects from rules/, every error with file:line, strict and collect-all."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.domain.rules import (
    RuleSet,
    RuleSetError,
    check_rule_set,
    content_hash,
    load_rule_set,
)
from mgt_assistant.domain.rules.model import LANES, PHASES
from mgt_assistant.paths import DEFAULT_RULES_DIR
from tests.domain.rules.conftest import line_of, replace_in


def errors(rules_dir: Path) -> list[str]:
    _rule_set, findings = check_rule_set(rules_dir)
    return [str(f) for f in findings if f.severity == "error"]


def test_shipped_rules_load_without_errors_or_warnings() -> None:
    rule_set, findings = check_rule_set(DEFAULT_RULES_DIR)
    assert rule_set is not None
    assert [f for f in findings if f.severity != "info"] == []


def test_catalogue_has_thirty_real_interventions_with_every_field(rule_set: RuleSet) -> None:
    assert len(rule_set.interventions) >= 30
    for item in rule_set.interventions.values():
        assert item.name and item.description and item.capacity and item.needs
        assert item.lane in LANES and item.phase in PHASES
        assert item.source.startswith(("seed 00", "Offentlig", "DOMAIN"))
        assert rule_set.partners[item.party].unit(item.unit) is not None


def test_tables_use_every_hit_policy_and_carry_governance(rule_set: RuleSet) -> None:
    # The main work track is a COLLECT table plus an alternatives group since issue 9.
    assert {t.hit_policy for t in rule_set.tables} == {"COLLECT", "FIRST", "UNIQUE"}
    for table in rule_set.tables:
        assert table.governance.version and table.governance.effective_from
        assert table.governance.status in ("draft", "in_review", "approved", "retired")


def test_duplicate_key_is_refused_with_file_and_line(rules_copy: Path) -> None:
    table = rules_copy / "recommendations" / "halsa.yaml"
    replace_in(table, "label: Hälsa och vård\n", "label: Hälsa och vård\nlabel: Hälsa\n")
    line = line_of(table, "label: Hälsa") + 1
    assert errors(rules_copy) == [
        f"recommendations/halsa.yaml:{line}: nyckeln 'label' förekommer två gånger "
        f"(först på rad {line - 1})"
    ]


def test_unknown_intervention_id_names_the_row_line(rules_copy: Path) -> None:
    table = rules_copy / "recommendations" / "halsa.yaml"
    replace_in(table, "intervention: kbt,", "intervention: kbt-online,")
    line = line_of(table, "kbt-online")
    assert errors(rules_copy) == [
        f"recommendations/halsa.yaml:{line}: raden HAL-02: okänd insats 'kbt-online'"
    ]


def test_overlapping_rows_in_a_unique_table_are_an_error(rules_copy: Path) -> None:
    table = rules_copy / "recommendations" / "studier.yaml"
    replace_in(table, "age: 20..64", "age: 19..64")
    line = line_of(table, "id: STU-02")
    found = errors(rules_copy)
    assert len(found) == 1
    assert found[0].startswith(f"recommendations/studier.yaml:{line}: UNIQUE: raderna STU-01")
    assert "ålder=19" in found[0]


def test_collect_all_reports_errors_from_several_files(rules_copy: Path) -> None:
    replace_in(
        rules_copy / "interventions.yaml",
        "unit: psykiatri\n    lane: vard\n    phase: kartlaggning\n    needs: [health.npf]",
        "unit: psykiatri\n    lane: vården\n    phase: kartlaggning\n    needs: [health.npf]",
    )
    replace_in(
        rules_copy / "recommendations" / "boende.yaml", "hit_policy: COLLECT", "hit_policy: ALL"
    )
    replace_in(rules_copy / "outcomes.yaml", "  - id: csn\n", "  - id: csn\n    extra: 1\n")
    found = errors(rules_copy)
    assert any(e.startswith("interventions.yaml:") and "okänt spår 'vården'" in e for e in found)
    assert any(e.startswith("recommendations/boende.yaml:") and "'ALL'" in e for e in found)
    assert any(e.startswith("outcomes.yaml:") and "okänd nyckel 'extra'" in e for e in found)


def test_strict_mode_raises_with_every_error_line(rules_copy: Path) -> None:
    replace_in(rules_copy / "recommendations" / "halsa.yaml", "= health.trauma", "= health.traumas")
    with pytest.raises(RuleSetError) as raised:
        load_rule_set(rules_copy)
    assert "recommendations/halsa.yaml:" in str(raised.value)
    assert "okänt värde 'health.traumas' i kolumnen need" in str(raised.value)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "recommendations/socialt.yaml",
            "  - id: age\n",
            "  - id: ålder\n",
            "okänd indatakolumn 'ålder'",
        ),
        (
            "recommendations/socialt.yaml",
            "    type: integer\n",
            "    type: text\n",
            "har typen integer",
        ),
        (
            "recommendations/ekonomi.yaml",
            "[ingen_offentlig, lon, annan]",
            "[ingen_offentlig, lön]",
            "okänt värde 'lön'",
        ),
        (
            "recommendations/boende.yaml",
            "status: in_review",
            "status: approved",
            "'approved_by' måste vara en icke-tom text",
        ),
        (
            "recommendations/boende.yaml",
            'effective_from: "2026-12-01"',
            'effective_from: "1 dec"',
            "ÅÅÅÅ-MM-DD",
        ),
        (
            "interventions.yaml",
            "conditions: [lss_decision]",
            "conditions: [lss]",
            "okänt villkor 'lss'",
        ),
        (
            "interventions.yaml",
            "income_sources: [sjukpenning, rehabiliteringsersattning]\n    weeks: 2\n",
            "income_sources: [sjukpeng]\n    weeks: 2\n",
            "okänd försörjning 'sjukpeng'",
        ),
        (
            "interventions.yaml",
            "unit: overformyndare",
            "unit: tingsratt",
            "okänd enhet 'tingsratt'",
        ),
        (
            "tests/scenarier.yaml",
            "not_recommended: [kbt]",
            "not_recommended: [kbt2]",
            "okänd insats 'kbt2'",
        ),
        ("tests/scenarier.yaml", "age: 38", "age: trettioåtta", "'age' måste vara ett heltal"),
    ],
)
def test_reference_and_schema_errors_name_the_file(
    rules_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    replace_in(rules_copy / file, old, new)
    found = errors(rules_copy)
    assert any(e.startswith(f"{file}:") and message in e for e in found), found


def test_content_hash_is_stable_and_follows_every_byte(rules_copy: Path) -> None:
    first = content_hash(rules_copy)
    assert first == content_hash(rules_copy) == load_rule_set(rules_copy).hash
    assert len(first) == 64
    replace_in(
        rules_copy / "recommendations" / "boende.yaml",
        "# Beslutstabell: boende.",
        "# Beslutstabell: boendet.",
    )
    assert content_hash(rules_copy) != first


def test_a_missing_rules_folder_is_one_error(tmp_path: Path) -> None:
    assert errors(tmp_path / "finns-inte") == [
        f"{tmp_path / 'finns-inte'}:1: regelkatalogen finns inte"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("ruleset.yaml", "  max_rows: 7\n", "  max_rows: 0\n", "'plan.max_rows' måste vara 1–52"),
        (
            "ruleset.yaml",
            "  - kind: violence\n",
            "  - kind: vald\n",
            "okänd larmtyp 'vald'",
        ),
        (
            "interventions.yaml",
            "order: [kbt, act-grupp, mindfulness-grupp]",
            "order: [kbt, act, mindfulness-grupp]",
            "gruppen psykologisk_behandling: okänd insats 'act'",
        ),
        (
            "interventions.yaml",
            "order: [komvux, folkhogskola]",
            "order: [komvux, kbt]",
            "'kbt' ingår redan i gruppen psykologisk_behandling",
        ),
    ],
)
def test_plan_limits_alerts_and_alternatives_are_checked(
    rules_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    replace_in(rules_copy / file, old, new)
    rule_set, findings = check_rule_set(rules_copy)
    assert rule_set is None
    assert any(message in f.message for f in findings if f.severity == "error"), findings


def test_every_alert_kind_needs_a_route(rules_copy: Path) -> None:
    path = rules_copy / "ruleset.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - kind: child_at_risk")
    end = text.index("  - kind: minor")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    _rule_set, findings = check_rule_set(rules_copy)
    assert any("larmtypen 'child_at_risk' saknar väg" in f.message for f in findings)


def test_an_unchanged_lexicon_is_compiled_once_and_a_changed_one_anew(rules_copy: Path) -> None:
    from mgt_assistant.domain.needs import extract_needs

    first = load_rule_set(rules_copy)
    # A new version that changes the rules but not the lexicon reuses its compiled form.
    replace_in(rules_copy / "ruleset.yaml", 'version: "', 'version: "ny-')
    second = load_rule_set(rules_copy)
    assert second.version != first.version and second.lexicon is first.lexicon
    # A changed lexicon is compiled again, and reads what the change says.
    text = "Hon bor i en tältkåta sedan i våras."
    assert extract_needs(text, second.lexicon) == []
    replace_in(
        rules_copy / "lexicon.yaml",
        "  housing.homeless:\n    terms: [",
        "  housing.homeless:\n    terms: [tältkåta, ",
    )
    third = load_rule_set(rules_copy)
    assert third.lexicon is not first.lexicon
    assert [m.id for m in extract_needs(text, third.lexicon)] == ["housing.homeless"]
    # A broken lexicon is refused every time, never served from an earlier build.
    replace_in(rules_copy / "lexicon.yaml", "terms: [tältkåta, ", "terms: [tältkåta, [")
    for _ in range(2):
        with pytest.raises(RuleSetError, match=r"lexicon\.yaml"):
            load_rule_set(rules_copy)
