"""Grammar rules for the home: losing it, sleeping rough and living with others.

- **losing the home**: "riskerar att förlora bostaden", "bli av med lägenheten" is an
  eviction risk; losing a job or an income ("förlorat sitt arbete") is unemployment or
  no income;
- **sleeping rough**: a sleeping verb, a preposition and a place that is no home
  ("sover på en parkbänk", "har sovit i en trappuppgång"), also an acute alert; living
  in such a place ("bor egentligen i ett förråd") too, with no alert for a caravan;
- **living with others** is a need only with a sign of instability in the same
  sentence ("bor hos sina föräldrar, relationen är ansträngd") or a wish or need to move
  ("men vill flytta", "måste flytta därifrån"); what speaks for the arrangement ("har
  eget rum", "vill inte flytta") is no sign.

Each rule starts from a word of its own class and looks at a bounded window after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import (
    LIVING_RULE,
    LOSE_VERBS,
    WORK_RESOURCE,
    Found,
    Rule,
    clause_window,
    entry,
)
from mgt_assistant.domain.needs.text import Token

# All words are folded (å/ä → a, ö → o).
JOBS = frozenset({"jobbet", "arbetet", "anstallningen", "tjansten", "jobb", "arbete"})
INCOMES = frozenset({"inkomst", "inkomsten", "forsorjning", "ersattning", "ersattningen"})
GET_RID = frozenset({"bli", "blir"})
HOMES = frozenset({"bostaden", "lagenheten", "boendet", "kontraktet", "hyreskontraktet"})
HOMES |= frozenset({"hemmet", "forstahandskontraktet", "rummet"})

SLEEP_VERBS = frozenset({"sover", "sovit", "sov", "sova", "overnattar", "overnattat"})
SLEEP_VERBS |= frozenset({"overnattade", "sovt"})
LIVE_VERBS = frozenset({"bor", "bott", "bodde", "bo", "lever"})
ROUGH_PREPS = frozenset({"i", "pa", "under", "utomhus", "ute"})
ROUGH_FILLERS = frozenset({"en", "ett", "olika", "nagon", "nan", "sin", "hans", "hennes", "min"})
ROUGH_PLACES = frozenset({"bil", "bilen", "bilar", "bilarna", "gatan", "gator", "skogen"})
ROUGH_PLACES |= frozenset({"taget", "tag", "talt", "taltet", "porten", "portar", "trappan"})
ROUGH_PLACES |= frozenset({"centralen", "tunnelbanan", "pendeln", "akuten", "nattharbarget"})
ROUGH_PLACES |= frozenset({"bank", "banken", "bankar", "parken", "parker"})  # "på en bänk i parken"
ROUGH_PREFIXES: tuple[str, ...] = ("trapp", "park", "buss", "tunnelban", "station", "forrad")
ROUGH_PREFIXES += ("kallar", "soprum", "cykelrum", "tvattstug", "garage", "talt", "uppgang")
ROUGH_SUFFIXES = ("bank", "banken", "bankar", "uppgang", "uppgangen", "rummet")
LIVE_PLACES = frozenset({"bilen", "gatan", "talt", "taltet", "trapphuset", "forradet"})
LIVE_PLACES |= frozenset({"kallaren", "trappuppgangen", "husvagn", "husvagnen", "skogen"})
LIVE_PLACES |= frozenset({"forrad", "kallare", "husbil", "husbilen", "bil", "talt"})
NOT_ACUTE = frozenset({"husvagn", "husvagnen", "husbil", "husbilen"})
ADVERBS = frozenset({"egentligen", "numera", "nu", "just", "fortfarande", "tillfalligt", "mest"})

HOSTS = frozenset(
    {"foraldrarna", "foraldrar", "mamma", "mamman", "pappa", "pappan", "sambon", "sambo"}
    | {"partner", "partnern", "pojkvan", "pojkvannen", "flickvan", "flickvannen", "van"}
    | {"vannen", "vanner", "kompis", "kompisen", "kompisar", "syster", "systern", "bror"}
    | {"brodern", "kusin", "kusinen", "moster", "morbror", "farbror", "faster", "mormor"}
    | {"farmor", "morfar", "farfar", "mamsen", "farsan", "morsan", "farsa", "morsa"}
    | {"pojkvannens", "flickvannens", "styvpappa", "styvmamma", "exet", "exsambon"}
)
HOST_FILLERS = frozenset({"hemma", "hos", "med", "sin", "sina", "min", "mina", "hans"})
HOST_FILLERS |= frozenset({"hennes", "sitt", "hens", "tillsammans", "kvar", "fortfarande"})
UNSTABLE = frozenset({"brak", "brakar", "brakat", "brakig", "brakigt", "anstrangd", "anstrangt"})
UNSTABLE |= frozenset({"konflikt", "konflikter", "otryggt", "otrygg", "ohallbart", "ohallbar"})
UNSTABLE |= frozenset({"tillfalligt", "tillfallig", "trangt", "trangbott", "brakade", "brak"})
UNSTABLE |= frozenset({"rum", "separerat", "separerade", "separationen", "slut", "hot", "hotar"})
# Control and violence by the one the person lives with ("bor hos min kille men han är så
# svartsjuk").
UNSTABLE |= frozenset({"svartsjuk", "svartsjuka", "kontrollerande", "slar", "slog", "slagit"})
UNSTABLE |= frozenset({"hotat", "hotade", "radd", "misshandlar", "lasst", "lasser"})
# Partners and kin in spoken forms.
HOSTS_SPOKEN = frozenset({"kille", "killen", "tjej", "tjejen", "farsan", "morsan", "farsa"})
HOSTS_SPOKEN |= frozenset({"morsa", "brorsan", "syrran", "maken", "make", "frun", "fru"})
RELATIVE_SUBJECTS = frozenset({"han", "hon", "hen", "jag", "ja", "de", "dom"})


def lose_home(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read losing the home, a job or an income ("riskerar att förlora bostaden")."""
    token = tokens[at]
    if token.norm in LOSE_VERBS:
        start, window = at, clause_window(tokens, at, 2)
    elif token.norm in GET_RID:
        window = clause_window(tokens, at, 4)
        if len(window) < 3 or [tokens[k].norm for k in window[:2]] != ["av", "med"]:
            return
        start, window = at, window[2:]
    else:
        return
    if at > 0 and tokens[at - 1].norm == "att" and at > 1 and tokens[at - 2].norm == "riskerar":
        start = at - 2
    for k in window:
        if tokens[k].norm in HOMES:
            yield (start, k, entry("housing.eviction_risk"))
            return
        if tokens[k].norm in JOBS and token.norm in LOSE_VERBS:
            yield (start, k, entry(WORK_RESOURCE))  # "förlorat sitt arbete"
            return
        if tokens[k].norm in INCOMES and token.norm in LOSE_VERBS:
            yield (start, k, entry("economy.no_income"))  # "förlorat sin inkomst"
            return


