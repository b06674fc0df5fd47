"""A shallow grammar over tokens: needs that are said by composing words, not by one term.

The lexicon knows fixed phrases ("har ingen bostad"); the grammar knows how Swedish
says the same thing with other words, by word classes within one clause. Its rules
live by what they recognise:

- ``grammar_resources``: a **missing resource**, a negation, a few filler words and a
  resource noun or a compound with a resource head ("inte någon egen lägenhet", "ingen
  a-kassa", "aldrig haft något förvärvsarbete");
- ``grammar_work``: **inability and effort** ("kan inte gå tillbaka till sitt gamla
  yrke", "orkar max två timmar om dagen"), **absence** ("inte varit på skolan",
  "slutade gå på praktiken") and **wishes and goals** ("vill testa ett vanligt jobb",
  "mitt mål är att bli elektriker"); ``grammar_jobs``: a **job search** and
  **registration** at the employment service ("söker jobb i Norge", "inskriven sedan 2021");
- ``grammar_money``: **arrears** ("hyran för oktober är obetald", "ligger två månader
  efter med hyran") is a debt and an eviction risk; unpaid bills are a debt; trouble
  with money matters or the home is a budget or support need;
- ``grammar_income``: **a wage** from present work or a new job ("jobbar natt på ett
  äldreboende", "har fått jobb på Ica"), an income signal;
- ``grammar_home``: **losing the home** ("riskerar att förlora bostaden", "bli av med
  lägenheten"), **sleeping rough** ("sover på en parkbänk", also an acute alert) and
  **living with others**, a need only with a sign of instability in the same sentence
  ("bor hos sina föräldrar, relationen är ansträngd").

``grammar_base`` holds what the rules share (and ``clauses`` uses too): the match type,
synthetic entries and clause windows. This module looks the rules up by word and runs
them. Every rule looks at a bounded window after the word it starts from, so reading
time stays linear. Matches are ordinary matches of synthetic entries: the status cues
and evidence spans of the rest of the reader apply to them unchanged.
"""

from __future__ import annotations

from mgt_assistant.domain.needs import (
    grammar_home,
    grammar_income,
    grammar_jobs,
    grammar_money,
    grammar_resources,
    grammar_work,
)
from mgt_assistant.domain.needs.grammar_base import Found, Rule
from mgt_assistant.domain.needs.text import Token

# Each rule starts from a word of its own classes: rules are looked up by the word, so
# most words cost one dictionary look-up. The order is the order rules run in.
_BY_WORD = (
    *grammar_resources.BY_WORD,
    *grammar_work.BY_WORD,
    *grammar_jobs.BY_WORD,
    *grammar_money.BY_WORD,
    *grammar_home.BY_WORD,
    *grammar_income.BY_WORD,
)
TRIGGERS: dict[str, tuple[Rule, ...]] = {}
for _rule, _words in _BY_WORD:
    for _word in _words:
        TRIGGERS[_word] = (*TRIGGERS.get(_word, ()), _rule)


# Rules by word, including the rules that start from a word's ending (rent, bills); words
# are few and repeat, so each is worked out once.
_RULES_OF: dict[str, tuple[Rule, ...]] = {}
RULES_CACHE_SIZE = 50_000


def _rules_of(norm: str) -> tuple[Rule, ...]:
    rules = _RULES_OF.get(norm)
    if rules is None:
        rules = TRIGGERS.get(norm, ())
        if norm.endswith(grammar_money.RENT):
            rules = (*rules, grammar_money.arrears)
        elif norm.endswith(grammar_money.BILLS):
            rules = (*rules, grammar_money.bills)
        if len(_RULES_OF) >= RULES_CACHE_SIZE:
            _RULES_OF.clear()
        _RULES_OF[norm] = rules
    return rules


def grammar_matches(tokens: list[Token]) -> list[Found]:
    """Return the needs (and acute-homelessness alerts) the grammar reads in the tokens."""
    found: list[Found] = []
    known = _RULES_OF
    for at, token in enumerate(tokens):
        rules = known.get(token.norm)  # most words are known and start no rule: no call
        for rule in _rules_of(token.norm) if rules is None else rules:
            found.extend(rule(tokens, at))
    return found
