"""The closed cell grammar: every allowed form, and refusals in Swedish."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.rules.cells import CellError, parse_cell
from mgt_assistant.domain.yaml_strict import loads


@pytest.mark.parametrize(
    ("cell", "column_type", "accepted", "refused"),
    [
        ("-", "integer", [None, 0, 99], []),
        ("missing", "integer", [None], [0, 30]),
        ("= 5", "integer", [5], [4, None]),
        ("16..29", "integer", [16, 29], [15, 30, None]),
        (">= 20", "integer", [20, 120], [19, None]),
        ("<= 19", "integer", [0, 19], [20]),
        ("in [a_kassa, lon]", "income_source", ["lon", "a_kassa"], ["csn", None]),
        ("kommun", "party", ["kommun"], ["af"]),
        (True, "boolean", [True], [False, None]),
        (7, "integer", [7], [8]),
    ],
)
def test_cells_accept_exactly_their_values(
    cell: object, column_type: str, accepted: list[object], refused: list[object]
) -> None:
    condition = parse_cell(cell, column_type)
    assert all(condition.matches(v) for v in accepted)  # type: ignore[arg-type]
    assert not any(condition.matches(v) for v in refused)  # type: ignore[arg-type]


def test_a_yaml_list_means_in() -> None:
    cell = loads("c: [af, fk]\n")["c"]
    assert parse_cell(cell, "party").values == frozenset({"af", "fk"})


@pytest.mark.parametrize(
    ("cell", "column_type", "message"),
    [
        ("> 5", "integer", "cellgrammatiken"),
        ("30..16", "integer", "tomt"),
        ("16..29", "party", "heltal"),
        ("= x", "integer", "inte ett heltal"),
        ("in []", "party", "tom"),
        ("age + 1", "integer", "cellgrammatiken"),
        ("= maybe", "boolean", "true eller false"),
    ],
)
def test_cells_outside_the_grammar_are_refused(cell: str, column_type: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_cell(cell, column_type)
