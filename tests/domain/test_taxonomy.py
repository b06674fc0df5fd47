"""The need taxonomy in rules/needs.yaml."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.needs.taxonomy import CORE_DOMAINS, load_taxonomy, parse_taxonomy
from mgt_assistant.domain.yaml_strict import RuleFileError, loads
from mgt_assistant.paths import DEFAULT_RULES_DIR


def test_shipped_taxonomy_has_the_core_domains_with_questions() -> None:
    taxonomy = load_taxonomy(DEFAULT_RULES_DIR)
    for domain_id in CORE_DOMAINS:
        domain = taxonomy.domain(domain_id)
        assert domain is not None and domain.core and domain.question.endswith("?")
        assert domain.sub_needs


def test_sub_needs_inherit_or_override_parties() -> None:
    taxonomy = load_taxonomy(DEFAULT_RULES_DIR)
    assert taxonomy.parties_for("housing.homeless") == ("kommun",)
    assert taxonomy.parties_for("health.sick_leave") == ("region", "fk")
    assert taxonomy.label("economy.debt").startswith("Skulder")
    assert taxonomy.is_known("economy") and not taxonomy.is_known("economy.unknown")


def _minimal(extra: str = "") -> str:
    domains = "".join(
        f"  - id: {d}\n    label: L\n    question: Q?\n    parties: [kommun]\n"
        for d in CORE_DOMAINS
    )
    return "domains:\n" + domains + extra


def test_unknown_party_names_its_line() -> None:
    text = _minimal("  - id: extra\n    label: X\n    question: Q?\n    parties: [skolan]\n")
    with pytest.raises(RuleFileError) as error:
        parse_taxonomy(loads(text, "needs.yaml"), "needs.yaml")
    assert error.value.line == 21 and "okänd part 'skolan'" in error.value.message


def test_sub_need_must_carry_its_domain_prefix() -> None:
    text = _minimal().replace(
        "    parties: [kommun]\n",
        "    parties: [kommun]\n    sub_needs:\n      - id: debt\n        label: S\n",
        1,
    )
    with pytest.raises(RuleFileError, match=r"måste börja med 'health\.'"):
        parse_taxonomy(loads(text, "needs.yaml"), "needs.yaml")


def test_missing_core_domain_is_refused() -> None:
    with pytest.raises(RuleFileError, match="kärnområden saknas: work_readiness"):
        parse_taxonomy(
            loads(_minimal().split("  - id: work_readiness")[0], "needs.yaml"), "needs.yaml"
        )
