"""The span cover answers as a scan over every span would."""

from __future__ import annotations

import random

import pytest

from mgt_assistant.domain.needs.cover import Cover


def _holds(spans: list[tuple[int, int]], first: int, last: int, strictly: bool) -> bool:
    return any(
        a <= first and last <= b and not (strictly and (a, b) == (first, last)) for a, b in spans
    )


@pytest.mark.parametrize("seed", range(20))
def test_the_cover_agrees_with_a_scan_over_every_span(seed: int) -> None:
    draw = random.Random(seed)
    spans = []
    for _ in range(draw.randrange(0, 12)):
        first = draw.randrange(0, 30)
        spans.append((first, first + draw.randrange(0, 6)))
    cover = Cover(spans)
    assert bool(cover) == bool(spans)
    for first in range(0, 32):
        for last in range(first, first + 7):
            assert cover.holds(first, last) == _holds(spans, first, last, False)
            assert cover.holds_strictly(first, last) == _holds(spans, first, last, True)


def test_an_identical_span_holds_but_not_strictly() -> None:
    cover = Cover([(3, 5)])
    assert cover.holds(3, 5) and not cover.holds_strictly(3, 5)
    assert cover.holds_strictly(4, 5) and cover.holds_strictly(3, 4)
    assert not cover.holds(2, 5) and not cover.holds(3, 6)
