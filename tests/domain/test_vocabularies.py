"""The one list of each vocabulary: every income id and unit used in code is in the rules.

A `rules check`-style guard over the Python side: demo data, the consent scopes and
the form's choices may only use ids that outcomes.yaml and partners.yaml define.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mgt_assistant.demo import DEMO_ACCOUNTS
from mgt_assistant.domain.referral import CONSENT_SCOPES, PRIVATE_INCOME
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.domain.vocabularies import (
    LEGACY_INCOME_IDS,
    Vocabularies,
    income_id,
    unit_id,
)
from mgt_assistant.paths import DEFAULT_RULES_DIR, PACKAGE_DIR

RULE_SET = load_rule_set(DEFAULT_RULES_DIR)
INCOMES = RULE_SET.outcomes.income_sources


def _income_ids_in(path: Path) -> list[tuple[int, str]]:
    """Return every string given as ``income_source`` (keyword or dict key) in a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "income_source":
            values = [node.value]
        elif isinstance(node, ast.Dict):
            values = [
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "income_source"
            ]
        else:
            continue
        found += [
            (v.lineno, str(v.value))
            for v in values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    return found


DEMO_MODULES = sorted(PACKAGE_DIR.glob("demo*.py"))


def test_the_guard_sees_the_demo_modules() -> None:
    # Without this a renamed module would make the guard below pass on nothing.
    assert {p.name for p in DEMO_MODULES} >= {"demo.py", "demo_applications.py"}
    assert sum(len(_income_ids_in(p)) for p in DEMO_MODULES) >= 3


@pytest.mark.parametrize("path", DEMO_MODULES, ids=lambda p: p.name)
def test_every_income_id_in_demo_data_is_in_outcomes_yaml(path: Path) -> None:
    unknown = [(line, value) for line, value in _income_ids_in(path) if value not in INCOMES]
    assert unknown == [], f"{path.name}: inkomstkällor som inte finns i outcomes.yaml: {unknown}"


def test_python_income_ids_are_outcomes_ids() -> None:
    assert INCOMES.keys() >= PRIVATE_INCOME
    assert set(LEGACY_INCOME_IDS.values()) <= INCOMES.keys()
    assert not set(LEGACY_INCOME_IDS) & INCOMES.keys()


def test_demo_accounts_and_consent_scopes_use_partners_yaml_unit_ids() -> None:
    vocabularies = Vocabularies.of(RULE_SET)
    for account in DEMO_ACCOUNTS:
        assert account.unit is None or vocabularies.knows_unit(account.party, account.unit), account
    for scope in CONSENT_SCOPES:
        assert scope.unit is None or vocabularies.knows_unit(scope.party, scope.unit), scope


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ingen", "ingen_offentlig"),
        ("ingen_offentlig", "ingen_offentlig"),
        ("Lön", "lon"),
        ("ekonomiskt bistand (forsorjningsstod)", "ekonomiskt_bistand"),
        ("bidrag", None),
    ],
)
def test_income_id_reads_old_ids_and_labels(written: str, expected: str | None) -> None:
    assert income_id(written, INCOMES) == expected


@pytest.mark.parametrize(
    ("party", "written", "expected"),
    [
        ("kommun", "Socialtjänst", "socialtjanst"),
        ("kommun", "socialtjanst", "socialtjanst"),
        ("kommun", "AME", "utbildning_arbetsliv"),
        ("region", "Vuxenpsykiatrin", "psykiatri"),
        ("kommun", "psykiatri", None),
        (None, "psykiatrin", "psykiatri"),
        ("af", "", None),
    ],
)
def test_unit_id_reads_ids_and_swedish_names(
    party: str | None, written: str, expected: str | None
) -> None:
    assert unit_id(RULE_SET.partners, party, written) == expected
