"""More rules of the shallow grammar: the body, staying at home, school and an unaffordable home.

Each rule is a pattern over word classes within one clause, like the rules of ``grammar``,
and is built from the same parts (``grammar_base``):

- **the body as cause or subject**: a body part after a word of cause ("kan inte återgå
  p.g.a. ryggen", "på grund av knäna") or as the one that cannot go on ("orkar kroppen
  inte längre", "ryggen håller inte") is a physical need;
- **staying at home** for a stated time ("varit hemma sedan januari", "suttit hemma i
  två år") is absence from work;
- **leaving school**: breaking off or refusing school ("avbröt i årskurs två", "vill inte
  gå tillbaka till gymnasiet", "har inte gått i skolan sedan åk 8", "vägrar gå till
  skolan") is an education need; stopping going to a course ("slutat gå till SFI") is
  absence;
- **a home one cannot afford**: "inte råd" with a word for the home in the sentence
  ("har en lägenhet men har inte råd med den") is a risk of losing it;
- **money that lasts days or weeks**: money and "räcker" with a time shorter than a month
  ("pengarna räcker typ en vecka", "lönen räcker bara tio dagar"), or money named and then
  "den räcker inte" ("har lön men den räcker inte"), is a budget need;
- **trying work and failing**: a try at work and, after "men", a failure ("provat att jobba
  men fått avbryta", "försökte arbeta deltid men orkade inte") is an unclear capacity.

Every rule looks at a bounded window around the word it starts from (linear time).
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import Found, Rule, clause_window, entry
from mgt_assistant.domain.needs.spans import AMOUNTS, time_end
from mgt_assistant.domain.needs.text import Token

# Body parts in the forms that stand alone as a cause or subject (folded).
BODY = frozenset(
    {"ryggen", "nacken", "knana", "knat", "axeln", "axlarna", "hoften", "hofterna", "magen"}
    | {"huvudet", "benen", "benet", "foten", "fotterna", "armen", "armarna", "handerna"}
    | {"handen", "lederna", "hjartat", "lungorna", "kroppen", "ryggraden", "ryggslut"}
    # after a possessive: "på grund av sin rygg", "pga mina knän"
    | {"rygg", "nacke", "kna", "axel", "axlar", "hoft", "hofter", "mage", "fot", "fotter"}
    | {"arm", "armar", "hander", "leder", "hjarta", "lungor", "huvud", "ben"}
)
POSSESSIVE = frozenset({"sin", "sitt", "sina", "min", "mitt", "mina", "hans", "hennes", "hens"})
CAUSES = frozenset({"pga", "for"})
# "för ryggen" is a cause, unless something is good or bad for it ("bra för ryggen").
NOT_CAUSE = frozenset({"bra", "battre", "nyttigt", "skont", "daligt", "tungt", "jobbigt"})
BODY_VERBS = frozenset({"orkar", "klarar", "haller", "pallar", "bar", "funkar", "fungerar"})
BODY_NEGATIONS = frozenset({"inte", "ej", "aldrig", "knappt"})
BODY_REACH = 3

HOME_VERBS = frozenset({"varit", "suttit", "gatt", "sitter", "ar", "var", "legat", "blivit"})

SCHOOLS = frozenset(
    {"skolan", "gymnasiet", "grundskolan", "hogstadiet", "gymnasieskolan", "skola"}
    | {"introduktionsprogrammet", "introduktionsprogram", "plugget", "lektionerna"}
)
COURSES = frozenset({"svenska", "sfi", "komvux", "kursen", "folkhogskolan", "utbildningen"})
SCHOOL_YEARS = frozenset({"arskurs", "ak", "ettan", "tvaan", "trean", "nian", "attan"})
DROP_VERBS = frozenset({"avbrot", "avbrutit", "hoppade", "hoppat", "droppade", "droppat"})
STOP_GOING = frozenset({"slutat", "slutade", "sluta"})
REFUSALS = frozenset({"vagrar", "vagrat", "vagrade"})
NOT = frozenset({"inte", "ej", "aldrig"})
GO = frozenset({"ga", "gatt", "gar", "gick", "komma"})
SCHOOL_FILLERS = frozenset({"tillbaka", "till", "i", "pa", "av", "ivag", "dit", "att", "vill"})
SCHOOL_FILLERS |= frozenset({"sin", "sitt", "min", "mitt"})  # "avbrutit sitt introduktionsprogram"
SCHOOL_REACH = 5

HOME_WORDS = frozenset({"lagenhet", "lagenheten", "bostaden", "boendet", "hyran", "hyra"})
HOME_WORDS |= frozenset({"lya", "lyan", "tvaan", "ettan", "trean", "kontraktet", "huset"})
AFFORD_REACH = 10


def _spelled_cause(tokens: list[Token], at: int) -> bool:
    """Tell whether ``at`` ends "på grund av" or "p.g.a." (three words, dots apart)."""
    norm = tokens[at].norm
    if at < 2 or norm not in ("av", "a"):
        return False
    before = (tokens[at - 2].norm, tokens[at - 1].norm)
    return before[1] == "grund" or (norm == "a" and before == ("p", "g"))


def _body(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    if (token.norm in CAUSES or _spelled_cause(tokens, at)) and not (
        at > 0 and tokens[at - 1].norm in NOT_CAUSE
    ):
        window = clause_window(tokens, at, 2)
        for k in window:
            if tokens[k].norm in BODY:
                yield (k, k, entry("health.physical", rule="kroppen"))
                return
            if tokens[k].norm not in POSSESSIVE:
                return
        return
    if token.norm not in BODY:
        return
    # "orkar kroppen inte längre", "kroppen orkar inte", "ryggen håller inte"
    sentence = token.sentence
    low, high = max(at - 1, 0), min(at + BODY_REACH, len(tokens) - 1)
    verb = next((k for k in range(low, high + 1) if tokens[k].norm in BODY_VERBS), -1)
    if verb < 0:
        return
    negation = next(
        (k for k in range(min(verb, at), high + 1) if tokens[k].norm in BODY_NEGATIONS), -1
    )
    if negation < 0 or any(tokens[k].sentence != sentence for k in range(low, negation + 1)):
        return
    first, last = min(verb, at), max(negation, at, verb)
    if last + 1 < len(tokens) and tokens[last + 1].norm in ("langre", "mer", "lika"):
        last += 1
    yield (first, last, entry("health.physical", rule="kroppen"))
    if _work_in_sentence(tokens, at):
        yield (first, last, entry("work_readiness.unclear_capacity", rule="kroppen"))


WORK_WORDS = ("jobb", "arbet", "yrke", "lokalvard", "anstall", "tjanst")


def _work_in_sentence(tokens: list[Token], at: int) -> bool:
    sentence = tokens[at].sentence
    low, high = max(at - 12, 0), min(at + 12, len(tokens) - 1)
    return any(
        tokens[k].sentence == sentence and tokens[k].norm.startswith(WORK_WORDS)
        for k in range(low, high + 1)
    )


def _home(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm != "hemma" or at == 0 or tokens[at - 1].norm not in HOME_VERBS:
        return
    if tokens[at - 1].sentence != tokens[at].sentence:
        return
    end = time_end(tokens, at)  # "varit hemma sedan januari", "suttit hemma i två år"
    if end > at:
        yield (at - 1, end, entry("work_readiness.absence", rule="hemma"))


def _school(tokens: list[Token], at: int) -> Iterator[Found]:
    norm = tokens[at].norm
    drop, stop, refusal = norm in DROP_VERBS, norm in STOP_GOING, norm in REFUSALS
    if not (drop or stop or refusal or norm in NOT):
        return
    went = False
    for k in clause_window(tokens, at, SCHOOL_REACH):
        word = tokens[k].norm
        if word in GO:
            went = True
        elif word in SCHOOLS and (drop or went):
            yield (at, k, entry("work_readiness.education", rule="skolan"))
            return
        elif word in SCHOOL_YEARS and drop:
            if k + 1 < len(tokens) and tokens[k + 1].sentence == tokens[k].sentence:
                k += tokens[k + 1].norm.isdigit() or tokens[k + 1].norm in AMOUNTS
            yield (at, k, entry("work_readiness.education", rule="skolan"))  # "avbröt i åk 2"
            return
        elif word in COURSES and went and stop:
            yield (at, k, entry("work_readiness.absence", rule="skolan"))
            return
        elif word not in SCHOOL_FILLERS:
            return


def _unaffordable_home(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm != "rad" or at == 0:
        return
    negation = at - 1 - (at > 1 and tokens[at - 1].norm in ("har", "hade"))  # "inte har råd"
    if tokens[negation].norm not in NOT | {"inget"}:
        return
    sentence = tokens[at].sentence
    low, high = max(at - AFFORD_REACH, 0), min(at + AFFORD_REACH, len(tokens) - 1)
    if not any(
        tokens[k].sentence == sentence and tokens[k].norm in HOME_WORDS for k in range(low, high)
    ):
        return
    last = at
    window = clause_window(tokens, at, 2)
    if len(window) == 2 and tokens[window[0]].norm == "med":
        last = window[1]  # "inte råd med den|hyran|lägenheten"
    yield (negation, last, entry("housing.eviction_risk", rule="inte råd"))


MONEY = frozenset({"pengar", "pengarna", "lonen", "lon", "inkomsten", "ersattningen"})
MONEY |= frozenset({"bidraget", "forsorjningsstodet", "akassan", "cash", "stalarna", "kosingen"})
LASTS = frozenset({"racker", "rackte", "varar", "hall"})
SHORT_UNITS = frozenset({"vecka", "veckor", "veckan", "dagar", "dag", "halva", "halvan"})
MONEY_REACH = 5


def _money_lasts(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm not in LASTS:
        return
    sentence = tokens[at].sentence
    if _short_money(tokens, at):
        yield (at - 1, at + 1, entry("economy.budget", rule="räcker"))  # "den räcker inte"
        return
    first = next(
        (
            k
            for k in range(at - 1, max(at - 3, -1), -1)
            if tokens[k].sentence == sentence and tokens[k].norm in MONEY
        ),
        -1,
    )
    if first < 0:
        return
    for k in clause_window(tokens, at, MONEY_REACH):
        if tokens[k].norm in SHORT_UNITS:
            yield (first, k, entry("economy.budget", rule="räcker"))
            return


TRIES = frozenset({"provat", "provade", "forsokt", "forsokte", "testat", "testade", "provar"})
FAILURES = frozenset({"avbryta", "avbrot", "avbrutit", "sluta", "slutade", "slutat", "ge"})
FAILED_ABILITY = frozenset({"orkade", "orkar", "klarade", "klarar", "gick", "funkade", "pallade"})
TRY_REACH = 12
TRIED_WORK = (*WORK_WORDS, "praktik", "heltid", "deltid")


PRONOUNS = frozenset({"den", "det", "de", "dom"})
SHORT = frozenset({"inte", "knappt", "aldrig", "ej"})
MONEY_BEFORE = 8


def _short_money(tokens: list[Token], at: int) -> bool:
    """Tell whether "den räcker inte" refers back to money named earlier in the sentence."""
    if at == 0 or at + 1 >= len(tokens) or tokens[at - 1].norm not in PRONOUNS:
        return False
    if tokens[at + 1].norm not in SHORT or tokens[at + 1].sentence != tokens[at].sentence:
        return False
    return any(
        tokens[k].norm in MONEY and tokens[k].sentence == tokens[at].sentence
        for k in range(max(at - MONEY_BEFORE, 0), at)
    )


def _tried_work(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm not in TRIES:
        return
    sentence = tokens[at].sentence
    work = but = -1
    for k in range(at + 1, min(at + TRY_REACH, len(tokens))):
        token = tokens[k]
        if token.sentence != sentence:
            return
        if work < 0 and token.norm.startswith(TRIED_WORK):
            work = k
        elif work >= 0 and token.norm == "men":
            but = k
        elif but >= 0 and token.norm in FAILURES:
            yield (at, k, entry("work_readiness.unclear_capacity", rule="provat men"))
            return
        elif but >= 0 and token.norm in FAILED_ABILITY:
            last = k + 1 if k + 1 < len(tokens) and tokens[k + 1].norm == "inte" else -1
            if last > 0:
                yield (at, last, entry("work_readiness.unclear_capacity", rule="provat men"))
            return


_BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = (
    (_body, CAUSES | BODY | {"av", "a"}),
    (_home, frozenset({"hemma"})),
    (_school, DROP_VERBS | STOP_GOING | REFUSALS | NOT),
    (_unaffordable_home, frozenset({"rad"})),
    (_money_lasts, LASTS),
    (_tried_work, TRIES),
)
TRIGGERS: dict[str, tuple[Rule, ...]] = {}
for _rule, _words in _BY_WORD:
    for _word in _words:
        TRIGGERS[_word] = (*TRIGGERS.get(_word, ()), _rule)


def clause_matches(tokens: list[Token]) -> list[Found]:
    """Return the needs these rules read in the tokens."""
    found: list[Found] = []
    for at, token in enumerate(tokens):
        for rule in TRIGGERS.get(token.norm, ()):
            found.extend(rule(tokens, at))
    return found
