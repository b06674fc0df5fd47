"""Where evidence ends: the core phrase that shows the need, as a practitioner marks it.

The convention (the same for needs and signals, checked on every labelled set, and the
labels of the development sets follow it): the evidence is the need's own words plus,
in the same clause, what makes them the need:

- the time, for needs that *are* a length of time: long-term unemployment, absence and
  isolation ("arbetslös sedan 2020", "inte jobbat sen påsk", "inte haft någon anställning
  de senaste sex åren", "stor frånvaro under hösten", "inte pratat med nån på flera
  veckor"); a diagnosis, a service or an income keeps its bare name ("utmattningssyndrom",
  not "utmattningssyndrom sedan mars");
- "längre" after a wish not to live that holds its own negation ("vill inte finnas längre");
- the complement that names the creditor, the body part or the means, and the aim of a
  goal: "skulder hos KFM", "artros i båda knäna", "skurit mig i armarna", "bränner jag mig
  med cigaretter", "vill plugga till undersköterska", "vill jobba med bilar", "målet är att
  få ett arbete inom vården".

A suspicion belongs to what is suspected: an uncertain need or signal starts at the word
that makes it uncertain ("misstänkt ADHD", "misstanke om autism", "tecken på psykos";
round 4, as blind sets 2 and 3 mark it).

Frequencies ("hela tiden", "dagligen") stay outside: the labelled sets disagree on them.
A leading auxiliary ("har", "är") and a leading negation stay outside; a "sedan" that
opens a clause ("sedan a-kassan tog slut") is no time; a comma ends the evidence.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.text import Token

SINCE = frozenset({"sedan", "sen"})
DURING = frozenset({"i", "pa", "under"})
UNITS = frozenset({"ar", "aret", "manader", "manad", "veckor", "vecka", "dagar", "halvar"})
UNITS |= frozenset({"timmar", "ars", "evigheter", "tider", "aren", "manaderna", "veckorna"})
AMOUNTS = frozenset({"tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio", "tio", "tolv"})
AMOUNTS |= frozenset({"flera", "manga", "ett", "en", "nagra", "par", "over", "nastan", "drygt"})
MONTHS = frozenset(
    {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september"}
    | {"oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug"}
    | {"sep", "sept", "okt", "nov", "dec"}
)
TIME_WORDS = MONTHS | frozenset(
    {"pask", "jul", "julen", "nyar", "midsommar", "covid", "pandemin", "lange", "dess"}
    | {"tonaren", "barndomen", "uppvaxten", "skolan", "gymnasiet", "flytten", "dess"}
    | {"ak", "arskurs", "lagstadiet", "mellanstadiet", "hogstadiet", "sommaren", "hosten"}
    | {"varen", "vintern", "igar", "helgen"}
)
SEASONS = frozenset({"somras", "varas", "hostas", "vintras", "fjol", "helgen", "julas"})
PERIODS = frozenset({"hosten", "varen", "sommaren", "vintern", "perioden", "aret", "terminen"})
LATEST = frozenset({"senaste", "sista"})
NEGATIONS = frozenset({"inte", "ej", "ingen", "inget", "inga", "aldrig"})
# Needs whose complement names the creditor, the body part or the aim.
DEBT = ("economy.debt",)
BODY = ("health.physical", "health.mental")
GOAL = ("work_readiness.work_goal",)
CREDITOR_PREPS = frozenset({"hos"})
BODY_PARTS = frozenset(
    {"armarna", "armen", "benen", "benet", "knana", "knat", "ryggen", "nacken", "axeln"}
    | {"axlarna", "hoften", "magen", "huvudet", "handerna", "handlederna", "laren", "kroppen"}
    | {"lederna", "fotterna", "foten", "ansiktet", "halsen", "hjartat"}
)
BODY_FILLERS = frozenset({"bada", "ena", "hoger", "vanster", "sin", "min", "sina", "mina", "hela"})
HURT_OBJECTS = frozenset({"cigaretter", "cigarett", "kniv", "rakblad", "glas", "tandare"})
GOAL_PREPS = frozenset({"till", "som", "inom"})
WORK_VERBS = frozenset({"jobba", "arbeta", "jobbar", "arbetar", "plugga", "studera"})
GOAL_FILLERS = frozenset({"en", "ett", "nagot", "nat"})
REACH = 4


# Words of suspicion directly before an uncertain need, with the word they take.
SUSPECTED = frozenset({"misstankt", "misstankta", "eventuell", "eventuellt", "ev", "mojlig"})
SUSPICION_OF = frozenset({"misstanke", "tecken", "symtom", "misstankar"})
SUSPICION_PREPS = frozenset({"om", "pa"})


def suspicion_start(tokens: list[Token], first: int) -> int:
    """Return where an uncertain need's evidence starts: at a suspicion just before it."""
    if first < 1 or tokens[first].soft:
        return first
    before = tokens[first - 1]
    if before.sentence != tokens[first].sentence:
        return first
    if before.norm in SUSPECTED:
        return first - 1  # "misstänkt ADHD"
    if before.norm not in SUSPICION_PREPS or first < 2 or before.soft:
        return first
    noun = tokens[first - 2]
    if noun.norm in SUSPICION_OF and noun.sentence == before.sentence:
        return first - 2  # "misstanke om ADHD", "tecken på psykos"
    return first


