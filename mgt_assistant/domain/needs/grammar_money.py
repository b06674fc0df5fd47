"""Grammar rules for money: rent in arrears, unpaid bills and trouble with money matters.

- **arrears**: rent and an unpaid-word in one clause ("hyran för oktober är obetald",
  "ligger två månader efter med hyran", "hyran ligger efter", "tre månaders hyra
  efter") is a debt and an eviction risk;
- **bills**: unpaid bills ("har inte betalat elräkningen", "räkningar som är obetalda")
  are a debt, unopened ones a budget need;
- **trouble**: a trouble word before money matters or with them named just before
  ("svårt att få pengarna att räcka", "ekonomin är fortfarande kaos") is a budget
  need; before the home ("behöver hjälp med städning") a support need, before keeping
  a job ("svårt att behålla ett arbete") a work need.

Arrears and bills start from a word's ending (rent, bill), trouble from a trouble word;
each looks at a bounded window around it.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import (
    LOSE_VERBS,
    MONEY_MATTERS,
    NEGATIONS,
    Found,
    Rule,
    clause_window,
    entry,
    same_clause,
)
from mgt_assistant.domain.needs.text import Token

# All words are folded (å/ä → a, ö → o).
RENT = ("hyra", "hyran", "hyror", "hyrorna")
UNPAID_PREFIX = "obetal"
BEHIND = frozenset({"efter"})
BEHIND_VERBS = frozenset({"ligger", "ligga", "hamnat", "hamnade", "halkat", "halkade", "ar"})
PAY_PREFIX = "betal"
UNPAID_VERBS = frozenset({"inte", "ej", "inga", "ingen", "aldrig", "missat", "missar", "missade"})
UNPAID_VERBS |= frozenset({"glomt", "glommer", "glomde", "struntat", "struntar", "slutat"})
PAY_FILLERS = frozenset({"kunnat", "kunna", "har", "hade", "lyckats", "fatt", "hunnit", "ar"})
PAY_FILLERS |= frozenset({"blivit", "nagra", "nan", "mer", "att"})
RENT_REACH = 6
# Words an unpaid-word can start with, to pass over the others at once.
REMINDER_PREFIX = ("pamin", "betalningsk")
ARREARS_STARTS = ("obetal", "betal", "pamin")
ARREARS_WORDS = frozenset({"efter", "rad", "pengar"})
BILLS: tuple[str, ...] = ("rakning", "rakningen", "rakningar", "rakningarna", "faktura")
BILLS += ("fakturor", "fakturorna", "posten", "brev", "breven")  # "posten ligger oöppnad"
UNOPENED_PREFIX = "oopp"
# Words that end like a bill but are none ("vräkning" ends like "räkning").
NOT_BILLS = ("vrak", "avrak")
TROUBLE = frozenset({"svart", "svarigheter", "hjalp", "stod", "kaos", "kaotisk", "strul"})
TROUBLE |= frozenset({"rorig", "rorigt", "problem", "bekymmer", "hjalper", "hjalpa", "hjalpt"})
TROUBLE |= frozenset({"tufft", "tuff", "kampigt", "jobbigt", "knapert", "tajt", "tight"})
LOOSE_GRIP = frozenset({"koll", "kontroll", "ordning", "grepp"})
HOME_CHORES = frozenset({"hemmet", "hushallet", "stadning", "stada", "stadar", "disk", "diska"})
HOME_CHORES |= frozenset({"tvatt", "tvatta"})
OWN = frozenset({"sitt", "mitt", "ditt", "hennes", "hans", "eget", "vart"})
OWN_PLURAL = frozenset({"sina", "mina", "dina", "hennes", "hans", "sin", "min", "era", "vara"})
TROUBLE_REACH = 6
WORK_OBJECTS = frozenset({"jobb", "arbete", "jobbet", "arbetet", "anstallning", "sysselsattning"})


def _is_rent(token: Token) -> bool:
    return token.norm.endswith(RENT) and not token.norm.startswith(("uthyr", "hyres"))


def _arrears_cue(tokens: list[Token], k: int) -> int:
    """Return the first token of an unpaid-word at ``k`` (-1 if none)."""
    norm = tokens[k].norm
    if norm.startswith(UNPAID_PREFIX) or norm.startswith(REMINDER_PREFIX):
        return k  # "obetald", "påminnelser om hyran"
    if norm in BEHIND and k + 1 < len(tokens) and tokens[k + 1].norm == "med":
        for back in range(k - 1, max(k - 4, -1), -1):
            if tokens[back].norm in BEHIND_VERBS and same_clause(tokens, back, k):
                return back
        return k
    if norm == "pengar" and not (k + 2 < len(tokens) and tokens[k + 1].norm == "till"):
        return -1  # "inga pengar till hyran", not "inga pengar kvar efter hyran"
    if norm.startswith(PAY_PREFIX) or norm in ("rad", "pengar"):
        return _unpaid_verb(tokens, k, k)
    return -1


def _unpaid_verb(tokens: list[Token], pay: int, at: int) -> int:
    """Return where "inte" (or another unpaid verb) stands a few fillers before ``pay``, or -1.

    ``at`` is the word it must share a clause with ("har inte betalat elräkningen").
    """
    for back in range(pay - 1, max(pay - 4, -1), -1):
        if tokens[back].norm in UNPAID_VERBS:
            return back if same_clause(tokens, back, at) else -1
        if tokens[back].norm not in PAY_FILLERS:
            return -1
    return -1


def arrears(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read rent in arrears ("hyran för oktober är obetald")."""
    token = tokens[at]
    if not _is_rent(token):
        return
    sentence = token.sentence
    low, high = max(at - RENT_REACH, 0), min(at + RENT_REACH, len(tokens) - 1)
    for k in range(low, high + 1):
        norm = tokens[k].norm
        if k == at or not (norm.startswith(ARREARS_STARTS) or norm in ARREARS_WORDS):
            continue
        if tokens[k].sentence != sentence:
            continue
        first = _arrears_cue(tokens, k)
        if k > at and _behind_after(tokens, at, k):
            period = at > 1 and tokens[at - 1].norm in RENT_PERIODS
            first = at - 2 if period else at  # "tre månaders hyra efter"
        if first < 0:
            continue
        start, end = min(first, at), max(k, at)
        if not same_clause(tokens, start, end) or _conditional(tokens, start):
            continue
        end = _period_end(tokens, end)
        for need in ("housing.eviction_risk", "economy.debt"):
            yield (start, end, entry(need, immune=True))
        return


