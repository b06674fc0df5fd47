"""Grammar rule for income from work: a present-tense work verb with what the work is.

"arbetar heltid som busschaufför", "jobbar natt på ett äldreboende", "jobbar på lagret",
"arbetar resterande tid", "har fått jobb på Ica": the person earns a wage (income
``lon``), whatever the word for the job. Only the present tense and a new job count; a
perfect ("har arbetat som lastbilschaufför i 20 år") is mostly the past, and a wish or a
plan ("vill jobba", "ska arbeta") is a goal, not an income. A negation right after the
verb ("jobbar inte") is no work at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import Found, Rule, clause_window, entry
from mgt_assistant.domain.needs.text import Token

# All words are folded (å/ä → a, ö → o).
WORKS = frozenset({"arbetar", "jobbar"})
# A new job: "fått jobb på Ica", "fick en anställning som lokalvårdare".
GOT = frozenset({"fatt", "fick"})
JOBS = frozenset({"jobb", "jobbet", "arbete", "anstallning", "tjanst"})
# What may say what the work is, right after the verb.
KINDS = frozenset({"heltid", "deltid", "halvtid", "natt", "natter", "kvall", "kvallar"})
KINDS |= frozenset({"helger", "dag", "dagtid", "extra", "resterande", "timmar", "procent"})
PLACES = frozenset({"som", "pa", "inom", "i", "hos", "at", "vid"})
ARTICLES = frozenset({"en", "ett", "den", "det", "sin", "sitt", "lite"})
# Words before the verb that make it no income now.
NOT_NOW = frozenset({"vill", "ska", "skall", "kan", "kunde", "skulle", "borde", "att", "inte"})
NOT_NOW |= frozenset({"ej", "aldrig", "tidigare", "innan", "forut", "brukade", "om"})
REACH = 4
# After "jobbar på" these make an idiom, not a workplace ("jobbar på att bli frisk").
NOT_WORK = frozenset({"att", "det", "den", "sig", "mig", "saken", "detta"})
ADJECTIVE_ENDINGS = ("lig", "ig", "isk", "sk", "ad", "ande", "ende")


def _complement_end(tokens: list[Token], window: range) -> int:
    """Return the last word of what the work is ("heltid som busschaufför"), or -1."""
    last = -1
    for n, k in enumerate(window):
        norm = tokens[k].norm
        if norm in KINDS or (norm.isdigit() and n == 0):
            last = k
        elif norm in PLACES:
            rest = [j for j in window if j > k and tokens[j].norm not in ARTICLES]
            if not rest or tokens[rest[0]].norm in NOT_WORK:
                return -1  # "jobbar på att bli frisk", "vi jobbar på det"
            if len(rest) > 1 and tokens[rest[0]].norm.endswith(ADJECTIVE_ENDINGS):
                return rest[1]  # "som personlig assistent"
            return rest[0]
        elif norm not in ARTICLES:
            return last
    return last


def wage(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read a wage from present work or a new job ("jobbar natt på ett äldreboende")."""
    token = tokens[at]
    before = tokens[at - 1] if at else None
    if before is not None and before.sentence == token.sentence and before.norm in NOT_NOW:
        return
    window = clause_window(tokens, at, REACH)
    if not window:
        return
    if token.norm in GOT:
        first = window[0] + (tokens[window[0]].norm in ARTICLES)
        if first in window and tokens[first].norm in JOBS:
            end = _complement_end(tokens, range(first + 1, window[-1] + 1))
            yield (at, end if end > 0 else first, entry("lon", "income", rule="lön"))
        return
    end = _complement_end(tokens, window)
    if end > 0:
        yield (at, end, entry("lon", "income", rule="lön"))


BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = ((wage, WORKS | GOT),)
