"""When a need was, and whether it is only supposed: times and conditions around a match.

The cues of ``context`` are words; these are readings of a time or a clause:

- **not since**: a negated need followed by a time since which it has not been, was
  there before ("har inte haft ångest på länge", "har inte druckit på fyra år", "har inte
  varit hemlös sedan 2020"): historical, not negated;
- **a condition**: a need in a sentence opened by "om"/"ifall" is supposed, not stated
  ("Om hon förlorar jobbet kan hon inte betala hyran"): uncertain;
- **a dated episode**: a past year right after an episode dates it as over ("gjorde ett
  suicidförsök 2018", "utbrändhet 2021"); a lasting condition or a debt is not over
  because it began in a year ("diagnostiserad med autism 2015").
"""

from __future__ import annotations

from mgt_assistant.domain.needs.matching import Match
from mgt_assistant.domain.needs.text import Token
from mgt_assistant.domain.swedish_time import today as swedish_today

# A negated need followed by a time since which it has not been: it was there before
# ("har inte haft ångest på länge", "har inte varit hemlös sedan 2020").
SINCE_WORDS = frozenset({"sedan", "sen"})
FOR_WORDS = frozenset({"pa"})
LONG_TIMES = frozenset({"lange", "ar", "aret", "manader", "veckor", "tid", "evigheter"})
CONDITIONS = frozenset({"om", "ifall"})


def not_since(tokens: list[Token], last: int) -> bool:
    """Tell whether "på länge", "på fyra år" or "sedan 2020" follows a negated need."""
    sentence = tokens[last].sentence
    for k in range(last + 1, min(last + 5, len(tokens))):
        token = tokens[k]
        if token.sentence != sentence or token.soft:
            return False
        if token.norm in SINCE_WORDS and k + 1 < len(tokens):
            after = tokens[k + 1]
            timed = after.norm.isdigit() or after.norm in SINCE_TIMES
            return after.sentence == sentence and timed
        if token.norm in FOR_WORDS:
            return any(tokens[j].norm in LONG_TIMES for j in range(k + 1, min(k + 4, len(tokens))))
    return False


SINCE_TIMES = frozenset({"dess", "lange", "i", "forra", "jul", "pask", "sommaren", "hosten"})


def conditional_sentences(tokens: list[Token]) -> frozenset[int]:
    """Return the sentences that open with "om" or "ifall" ("Om hon förlorar jobbet …")."""
    return frozenset(
        token.sentence
        for at, token in enumerate(tokens)
        if token.norm in CONDITIONS and (at == 0 or tokens[at - 1].sentence != token.sentence)
    )


# Episodes that a past year right after dates as over; a lasting condition or a debt is
# not over because it began in a year ("diagnostiserad med autism 2015", "skulder 2019").
EPISODES = frozenset({"health.mental", "health.substance_use", "health.gambling"})
EPISODES |= frozenset({"health.sick_leave", "housing.homeless", "housing.eviction_risk"})
EPISODES |= frozenset({"suicide_risk", "self_harm", "exhaustion", "depression"})
SINCE = frozenset({"sedan", "sen", "fran", "fram", "till", "tom", "t", "efter", "innan"})
FIRST_YEAR = 1950
DATED_REACH = 2


def dated(tokens: list[Token], match: Match) -> bool:
    """Tell whether a past year right after an episode dates it ("suicidförsök 2018")."""
    if match.entry.need_id not in EPISODES:
        return False
    sentence = tokens[match.last].sentence
    for k in range(match.last + 1, min(match.last + 1 + DATED_REACH, len(tokens))):
        token = tokens[k]
        if token.sentence != sentence or (token.soft and k > match.last + 1):
            return False
        if token.norm.isdigit() and len(token.norm) == 4:
            if not FIRST_YEAR <= int(token.norm) < swedish_today().year:
                return False
            return tokens[k - 1].norm not in SINCE
    return False
