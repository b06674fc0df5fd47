"""Grammar rules for looking for work: a job search and registration at the employment service.

- **job search**: a search verb and a job or a course within a few words ("söker jobb i
  Norge", "ska söka till folkhögskola", "har sökt en yrkeshögskoleutbildning") is a work
  goal, read as uncertain: the training sets label a search a goal, the older blind sets
  label it nothing when the person is near the labour market, so the team asks. A search
  for many jobs ("sökte 200 jobb förra året") is long-term unemployment, as the lexicon's
  "sökt hundratals jobb"; a search that is moving stays uncertain (``short_time``);
- **registration**: registered at the employment service since a year before this one
  ("inskriven på AF sedan 2021", "har varit inskriven sedan 2020") is long-term
  unemployment; a registration for weeks or months is no need (lexicon header).
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import WORK_RESOURCE, Found, Rule, clause_window, entry
from mgt_assistant.domain.needs.patterns import Entry
from mgt_assistant.domain.needs.text import Token
from mgt_assistant.domain.swedish_time import today

# All words are folded (å/ä → a, ö → o).
SEARCH_VERBS = frozenset({"soker", "sokte", "sokt", "soka", "sok"})
SEARCH_FILLERS = frozenset({"nu", "aktivt", "andra", "nya", "ett", "en", "nagot", "nat", "till"})
SEARCH_FILLERS |= frozenset({"vidare", "redan", "fler", "flera", "olika", "in", "pa", "typ"})
SEARCH_FILLERS |= frozenset({"over", "cirka", "ca", "runt", "kring", "omkring", "ungefar"})
SEARCHED = frozenset({"jobb", "arbete", "arbeten", "tjanst", "tjanster", "anstallning"})
SEARCHED |= frozenset({"utbildning", "utbildningen", "praktik", "praktikplats", "komvux"})
SEARCHED_PREFIXES = ("folkhogskol", "yrkesutbildning", "yrkeshogskol", "hogskol", "universitet")
SEARCHED_ENDINGS = ("jobb", "utbildning", "utbildningen", "programmet", "tjanst", "tjanster")
NOT = frozenset({"inte", "ej", "aldrig"})
SEARCH_GOAL = Entry("work_readiness.work_goal", (), "grammatik: söker jobb", 0, "uncertain")
SEARCH_REACH = 4
MANY = 10

REGISTERED = frozenset({"inskriven", "inskrivna", "registrerad", "anmald"})
REGISTRY_WORDS = frozenset({"pa", "hos", "vid", "af", "arbetsformedlingen", "som"})
REGISTRY_WORDS |= frozenset({"arbetssokande", "utan", "avbrott", "sedan", "sen"})
REGISTRY_REACH = 6
YEAR_DIGITS = 4


def _searched(norm: str) -> bool:
    return (
        norm in SEARCHED
        or norm.startswith(SEARCHED_PREFIXES)
        or (norm.endswith(SEARCHED_ENDINGS) and len(norm) > 6)
    )


def search(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read a search for a job or a course ("söker jobb i Norge", "sökte 200 jobb")."""
    if at > 0 and tokens[at - 1].norm in NOT:
        return  # "har inte sökt arbete enligt planeringen"
    many = False
    for k in clause_window(tokens, at, SEARCH_REACH):
        norm = tokens[k].norm
        if _searched(norm):
            yield (at, k, entry(WORK_RESOURCE) if many else SEARCH_GOAL)
            return
        if norm.isdigit() and int(norm) >= MANY:
            many = True  # "sökte 200 jobb förra året"
        elif norm not in SEARCH_FILLERS:
            return


def registered(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read registration since an earlier year ("inskriven på AF sedan 2021")."""
    since = False
    for k in clause_window(tokens, at, REGISTRY_REACH):
        norm = tokens[k].norm
        if since and norm.isdigit() and len(norm) == YEAR_DIGITS:
            if int(norm) < today().year:
                yield (at, k, entry(WORK_RESOURCE))
            return
        if norm not in REGISTRY_WORDS:
            return
        since = norm in ("sedan", "sen")


# The words each rule starts from, for the grammar's look-up by word.
BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = (
    (search, SEARCH_VERBS),
    (registered, REGISTERED),
)
