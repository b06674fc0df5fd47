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
from mgt_assistant.domain.needs.patterns import NUMBER_WORDS
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


# A past named by words right after an episode: "förra året", "i fjol", "förra hösten".
LAST_TIMES = frozenset({"aret", "varen", "sommaren", "hosten", "vintern"})


def dated(tokens: list[Token], match: Match) -> bool:
    """Tell whether a past year right after an episode dates it ("suicidförsök 2018")."""
    if match.entry.need_id not in EPISODES:
        return False
    sentence = tokens[match.last].sentence
    for k in range(match.last + 1, min(match.last + 1 + DATED_REACH, len(tokens))):
        token = tokens[k]
        if token.sentence != sentence or (token.soft and k > match.last + 1):
            return False
        if k + 1 < len(tokens) and tokens[k + 1].sentence == sentence:
            pair = (token.norm, tokens[k + 1].norm)
            if (pair[0] == "forra" and pair[1] in LAST_TIMES) or pair == ("i", "fjol"):
                return tokens[k - 1].norm not in SINCE  # "självmordsförsök förra året"
        if token.norm.isdecimal() and len(token.norm) == 4:
            if not FIRST_YEAR <= int(token.norm) < swedish_today().year:
                return False
            return tokens[k - 1].norm not in SINCE
    return False


# A time after "senast" in the sentence of an episode: the last time it happened. Years or
# months ago it is over ("försökt två gånger, senast för sex år sedan"); days or weeks ago it
# is still there ("suicidala tankar i perioder, senast förra veckan").
LATEST, LATEST_REACH, LATEST_TIME_REACH = "senast", 8, 5
LONG_UNITS = frozenset({"ar", "aret", "aren", "manad", "manader", "manaderna"})
RECENT_TIMES = frozenset({"veckan", "vecka", "veckor", "helgen", "gar", "igar", "forrgar"})
RECENT_TIMES |= frozenset({"dag", "dagar", "natt", "inatt", "idag", "morse", "kvall", "ikvall"})
RECENT_TIMES |= frozenset({"mandags", "tisdags", "onsdags", "torsdags", "fredags", "lordags"})
RECENT_TIMES |= frozenset({"sondags"})


def latest_time(tokens: list[Token], last: int) -> str | None:
    """Return "history" or "ongoing" from a "senast …" after a need, or None."""
    sentence = tokens[last].sentence
    stop = last + LATEST_REACH if last + LATEST_REACH < len(tokens) else len(tokens)
    for k in range(last + 1, stop):
        # The word first: it is rare, and any "senast" past the sentence's end is in another.
        if tokens[k].norm != LATEST:
            continue
        if tokens[k].sentence != sentence:
            return None
        for j in range(k + 1, min(k + 1 + LATEST_TIME_REACH, len(tokens))):
            token = tokens[j]
            if token.sentence != sentence:
                break
            if token.norm in RECENT_TIMES:
                return "ongoing"
            if token.norm in SINCE_WORDS and tokens[j - 1].norm in LONG_UNITS:
                return "history"
            if token.norm.isdecimal() and len(token.norm) == 4:
                return "history" if int(token.norm) < swedish_today().year else None
        return None
    return None


# Said after an episode, in its sentence or the next: it is over ("…, men det är länge sen
# nu", "Nu är det länge sen.", "men har inte gjort det sedan", "det har hon slutat med").
LONG_AGO_REACH = 24
LONG_AGO_ENDS = frozenset({"nu", "dess"})
STOPPED = frozenset({"slutat", "slutade"})
THAT = frozenset({"det", "detta"})
DENIED = frozenset({"inte", "aldrig"})
LONG_AGO_WORDS = STOPPED | THAT | {"lange"}
# Round 10: "men det gick över", "det har gått över", "Det är trettio år sedan", "har inte
# gjort det på över trettio år", "men har slutat sen flera år" (or "har slutat." alone).
PASSED = frozenset({"gick", "gatt"})
YEARS = frozenset({"ar"})  # years, not months: a recent attempt is no past
LONG_AGO_WORDS |= {"over"} | YEARS
HAVE = frozenset({"har", "hade"})


def long_ago(tokens: list[Token], last: int) -> bool:
    """Tell whether "det är länge sen" or "har inte gjort det sedan" follows a need."""
    sentence = tokens[last].sentence
    end = last + LONG_AGO_REACH if last + LONG_AGO_REACH < len(tokens) else len(tokens)
    for k in range(last + 1, end):
        token = tokens[k]
        if token.norm not in LONG_AGO_WORDS:
            continue  # most words are none of these
        if token.sentence > sentence + 1:
            return False
        if token.norm == "lange" and _it_is(tokens, k) and _closes(tokens, k + 1):
            return True
        if token.norm in STOPPED and _words(tokens, k + 1, ("med",), THAT):
            return True  # "har slutat med det"
        if token.norm in THAT and _words(tokens, k - 2, DENIED, ("gjort",), THAT, SINCE_WORDS):
            return True  # "har inte gjort det sedan"
        if _over(tokens, k):
            return True
    return False


def _over(tokens: list[Token], k: int) -> bool:
    """Tell whether ``k`` ends "det gick över", "det är 30 år sedan" or "har slutat sen"."""
    norm = tokens[k].norm
    if norm == "over":
        return _words(tokens, k - 2, THAT, PASSED) or _words(tokens, k - 3, THAT, ("har",), PASSED)
    if norm in STOPPED:
        if tokens[k - 1].norm not in HAVE:
            return False  # "efter att hennes kontaktperson slutade": someone else stopped
        if k + 1 == len(tokens):
            return True
        after = tokens[k + 1]
        return after.sentence != tokens[k].sentence or after.soft or after.norm in SINCE_WORDS
    if norm not in YEARS or k < 3 or not _number(tokens[k - 1].norm):
        return False
    if k + 1 < len(tokens) and tokens[k + 1].norm in SINCE_WORDS:
        # "det är 30 år sedan", also inverted ("nu är det fem år sedan").
        return {tokens[k - 3].norm, tokens[k - 2].norm} in ({"det", "ar"}, {"det", "var"})
    at = k - 3 if tokens[k - 2].norm == "over" else k - 2  # "på (över) trettio år"
    return _words(tokens, at - 3, DENIED, ("gjort",), THAT, ("pa",))


def _number(norm: str) -> bool:
    return norm.isdigit() or norm in NUMBER_WORDS


def _words(tokens: list[Token], at: int, *alternatives: tuple[str, ...] | frozenset[str]) -> bool:
    """Tell whether the tokens from ``at`` on are one of each group of words, in order."""
    if at < 0 or at + len(alternatives) > len(tokens):
        return False
    return all(tokens[at + i].norm in words for i, words in enumerate(alternatives))


def _it_is(tokens: list[Token], at: int) -> bool:
    """Tell whether "det är" or "är det" (or "var") stands right before ``at``."""
    if at < 2:
        return False
    pair = {tokens[at - 2].norm, tokens[at - 1].norm}
    return pair in ({"det", "ar"}, {"det", "var"})


def _closes(tokens: list[Token], at: int) -> bool:
    """Tell whether "sen"/"sedan" at ``at`` ends its clause ("länge sen nu", "länge sedan.")."""
    if at >= len(tokens) or tokens[at].norm not in SINCE_WORDS:
        return False
    after = at + 1
    if after >= len(tokens):
        return True
    token = tokens[after]
    return token.sentence != tokens[at].sentence or token.soft or token.norm in LONG_AGO_ENDS