def _same_clause(tokens: list[Token], last: int, k: int) -> bool:
    return k < len(tokens) and tokens[k].sentence == tokens[last].sentence and not tokens[k].soft


def time_end(tokens: list[Token], last: int) -> int:
    """Return the end of a time phrase right after ``last``, or ``last``."""
    k = last + 1
    if not _same_clause(tokens, last, k):
        return last
    word = tokens[k].norm
    nxt = [tokens[j].norm if _same_clause(tokens, last, j) else "" for j in range(k + 1, k + 4)]
    if word in SINCE:
        if nxt[0].isdigit() or nxt[0] in TIME_WORDS:
            school_year = nxt[0] in ("ak", "arskurs") and nxt[1].isdigit()
            return k + 2 if school_year else k + 1  # "sedan 2020", "sen påsk", "sedan åk 8"
        if (nxt[0] == "i" and nxt[1] in SEASONS) or (nxt[0] == "forra" and nxt[1]):
            return k + 2  # "sedan i somras", "sen förra året"
        if nxt[0] in AMOUNTS and nxt[1] in UNITS:
            return k + 2  # "sedan två månader"
        return last
    if word in DURING:
        if nxt[0] in AMOUNTS and nxt[1] in UNITS:
            return k + 2
        if nxt[0] in AMOUNTS and nxt[1] in AMOUNTS | {"an"} and nxt[2] in UNITS:
            return k + 3  # "i över tre år", "på mer än ett år"
        if nxt[0].isdigit() and nxt[1] in UNITS:
            return k + 2
        if nxt[0] == "evigheter" or (word == "under" and nxt[0] in PERIODS):
            return k + 1
        return last
    if word in ("de", "den") and nxt[0] in LATEST:
        if nxt[1] in UNITS:
            return k + 2
        if nxt[1] in AMOUNTS and nxt[2] in UNITS:
            return k + 3
    return last


def _complement(tokens: list[Token], last: int, need: str) -> int:
    """Return the end of the complement naming what or where, or ``last``."""
    k = last + 1
    if not _same_clause(tokens, last, k):
        return last
    word = tokens[k].norm
    if need in DEBT and word in CREDITOR_PREPS and _same_clause(tokens, last, k + 1):
        return k + 1  # "skulder hos KFM"; an abbreviation's expansion ends with it
    if need in BODY and word in ("i", "pa", "med"):
        for j in range(k + 1, min(k + REACH, len(tokens))):
            if not _same_clause(tokens, last, j):
                return last
            norm = tokens[j].norm
            if norm in BODY_PARTS or (word == "med" and norm in HURT_OBJECTS):
                return j
            if norm not in BODY_FILLERS:
                return last
    if need in GOAL and (word in GOAL_PREPS or (word == "med" and tokens[last].norm in WORK_VERBS)):
        for j in range(k + 1, min(k + 3, len(tokens))):
            if not _same_clause(tokens, last, j):
                return last
            if tokens[j].norm not in GOAL_FILLERS:
                return j if tokens[j].norm not in NEGATIONS | {"att", "det", "och"} else last
    return last


LASTING = ("work_readiness.long_unemployment", "work_readiness.absence", "social.isolation")


# Words an extension can start with; any other next word ends the evidence at once.
STARTS = CREDITOR_PREPS | GOAL_PREPS | SINCE | DURING | {"med", "de", "den", "langre"}


def extend_right(tokens: list[Token], last: int, need: str, self_negated: bool = False) -> int:
    """Return the last token of the evidence of a need whose words end at ``last``."""
    after = (_skip_expanded(tokens, last) if tokens[last].expanded else last) + 1
    if after >= len(tokens) or tokens[after].norm not in STARTS:
        return last
    end = _skip_expanded(tokens, _complement(tokens, last, need))
    if need in LASTING:
        end = _skip_expanded(tokens, time_end(tokens, end))
    wish = need == "health.mental" and self_negated  # "vill inte leva längre"
    if wish and _same_clause(tokens, end, end + 1) and tokens[end + 1].norm == "langre":
        end += 1
    return end


def _skip_expanded(tokens: list[Token], end: int) -> int:
    """Move to the last token of an abbreviation's expansion ("hos KFM" is one word)."""
    while (
        end + 1 < len(tokens)
        and tokens[end].expanded
        and tokens[end + 1].expanded
        and tokens[end + 1].start == tokens[end].start
    ):
        end += 1
    return end
