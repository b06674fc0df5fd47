"""Password strength: length, common passwords, Swedish words, the user's own name."""

from __future__ import annotations

import pytest

from mgt_assistant.domain.passwords import MAX_LENGTH, password_problem


@pytest.mark.parametrize(
    "weak",
    ["kort", "password12", "1234567890", "Sommar2026!", "Valkommen1!", "qwertyuiop1"],
)
def test_weak_passwords_are_refused_in_swedish(weak: str) -> None:
    problem = password_problem(weak)
    assert problem is not None
    assert "Lösenordet" in problem


def test_the_users_own_name_does_not_make_a_password() -> None:
    assert password_problem("kim.berg2026", ["kim.berg", "Kim Berg"]) is not None


@pytest.mark.parametrize("strong", ["korrekt häst batteri", "ett-langt-losenord", "Tå9#mL2!vQ"])
def test_strong_passwords_pass(strong: str) -> None:
    assert password_problem(strong, ["kim.berg"]) is None


def test_overlong_password_is_refused_before_estimating() -> None:
    assert password_problem("a" * (MAX_LENGTH + 1)) is not None
