"""Word positions around a trigger word in the safety net, within its sentence."""

from __future__ import annotations

from mgt_assistant.domain.needs.text import Token

REACH = 4  # words between a cue and the word it qualifies


def words_before(tokens: list[Token], at: int, reach: int) -> range:
    """Positions before ``at`` in the same sentence, at most ``reach`` of them."""
    first = at
    while first > 0 and at - first < reach and tokens[first - 1].sentence == tokens[at].sentence:
        first -= 1
    return range(first, at)


def next_norm(tokens: list[Token], at: int) -> str:
    """The next word in the same sentence, or ""."""
    if at + 1 < len(tokens) and tokens[at + 1].sentence == tokens[at].sentence:
        return tokens[at + 1].norm
    return ""


def cue_before(tokens: list[Token], at: int, words: frozenset[str], reach: int = REACH) -> int:
    """The position of the nearest word of ``words`` before ``at``, or -1."""
    for k in reversed(words_before(tokens, at, reach)):
        if tokens[k].norm in words:
            return k
    return -1


def cue_after(tokens: list[Token], at: int, words: frozenset[str], reach: int) -> int:
    """The position of the first word of ``words`` after ``at`` in its sentence, or -1."""
    for k in range(at + 1, min(at + reach + 1, len(tokens))):
        if tokens[k].sentence != tokens[at].sentence:
            break
        if tokens[k].norm in words:
            return k
    return -1