# A quantity of rent before it ("tre månaders hyra efter").
RENT_PERIODS = frozenset({"manaders", "manads", "veckors"})


def _behind_after(tokens: list[Token], at: int, k: int) -> bool:
    """Tell whether "efter" at ``k`` says the rent at ``at`` is behind ("hyran ligger efter").

    Only a verb of lying behind may stand between, or a quantity before the rent ("tre
    månaders hyra efter"); "hyran efter att lönen kommit" is a time.
    """
    if tokens[k].norm not in BEHIND:
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if (
        following is not None
        and following.sentence == tokens[k].sentence
        and following.norm in ("att", "med", "det", "avdrag", "bidrag", "bostadsbidrag")
    ):
        return False
    between = range(at + 1, k)
    if between:
        return all(tokens[j].norm in BEHIND_VERBS for j in between)
    return at > 0 and tokens[at - 1].norm in RENT_PERIODS


def _conditional(tokens: list[Token], start: int) -> bool:
    """Tell whether the phrase follows "om"/"ifall" ("risk för vräkning om hyran inte betalas")."""
    return any(
        tokens[k].norm in ("om", "ifall") and tokens[k].sentence == tokens[start].sentence
        for k in range(max(start - 2, 0), start)
    )


def _period_end(tokens: list[Token], last: int) -> int:
    """Extend over "på tre månader" / "i två månader" right after the phrase."""
    window = clause_window(tokens, last, 3)
    if len(window) == 3 and tokens[window[0]].norm in ("pa", "i"):
        number, unit = tokens[window[1]], tokens[window[2]]
        if unit.norm in ("manader", "manad", "veckor", "vecka", "ar") and (
            number.norm.isdigit() or number.norm in ("tva", "tre", "fyra", "fem", "flera", "ett")
        ):
            return window[2]
    return last


