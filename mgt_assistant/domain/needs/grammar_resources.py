"""Grammar rules for a missing resource: a home, an income, work, friends or schooling.

A negation, a few filler words and a resource noun or a compound with a resource head
("inte någon egen lägenhet", "ingen a-kassa", "aldrig haft något förvärvsarbete" →
never worked) is the need that resource's absence is; "inget ställe att sova på" is
homelessness and an acute alert. The rule starts from the negation and looks at a
bounded window after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import (
    NEGATIONS,
    RESOURCE_RULE,
    WORK_RESOURCE,
    Found,
    Rule,
    clause_window,
    entry,
    same_clause,
)
from mgt_assistant.domain.needs.text import Token

# All words are folded (å/ä → a, ö → o).
FILLERS = frozenset(
    {"nagon", "nan", "nagot", "nat", "nagra", "egen", "eget", "egna", "fast", "fasta"}
    | {"riktig", "riktigt", "riktiga", "ordentlig", "ordentligt", "en", "ett", "typ"}
    | {"har", "haft", "hade", "fatt", "helt", "all", "alls", "heller", "langre", "nu"}
    | {"just", "annan", "annat", "nytt", "ny", "sitt", "sin", "mer", "mera", "kvar"}
    | {"vanlig", "vanligt", "stadigvarande", "regelbunden", "regelbundna", "sa", "mycket"}
    | {"a", "fa", "kan", "fullfoljt", "slutfort", "klarat", "tagit", "gatt"}
    # "inte ens nånstans att bo", "utan att ha haft något arbete", "int nå jobb" (dialect)
    | {"ens", "ju", "ha", "att", "na", "sina", "mina"}
)
# Resource words (exact folded forms) and compound heads, and the need their absence is.
RESOURCES = {
    "bostad": "housing.homeless",
    "bostaden": "housing.homeless",
    "lagenhet": "housing.homeless",
    "boende": "housing.homeless",
    "adress": "housing.homeless",
    "bostadsadress": "housing.homeless",
    "inkomst": "economy.no_income",
    "inkomster": "economy.no_income",
    "pengar": "economy.no_income",
    "forsorjning": "economy.no_income",
    "ersattning": "economy.no_income",
    "akassa": "economy.no_income",
    "kassa": "economy.no_income",
    "lon": "economy.no_income",
    "jobb": "work_readiness.long_unemployment",
    "uppdrag": "work_readiness.long_unemployment",
    "tjanst": "work_readiness.long_unemployment",
    "arbete": "work_readiness.long_unemployment",
    "anstallning": "work_readiness.long_unemployment",
    "sysselsattning": "work_readiness.long_unemployment",
    "natverk": "social.isolation",
    "vanner": "social.isolation",
    "kompisar": "social.isolation",
    "umgange": "social.isolation",
    "polare": "social.isolation",
    "kompis": "social.isolation",
    "kontakter": "social.isolation",
    "forstahandskontrakt": "housing.insecure",
    "betyg": "work_readiness.education",
    "utbildning": "work_readiness.education",
    "examen": "work_readiness.education",
    "gymnasieexamen": "work_readiness.education",
    "behorighet": "work_readiness.education",
    "kontrakt": "housing.insecure",
    "mat": "economy.budget",
}
RESOURCE_HEADS = (
    ("bostad", "housing.homeless"),
    ("lagenhet", "housing.homeless"),
    ("inkomst", "economy.no_income"),
    ("jobb", "work_readiness.long_unemployment"),
    ("arbete", "work_readiness.long_unemployment"),
    ("anstallning", "work_readiness.long_unemployment"),
    ("kompetens", "work_readiness.education"),
    ("betyg", "work_readiness.education"),
    ("studier", "work_readiness.education"),
    ("behorighet", "work_readiness.education"),
    ("examen", "work_readiness.education"),
)
RESOURCE_REACH = 5


def _resource(token: Token) -> str | None:
    need = RESOURCES.get(token.norm)
    if need is not None:
        return need
    for head, need in RESOURCE_HEADS:
        word = token.norm
        if word.endswith(head) and len(word) - len(head) >= 3:
            return need
        if word.endswith(head + "et") and len(word) - len(head) >= 5:
            return need
    return None


def missing_resource(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read a negation and a missing resource ("inte någon egen lägenhet")."""
    if tokens[at].norm not in NEGATIONS:
        return
    for k in clause_window(tokens, at, RESOURCE_REACH):
        token = tokens[k]
        need = _resource(token)
        if need == "economy.no_income" and _left_over(tokens, k):
            return  # "inga pengar kvar efter hyran": money left over, a budget need
        if need is not None and not (tokens[at].norm == "utan" and token.norm == "lon"):
            if tokens[at].norm == "aldrig" and need == WORK_RESOURCE:
                need = "work_readiness.never_worked"
            yield (at, k, entry(need, immune=True, rule=RESOURCE_RULE))
            return
        if token.norm in PLACE_WORDS and _to_sleep(tokens, k):
            last = k + 2
            if _trailing_preposition(tokens, last):
                last += 1  # "inget ställe att sova på"
            yield (at, last, entry("housing.homeless", immune=True, rule=RESOURCE_RULE))
            if tokens[k + 2].norm in ("sova", "bo"):
                yield (at, last, entry("acute_homelessness", "alert"))
            return
        if token.norm not in FILLERS and token.norm not in NEGATIONS:
            return


def _left_over(tokens: list[Token], k: int) -> bool:
    """Tell whether "kvar" or "över" follows a resource ("inga pengar kvar")."""
    after = k + 1
    return after < len(tokens) and tokens[after].norm in ("kvar", "over") and not tokens[after].soft


PLACE_WORDS = frozenset({"stalle", "plats", "stans", "nagonstans", "nanstans", "tak"})


def _to_sleep(tokens: list[Token], k: int) -> bool:
    """Tell whether "att sova|bo|vara" follows ("inget ställe att sova på")."""
    if k + 2 >= len(tokens) or tokens[k + 1].norm != "att":
        return False
    return tokens[k + 2].norm in ("sova", "bo", "vara", "ta") and same_clause(tokens, k, k + 2)


def _trailing_preposition(tokens: list[Token], last: int) -> bool:
    """Tell whether a stranded "på"/"i" ends the phrase ("att sova på ikväll")."""
    if last + 1 >= len(tokens) or tokens[last + 1].norm not in ("pa", "i", "hos"):
        return False
    after = last + 2
    if after >= len(tokens) or tokens[after].sentence != tokens[last].sentence:
        return True
    return tokens[after].soft or tokens[after].norm in ENDINGS


ENDINGS = frozenset({"ikvall", "inatt", "idag", "imorgon", "nu", "just", "i", "langre"})


# The word the rule starts from, for the grammar's look-up by word.
BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = ((missing_resource, NEGATIONS),)
