"""What the rules of the shallow grammar share: matches, synthetic entries and clause windows.

A rule reads from one token (its trigger) to the right within one clause, so it needs
only the window of tokens after it (``clause_window``) and a test that a span stays in
one clause (``same_clause``). Its matches name synthetic entries (``entry``), one per
need, kind and rule, which the rest of the reader treats like lexicon entries. The word
classes here are the ones more than one rule module reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mgt_assistant.domain.needs.patterns import Entry
from mgt_assistant.domain.needs.text import Token

# A match of the grammar: first token, last token and the entry of its need.
Found = tuple[int, int, Entry]
Rule = Callable[[list[Token], int], Iterator[Found]]

# Word classes that rules in more than one module read; all words are folded (å/ä → a,
# ö → o).
NEGATIONS = frozenset({"inte", "ej", "ingen", "inget", "inga", "saknar", "saknade", "utan"})
NEGATIONS |= frozenset({"varken", "aldrig", "noll"})
MONEY_MATTERS = frozenset({"ekonomi", "ekonomin", "rakningar", "rakningarna", "pengar"})
MONEY_MATTERS |= frozenset({"pengarna", "budget", "budgeten", "posten", "pappren", "papper"})
MONEY_MATTERS |= frozenset({"rakningarnas", "myndighetspost", "ekonomiska"})
# Post and shopping are money matters too ("hjälp att läsa post", "planera veckans inköp").
MONEY_MATTERS |= frozenset({"post", "inkop", "inkopen"})
LOSE_VERBS = frozenset({"forlora", "forlorar", "mista", "mister", "tappa", "forlorat"})
LOSE_VERBS |= frozenset({"forlorade", "mist", "mistat", "tappat", "tappade"})
# The need a missing or lost job is.
WORK_RESOURCE = "work_readiness.long_unemployment"

_ENTRIES: dict[tuple[str, str, bool, str], Entry] = {}


# The rules whose first words keep their meaning for the words inside: the negation of
# a missing resource also negates a signal inside ("saknar lön"), and the person a
# living arrangement names stays a cue for what follows ("bor med sin mamma som dricker").
RESOURCE_RULE, LIVING_RULE, UNKNOWING_RULE = "resurs", "bor hos", "vet inte vad"


def entry(need_id: str, kind: str = "", immune: bool = False, rule: str = "") -> Entry:
    """Return the one synthetic entry of a grammar rule's need (or signal)."""
    key = (need_id, kind, immune, rule)
    found = _ENTRIES.get(key)
    if found is None:
        text = f"grammatik: {rule or need_id}"
        found = Entry(need_id, (), text, 0, None, immune, True, kind)
        _ENTRIES[key] = found
    return found


def is_rule(found: Entry, rule: str) -> bool:
    """Tell whether an entry was made by the named grammar rule."""
    return not found.words and found.text == f"grammatik: {rule}"


def same_clause(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether tokens first..last stand in one sentence without a comma between."""
    sentence = tokens[first].sentence
    return all(
        tokens[k].sentence == sentence and (k == first or not tokens[k].soft)
        for k in range(first, last + 1)
    )


def clause_window(tokens: list[Token], at: int, reach: int) -> range:
    """Positions after ``at`` in the same clause, at most ``reach`` of them."""
    sentence = tokens[at].sentence
    stop = min(at + reach, len(tokens) - 1)
    end = at
    while end < stop:
        token = tokens[end + 1]
        if token.soft or token.sentence != sentence:
            break
        end += 1
    return range(at + 1, end + 1)
