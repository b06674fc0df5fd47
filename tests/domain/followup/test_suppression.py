"""Suppression: small counts show "< 5" and no hidden cell can be worked out from totals."""

from __future__ import annotations

import random
from collections.abc import Hashable

import pytest

from mgt_assistant.domain.followup.suppression import (
    Figure,
    Relation,
    SuppressionError,
    grid_relations,
    suppress,
    suppress_grid,
)
from tests.domain.followup.audit import possible_values


def test_a_cell_of_three_shows_small_and_cannot_be_worked_out() -> None:
    counts = {("MAC", "kvinna"): 3, ("MAC", "man"): 12, ("Odling", "kvinna"): 8}
    counts[("Odling", "man")] = 9
    rows, columns = ["MAC", "Odling"], ["kvinna", "man"]
    figures = suppress_grid(counts, rows, columns)
    assert figures[("MAC", "kvinna")].text == "< 5"
    # Row MAC and column kvinna each need a second hidden cell, then row Odling does.
    assert figures[("MAC", "man")].text == "x"
    assert figures[("Odling", "kvinna")].text == "x"
    assert figures[("Odling", "man")].text == "x"
    # The margins stay: 15, 17, 11, 21 and 32 in all.
    assert [figures[(r, "total")].text for r in rows] == ["15", "17"]
    assert [figures[("total", c)].text for c in columns] == ["11", "21"]
    assert figures[("total", "total")].shown == 32
    _, relations = grid_relations(rows, columns)
    assert possible_values(figures, relations, ("MAC", "kvinna")) == {1, 2, 3, 4}


def test_two_ones_with_a_known_sum_get_a_third_hidden_cell() -> None:
    cells: dict[Hashable, int] = {"a": 1, "b": 1, "c": 50, "t": 52}
    relations = [Relation("t", ("a", "b", "c"))]
    figures = suppress(cells, relations)
    # Hiding only a and b would leave 52 − 50 = 2 = 1 + 1: both would be known.
    assert [figures[k].text for k in "abct"] == ["< 5", "< 5", "x", "52"]
    assert possible_values(figures, relations, "a") == {1, 2, 3, 4}


def test_a_one_beside_a_hidden_five_is_protected_again() -> None:
    cells: dict[Hashable, int] = {"a": 1, "b": 5, "c": 20, "t": 26}
    relations = [Relation("t", ("a", "b", "c"))]
    figures = suppress(cells, relations)
    # With a and b hidden, 26 − 20 = 6 = 1 + 5 is the only split: c must go too.
    assert [figures[k].text for k in "abct"] == ["< 5", "x", "x", "26"]
    assert len(possible_values(figures, relations, "a")) == 4


def test_a_small_total_hides_its_only_part() -> None:
    figures = suppress_grid({("Salix", "man"): 3}, ["Salix"], ["kvinna", "man"])
    assert figures[("Salix", "man")].text == "< 5"
    assert figures[("Salix", "total")].text == "< 5"
    assert figures[("total", "total")].text == "< 5"
    assert figures[("Salix", "kvinna")].text == "0"


def test_a_grid_with_two_small_cells_leaves_each_undetermined() -> None:
    counts = {("MAC", "kvinna"): 3, ("MAC", "man"): 12, ("Odling", "kvinna"): 8}
    counts |= {("Odling", "man"): 9, ("Salix", "kvinna"): 1, ("Salix", "man"): 6}
    rows, columns = ["MAC", "Odling", "Salix"], ["kvinna", "man"]
    figures = suppress_grid(counts, rows, columns)
    _, relations = grid_relations(rows, columns)
    small = [k for k, f in figures.items() if f.hidden == "small"]
    assert sorted(small, key=str) == [("MAC", "kvinna"), ("Salix", "kvinna")]
    for key in small:
        assert len(possible_values(figures, relations, key)) >= 2
    for row in rows:
        line = [figures[(row, c)] for c in (*columns, "total")]
        assert sum(1 for f in line if f.hidden) != 1


def test_large_tables_are_left_alone() -> None:
    figures = suppress_grid({("MAC", "kvinna"): 7, ("MAC", "man"): 9}, ["MAC"], ["kvinna", "man"])
    assert all(f.hidden is None for f in figures.values())
    assert figures[("MAC", "total")].shown == 16


def test_zero_is_shown_unless_asked_to_hide_it() -> None:
    cells: dict[Hashable, int] = {"a": 0, "b": 9, "t": 9}
    relations = [Relation("t", ("a", "b"))]
    assert suppress(cells, relations)["a"].text == "0"
    hidden = suppress(cells, relations, hide_zero=True)
    assert [hidden[k].text for k in "abt"] == ["< 5", "x", "9"]


def test_shares_follow_the_hidden_counts() -> None:
    assert Figure(13).share_text(Figure(52)) == "25 %"
    assert Figure(3, "small").share_text(Figure(52)) == "< 5"
    assert Figure(9).share_text(Figure(3, "small")) == "< 5"
    assert Figure(0).share_text(Figure(0)) == "–"


def test_inconsistent_tables_are_refused_in_swedish() -> None:
    with pytest.raises(SuppressionError, match="summerar inte"):
        suppress({"a": 1, "t": 2}, [Relation("t", ("a",))])
    with pytest.raises(SuppressionError, match="negativt"):
        suppress({"a": -1}, [])
    with pytest.raises(SuppressionError, match="saknar cellen"):
        suppress({"t": 2}, [Relation("t", ("a",))])
    with pytest.raises(SuppressionError, match="hör inte till"):
        suppress_grid({("X", "man"): 2}, ["MAC"], ["man"])


def test_bounds_carried_across_sums_cannot_pin_a_cell() -> None:
    # Row r1 is a lone 1 (cell and total "< 5"); the per-sum rule alone hid 5, 13, 9 and 5,
    # and then 9 + 5 = 14 with 9 = 8 + (1–4) left only 1 for the "< 5" cell.
    counts = {("r0", "c0"): 8, ("r0", "c1"): 5, ("r1", "c0"): 1, ("r1", "c1"): 0}
    rows, columns = ["r0", "r1"], ["c0", "c1"]
    figures = suppress_grid(counts, rows, columns)
    assert figures[("r1", "c0")].text == "< 5"
    _, relations = grid_relations(rows, columns)
    assert len(possible_values(figures, relations, ("r1", "c0"))) >= 2


@pytest.mark.parametrize("seed", range(40))
def test_no_small_cell_can_be_worked_out_in_random_grids(seed: int) -> None:
    rnd = random.Random(seed)
    rows = [f"r{i}" for i in range(rnd.randint(2, 3))]
    columns = [f"c{j}" for j in range(rnd.randint(2, 3))]
    values = [0, 1, 2, 3, 4, 5, 6, 8, 12, 20]
    counts = {(r, c): rnd.choice(values) for r in rows for c in columns}
    figures = suppress_grid(counts, rows, columns)
    _, relations = grid_relations(rows, columns)
    for key, figure in figures.items():
        if figure.hidden == "small":
            assert len(possible_values(figures, relations, key)) >= 2, (key, counts)