def _is_rough(token: Token) -> bool:
    norm = token.norm
    return (
        norm in ROUGH_PLACES
        or norm.startswith(ROUGH_PREFIXES)
        or any(norm.endswith(s) and len(norm) > len(s) + 2 for s in ROUGH_SUFFIXES)
    )


def rough(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read sleeping or living rough ("sover på en parkbänk")."""
    token = tokens[at]
    sleeping = token.norm in SLEEP_VERBS
    if not sleeping and token.norm not in LIVE_VERBS:
        return
    window = clause_window(tokens, at, 5)
    if window and tokens[window[0]].norm in ADVERBS:
        window = window[1:]  # "bor egentligen i ett förråd"
    if not window or tokens[window[0]].norm not in ROUGH_PREPS:
        return
    if tokens[window[0]].norm in ("utomhus", "ute"):
        if sleeping:
            yield from _homeless(at, window[0], acute=True)
        return
    for k in window[1:]:
        norm = tokens[k].norm
        if (sleeping and _is_rough(tokens[k])) or (not sleeping and norm in LIVE_PLACES):
            yield from _homeless(at, k, acute=norm not in NOT_ACUTE)
            return
        if norm not in ROUGH_FILLERS:
            return


def _homeless(first: int, last: int, acute: bool) -> Iterator[Found]:
    yield (first, last, entry("housing.homeless"))
    if acute:
        yield (first, last, entry("acute_homelessness", "alert"))


def living_with(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read living with others in an unstable arrangement."""
    if tokens[at].norm not in ("bor", "bo"):
        return
    window = clause_window(tokens, at, 4)
    host = next((k for k in window if tokens[k].norm in HOSTS | HOSTS_SPOKEN), -1)
    if host < 0 and window and tokens[window[0]].norm == "hos":
        host = _host_before(tokens, at)  # "Hans pappa, som han bor hos, har …"
        if host >= 0:
            yield from _unstable(tokens, at, at, window[0])
        return
    if host < 0 or any(tokens[k].norm not in HOST_FILLERS for k in range(at + 1, host)):
        return
    yield from _unstable(tokens, at, host, host)


def _host_before(tokens: list[Token], at: int) -> int:
    """Return the host a relative clause names before "som han bor hos", or -1."""
    if at < 3 or tokens[at - 1].norm not in RELATIVE_SUBJECTS or tokens[at - 2].norm != "som":
        return -1
    host = at - 3
    return host if tokens[host].norm in HOSTS | HOSTS_SPOKEN else -1


# A wish or need to move out ("vill flytta", "måste flytta därifrån", "vill därifrån");
# "vill inte flytta" speaks for staying.
MOVE_MODALS = frozenset({"vill", "maste", "behover", "onskar", "vilja", "tvingas"})
MOVE_WORDS = frozenset({"flytta", "flyttar", "darifran", "harifran", "hemifran"})
NEGATION = frozenset({"inte", "ej", "aldrig", "int"})
NOT_OWN = frozenset({"inget", "ingen", "inte", "utan", "saknar", "delar", "dela", "delat"})


def _own_room(tokens: list[Token], k: int, host: int) -> bool:
    """Tell whether "rum" is the person's own room ("har eget rum"), which speaks for staying."""
    before = [tokens[j].norm for j in range(max(host + 1, k - 3), k)]
    return bool(before) and before[-1] in ("eget", "egna") and not NOT_OWN & set(before)


def _move(tokens: list[Token], k: int, host: int) -> tuple[int, int] | None:
    """Return the span of a wish or need to move out ending at token ``k``, or None."""
    if tokens[k].norm not in MOVE_WORDS:
        return None
    reach = range(max(host + 1, k - 4), k)
    if any(tokens[j].norm in NEGATION for j in reach):
        return None  # "vill inte flytta"
    modal = next((j for j in reach if tokens[j].norm in MOVE_MODALS), -1)
    if modal < 0:
        return None
    last = k
    following = k + 1 < len(tokens) and tokens[k + 1].sentence == tokens[k].sentence
    if following and tokens[k + 1].norm in MOVE_WORDS:
        last = k + 1  # "flytta hemifrån"
    return (modal, last)


def _unstable(tokens: list[Token], at: int, host: int, last: int) -> Iterator[Found]:
    """Yield living with others when a sign of instability or a move follows.

    A wish to move is read on its own words ("vill flytta hemifrån"), the arrangement
    itself on the words of living with someone ("bor hos sin mamma").
    """
    sentence = tokens[at].sentence
    k = host + 1
    while k < len(tokens) and tokens[k].sentence == sentence and k - host <= 12:
        norm = tokens[k].norm
        if norm in UNSTABLE and not (norm == "rum" and _own_room(tokens, k, host)):
            yield (at, last, entry("housing.insecure", rule=LIVING_RULE))
            return
        move = _move(tokens, k, host)
        if move is not None:
            yield (move[0], move[1], entry("housing.insecure", rule=LIVING_RULE))
            return
        k += 1


# The words each rule starts from, for the grammar's look-up by word.
BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = (
    (lose_home, LOSE_VERBS | GET_RID),
    (rough, SLEEP_VERBS | LIVE_VERBS),
    (living_with, frozenset({"bor", "bo"})),
)