def bills(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read unpaid or unopened bills ("har inte betalat elräkningen")."""
    token = tokens[at]
    if not token.norm.endswith(BILLS) or token.norm.startswith(NOT_BILLS):
        return
    first = _unpaid_before(tokens, at)
    if first >= 0:
        yield (first, _period_end(tokens, at), entry("economy.debt", immune=True))
        return
    for k in clause_window(tokens, at, 3):
        norm = tokens[k].norm
        if norm.startswith(UNPAID_PREFIX):
            yield (at, k, entry("economy.debt", immune=True))
            return
        if norm.startswith(UNOPENED_PREFIX):
            yield (at, k, entry("economy.budget", immune=True))
            return
        if norm in ("inte", "ej") and _paid_next(tokens, k):
            yield (at, k + 1, entry("economy.debt", immune=True))  # "räkningen inte betalats"
            return


def _paid_next(tokens: list[Token], at: int) -> bool:
    """Tell whether a word of paying follows in the same sentence ("inte betalats")."""
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    return (
        after is not None
        and after.sentence == tokens[at].sentence
        and after.norm.startswith(PAY_PREFIX)
    )


def _unpaid_before(tokens: list[Token], at: int) -> int:
    """Return where "inte betalat" starts before a bill ("har inte betalat elräkningen"), or -1."""
    pay = at - 1
    if pay > 0 and tokens[pay].norm in OWN_PLURAL:
        pay -= 1  # "inte kunnat betala sina räkningar"
    if pay < 1 or not tokens[pay].norm.startswith(PAY_PREFIX):
        return -1
    return _unpaid_verb(tokens, pay, at)


# Trouble words that describe money named before them ("ekonomin är ett kaos").
STATES = frozenset({"kaos", "kaotisk", "kaotiskt", "rorig", "rorigt", "problem", "strul"})
STATES |= frozenset({"tufft", "knapert", "tajt", "tight", "pressad", "pressat"})
MONEY_BACK = 5


def _money_before(tokens: list[Token], at: int) -> int:
    """Return where money is named a few words before ``at`` in its clause, or -1."""
    for back in range(at - 1, max(at - MONEY_BACK, -1), -1):
        if tokens[back].sentence != tokens[at].sentence or tokens[back + 1].soft:
            return -1
        if tokens[back].norm in NEGATIONS:
            return -1  # "pengarna är inget problem"
        if tokens[back].norm in MONEY_MATTERS:
            return back
    return -1


def trouble(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read trouble with money, the home or keeping a job ("svårt med ekonomin")."""
    token = tokens[at]
    grip = token.norm in LOSE_VERBS or token.norm in LOOSE_GRIP
    if token.norm not in TROUBLE and token.norm not in STATES and not grip:
        return
    start = at
    if token.norm in LOOSE_GRIP:
        before = tokens[at - 1].norm if at > 0 else ""
        if before not in ("noll", "ingen", "inte", "dalig", "daligt", "tappat", "tappa"):
            return
        start = at - 1
    elif token.norm in LOSE_VERBS:
        return
    money = _money_before(tokens, at) if token.norm in STATES else -1
    if money >= 0:
        yield (money, at, entry("economy.budget"))  # "ekonomin är fortfarande kaos"
        return
    if token.norm not in TROUBLE and not grip:
        return
    for k in clause_window(tokens, at, TROUBLE_REACH):
        norm = tokens[k].norm
        if norm in MONEY_MATTERS or norm.endswith(("rakningar", "rakningarna")):
            then = [tokens[j].norm for j in clause_window(tokens, k, 2)]
            if then and then[0] == "att" and len(then) == 2 and then[1].startswith("rack"):
                k += 2  # "svårt att få pengarna att räcka"
            yield (start, k, entry("economy.budget"))
            return
        if norm in HOME_CHORES or (norm == "hem" and tokens[k - 1].norm in OWN):
            yield (start, k, entry("housing.support"))
            return
        if (norm in WORK_OBJECTS or norm.endswith(("jobb", "jobbet"))) and token.norm in (
            "svart",
            "svarigheter",
        ):
            # "svårt att behålla ett arbete", "svårt att klara ett heltidsjobb"
            able = any(tokens[j].norm in ("klara", "orka", "klarar") for j in range(at, k))
            need = "work_readiness.unclear_capacity" if able else "work_readiness"
            yield (start, k, entry(need))
            return
        if norm == "for" and k + 1 < len(tokens) and tokens[k + 1].norm == "att":
            continue  # "stöd för att hantera sin ekonomi"
        if norm in ("och", "men", "eftersom", "pga", "for", "spel", "spela", "spelande"):
            return


# The words the trouble rule starts from, for the grammar's look-up by word.
BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = ((trouble, TROUBLE | LOOSE_GRIP | STATES),)
