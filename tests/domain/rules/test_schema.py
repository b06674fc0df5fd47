"""Typed models of the rule files: unknown keys, wrong types and missing keys at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.domain.rules import check_rule_set
from mgt_assistant.domain.rules.schema import CatalogueFile, RuleSetFile
from mgt_assistant.domain.yaml_models import validate
from mgt_assistant.domain.yaml_strict import line_at, loads
from tests.domain.rules.conftest import line_of, replace_in


def errors(rules_dir: Path) -> list[str]:
    _rule_set, findings = check_rule_set(rules_dir, full=False)
    return [str(f) for f in findings if f.severity == "error"]


# One place in each kind of rule file: (file, text to find once, the same with a key added).
UNKNOWN_KEYS = [
    ("ruleset.yaml", "  min_parties: 2\n", "  min_parties: 2\n  max_parties: 4\n"),
    ("partners.yaml", "  - id: fk\n", "  - id: fk\n    phone: 771\n"),
    ("interventions.yaml", "    weeks: 12\n    capacity: Enligt den lokala", None),
    ("outcomes.yaml", "  months: 12\n", "  months: 12\n  years: 1\n"),
    ("recommendations/halsa.yaml", "hit_policy: COLLECT\n", "hit_policy: COLLECT\nowner: af\n"),
    (
        "tests/scenarier.yaml",
        "      in_target_group: null\n\n  - name: Skulder och boende",
        "      in_target_group: null\n      verdict: ok\n\n  - name: Skulder och boende",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), UNKNOWN_KEYS)
def test_unknown_key_in_each_file_kind_names_its_line(
    rules_copy: Path, file: str, old: str, new: str | None
) -> None:
    # A key indented like its neighbours, so it lands in the same mapping.
    indent = old[: len(old) - len(old.lstrip())]
    replacement = new or f"{old.splitlines()[0]}\n{indent}bogus_key: 1\n" + old.split("\n", 1)[1]
    added = next(line for line in replacement.splitlines() if line not in old.splitlines())
    replace_in(rules_copy / file, old, replacement)
    key = added.strip().split(":")[0]
    line = line_of(rules_copy / file, added)
    found = errors(rules_copy)
    assert len(found) == 1, found
    assert found[0].startswith(f"{file}:{line}: okänd nyckel '{key}' (tillåtna: ")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "ruleset.yaml",
            "  min_age: 16\n",
            "  min_age: sexton\n",
            "'min_age' måste vara ett heltal",
        ),
        ("partners.yaml", "  - id: fk\n", "  - id: 7\n", "'id' måste vara en icke-tom text"),
        (
            "interventions.yaml",
            "    needs: [health.mental]\n    weeks: 12\n",
            "    needs: [health.mental, 3]\n    weeks: 12\n",
            "'needs' får bara innehålla text",
        ),
        (
            "recommendations/halsa.yaml",
            "hit_policy: COLLECT\n",
            "hit_policy: 3\n",
            "'hit_policy' måste vara en icke-tom text",
        ),
        (
            "tests/scenarier.yaml",
            "      in_target_group: null\n\n  - name: Skulder och boende",
            "      in_target_group: nej\n\n  - name: Skulder och boende",
            "'in_target_group' måste vara true, false eller null",
        ),
        ("outcomes.yaml", "  months: 12\n", "  months: [12]\n", "'months' måste vara ett heltal"),
    ],
)
def test_wrong_type_names_the_line_of_the_value(
    rules_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    replace_in(rules_copy / file, old, new)
    changed = next(line for line in new.splitlines() if line not in old.splitlines())
    assert errors(rules_copy) == [f"{file}:{line_of(rules_copy / file, changed)}: {message}"]


def test_missing_key_is_named_at_the_line_of_its_parent(rules_copy: Path) -> None:
    path = rules_copy / "interventions.yaml"
    replace_in(
        path, "    weeks: 12\n    capacity: Enligt den lokala", "    capacity: Enligt den lokala"
    )
    assert errors(rules_copy) == [
        f"interventions.yaml:{line_of(path, '  - id: kbt')}: saknar fältet 'weeks'"
    ]


def test_missing_nested_key_points_at_the_key_holding_its_mapping(rules_copy: Path) -> None:
    path = rules_copy / "ruleset.yaml"
    replace_in(path, "  min_parties: 2\n", "")
    assert errors(rules_copy) == [
        f"ruleset.yaml:{line_of(path, 'target_group:')}: saknar fältet 'min_parties'"
    ]


def test_a_file_that_does_not_match_its_model_does_not_fan_out(rules_copy: Path) -> None:
    # The catalogue is left out; ids pointing into it are then not reported as unknown.
    kbt = "    lane: vard\n    phase: insats\n    needs: [health.mental]\n    weeks: 12\n"
    replace_in(rules_copy / "interventions.yaml", kbt, "    needs: [health.mental]\n")
    found = errors(rules_copy)
    assert found and all(e.startswith("interventions.yaml:") for e in found), found
    assert all("saknar fältet" in e for e in found)


def test_every_error_of_a_file_is_reported_in_one_pass() -> None:
    text = (
        "version: 1\nlabel: ''\n"
        "target_group: {min_age: 16, max_age: x, min_parties: 2, source: s, extra: 1}\n"
        "plan: {max_rows: 60}\n"
    )
    model, found = validate(RuleSetFile, loads(text, "ruleset.yaml"), "ruleset.yaml")
    assert model is None
    assert [str(e) for e in found] == [
        "ruleset.yaml:1: 'version' måste vara en icke-tom text",
        "ruleset.yaml:2: 'label' måste vara en icke-tom text",
        "ruleset.yaml:3: 'max_age' måste vara ett heltal",
        "ruleset.yaml:3: okänd nyckel 'extra' (tillåtna: min_age, max_age, min_parties, source)",
        "ruleset.yaml:4: 'plan.max_rows' måste vara 1–52",
    ]


def test_a_file_that_is_not_a_mapping() -> None:
    _model, found = validate(CatalogueFile, loads("- a\n- b\n", "interventions.yaml"), "x.yaml")
    assert [str(e) for e in found] == ["x.yaml:1: filen måste vara en mappning (nyckel: värde)"]


def test_models_keep_the_lines_of_keys_and_items() -> None:
    text = "version: '1'\nlabel: L\ntarget_group:\n  min_age: 16\n  max_age: 64\n"
    text += "  min_parties: 2\n  source: s\nalerts:\n"
    model, found = validate(RuleSetFile, loads(text + "\n", "r.yaml"), "r.yaml")
    assert found == [] and model is not None
    assert model.target_group.line == 4 and model.target_group.line_of("source") == 7
    assert model.line_of("alerts") == 8 and model.line_of("plan") == 1


def test_line_at_follows_keys_and_items_and_stops_at_a_missing_key() -> None:
    data = loads("rows:\n  - id: A\n  - id: B\n    then:\n      x: 1\n", "t.yaml")
    assert line_at(data, ("rows", 1, "then", "x")) == 5
    assert line_at(data, ("rows", 1, "why")) == 3
    assert line_at(data, ("rows", 7)) == 1
    assert line_at(data, ()) == 1


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("needs.yaml", "  - id: housing\n", "  - id: housing\n    colour: blue\n"),
        ("lexicon.yaml", 'version: "2.0"\n', 'version: "2.0"\nsynonyms: []\n'),
    ],
)
def test_unknown_key_in_the_needs_files(rules_copy: Path, file: str, old: str, new: str) -> None:
    replace_in(rules_copy / file, old, new)
    added = new.splitlines()[1]
    key = added.strip().split(":")[0]
    found = errors(rules_copy)
    assert len(found) == 1, found
    line = line_of(rules_copy / file, added)
    assert found[0].startswith(f"{file}:{line}: okänd nyckel '{key}' (tillåtna: ")


def test_every_error_in_needs_yaml_is_collected(rules_copy: Path) -> None:
    path = rules_copy / "needs.yaml"
    replace_in(
        path,
        "  - id: housing\n    label: Boende\n    core: true\n",
        "  - id: housing\n    colour: blue\n    core: ja\n",
    )
    assert errors(rules_copy) == [
        f"needs.yaml:{line_of(path, '  - id: housing')}: saknar fältet 'label'",
        f"needs.yaml:{line_of(path, 'colour: blue')}: okänd nyckel 'colour' "
        "(tillåtna: id, label, core, parties, question, sub_needs)",
        f"needs.yaml:{line_of(path, 'core: ja')}: 'core' måste vara true eller false",
    ]


def test_scope_lists_name_their_yaml_key_not_the_python_name(rules_copy: Path) -> None:
    path = rules_copy / "lexicon.yaml"
    replace_in(path, "scope:\n", "scope:\n  selfs: [jag]\n")
    found = errors(rules_copy)
    assert len(found) == 1 and "okänd nyckel 'selfs'" in found[0]
    assert "self, prepositions" in found[0] and "self_words" not in found[0]
