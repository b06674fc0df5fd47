"""Grammar rules for work readiness: inability and effort, absence, wishes and goals.

- **inability and effort**: an ability verb, a limiting word and a work word within a
  few words ("kan inte gå tillbaka till sitt gamla yrke", "orkar max två timmar om
  dagen", "har inte kraft att jobba"); with money matters instead of work it is a
  budget need ("klarar inte att öppna posten");
- **absence**: not having been at a place of work or school ("inte varit på skolan"),
  or having stopped an activity ("slutade gå på praktiken");
- **wishes and goals**: a wish word and a work goal ("vill testa ett vanligt jobb",
  "mitt mål är att bli elektriker"), or a wish to go back where work is spoken of ("har
  jobbat som snickare i 20 år och vill tillbaka till det"); not knowing what one wants
  ("har ingen aning vad jag vill jobba med") is a motivation need. A wish ends where
  another clause starts ("vill dö sedan hon blev av med jobbet").

A job search and registration at the employment service are read in ``grammar_jobs``.

Each rule starts from a word of its own class and looks at a bounded window after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.grammar_base import (
    MONEY_MATTERS,
    UNKNOWING_RULE,
    Found,
    Rule,
    clause_window,
    entry,
)
from mgt_assistant.domain.needs.text import Token

# All words are folded (å/ä → a, ö → o).
ABILITY_VERBS = frozenset({"klarar", "klarade", "orkar", "orkade", "kan", "kunde", "formar"})
ABILITY_VERBS |= frozenset({"maktar", "pallar", "klara", "orka", "fixar", "fixade", "mackar"})
LIMITS = frozenset({"inte", "ej", "bara", "max", "endast", "hogst", "knappt", "knappast"})
LIMITS |= frozenset({"aldrig", "ingen", "inga"})
ABILITY_NOUNS = frozenset({"kraft", "ork", "energi", "formaga", "orken"})
# "har inte orkat söka jobb": the negation stands before the supine.
ABILITY_SUPINES = frozenset({"orkat", "klarat", "kunnat", "pallat", "fixat", "orka", "klara"})
ABILITY_AFTER_NEGATION = ABILITY_NOUNS | ABILITY_SUPINES | {"klarar", "orkar", "formar"}
WORK_TARGETS = frozenset(
    {"jobba", "arbeta", "jobbet", "arbetet", "jobb", "arbete", "heltid", "halvtid", "deltid"}
    | {"timmar", "timme", "plugga", "studera", "studier", "yrke", "yrket", "tjansten"}
    | {"aterga", "atervanda", "sysselsattning", "arbetsplatsen", "arbetslivet"}
)
RETURNS = frozenset({"tillbaka", "tillbaks"})
WORK_PREFIXES = ("praktik", "arbetstran", "arbetsprov")
# Compounds whose head is work ("frisörjobbet", "lagerarbetet", "läraryrket").
WORK_HEADS = ("jobbet", "jobb", "arbetet", "yrket", "yrke")
DURATION_WORDS = frozenset({"om", "per", "i", "pa", "dagen", "veckan", "dag", "vecka", "dygnet"})
ABILITY_REACH = 7

ABSENCE_VERBS = frozenset({"varit", "kommit", "gatt", "dykt", "synts", "tagit", "kommer"})
ABSENCE_VERBS |= frozenset({"delta", "deltagit", "deltar", "narvara", "narvarat"})
# Words that may stand between the negation and the verb: an auxiliary in a subordinate
# clause ("att hon inte har varit"), an ability ("inte förmått delta").
ABSENCE_FILLERS = frozenset({"har", "hade", "ha", "formatt", "orkat", "klarat", "kunnat"})
PLACES = frozenset({"jobbet", "arbetet", "skolan", "lektionerna", "kursen", "utbildningen"})
PLACES |= frozenset({"praktiken", "arbetstraningen", "insatsen", "mottagningen", "jobb"})
PLACES |= frozenset({"motena", "moten", "traffarna", "aktiviteterna", "programmet"})
PLACES |= frozenset({"verksamheten"})
STOP_VERBS = frozenset({"slutat", "slutade", "avbrot", "avbrutit", "avbrutet", "hoppade"})
STOP_VERBS |= frozenset({"hoppat", "lamnade", "lamnat", "droppade", "droppat"})
ACTIVITIES = frozenset({"praktiken", "arbetstraningen", "kursen", "kurserna", "insatsen"})
ACTIVITIES |= frozenset({"insatserna", "utbildningen", "programmet", "verksamhet"})
ACTIVITIES |= frozenset({"verksamheten"})  # "slutat gå till daglig verksamhet"
ACTIVITY_PREFIXES = ("praktik", "arbetstran", "arbetsmarknadsutb", "utbildning", "kurs")
ABSENCE_REACH = 5
GOING = frozenset({"kommer", "kom", "gar", "gick", "dyker", "dok", "infinner", "tar"})

WISHES = frozenset({"vill", "onskar", "onskan", "onskemal", "hoppas", "siktar", "vilja"})
WISHES |= frozenset({"langtar", "sugen", "intresserad", "motiverad"})
DREAMS = frozenset({"mal", "malet", "drommer", "drom", "drommen", "malsattning"})
DREAMS |= frozenset({"malsattningen", "maltanke", "planen"})
GOALS = frozenset(
    {"jobba", "arbeta", "jobb", "jobbet", "arbete", "anstallning", "praktik", "praktikplats"}
    | {"plugga", "studera", "studier", "utbildning", "yrke", "yrkesutbildning", "starta"}
    | {"forsorja", "sjalvforsorjande", "omskola", "omskolning", "utbilda", "arbetslivet"}
    | {"arbetsmarknaden", "oppna", "foretag", "firma", "egenforetagare"}
)
GOAL_REACH = 8
REFLEXIVES = frozenset({"sig", "mig", "dig", "oss", "sej", "mej"})
PRONOUNS = frozenset({"jag", "hon", "han", "hen", "du", "vi", "de", "dom", "ja"})


def _is_work(token: Token) -> bool:
    norm = token.norm
    return norm in WORK_TARGETS or norm.startswith(WORK_PREFIXES) or norm.endswith(WORK_HEADS)


def _duration_end(tokens: list[Token], last: int) -> int:
    """Extend over a following "om dagen" / "i veckan" ("orkar två timmar om dagen")."""
    for k in clause_window(tokens, last, 2):
        if tokens[k].norm not in DURATION_WORDS:
            return k - 1
        if tokens[k].norm in ("dagen", "veckan", "dag", "vecka", "dygnet"):
            return k
    return last


DOUBT_VERBS = frozenset({"tror", "tycker", "tanker", "vet", "kanner", "ar"})


def _doubted(tokens: list[Token], at: int) -> bool:
    """Tell whether "tror inte att (hon)" stands before an ability verb."""
    for back in range(at - 1, max(at - 5, 0), -1):
        if tokens[back].sentence != tokens[at].sentence or tokens[back].soft:
            return False
        if tokens[back].norm in ("inte", "ej") and tokens[back - 1].norm in DOUBT_VERBS:
            return True
        if tokens[back].norm in DOUBT_VERBS and tokens[back - 1].norm in ("inte", "ej"):
            return True  # "att hon inte tror att hon kan"
    return False


HOUR_COUNTS = frozenset({"en", "ett", "tva", "tre", "fyra", "par", "nagra", "1", "2", "3", "4"})
# Hedges and time adverbs before an amount ("orkar i nuläget cirka två timmar", "typ tre").
AMOUNT_FILLERS = frozenset({"typ", "cirka", "ca", "ungefar", "runt", "omkring", "kanske"})
AMOUNT_FILLERS |= frozenset({"i", "nulaget", "dagslaget", "just", "nu", "idag", "bara", "max"})
# "klarar att jobba två förmiddagar i veckan": the work verb before the amount.
AMOUNT_FILLERS |= frozenset({"att", "jobba", "arbeta", "plugga", "studera", "vara", "pa"})
HOUR_UNITS = frozenset({"timmar", "timme", "formiddagar", "halvdagar", "h", "dagar", "pass"})
HOUR_UNITS |= frozenset({"eftermiddagar", "kvallar"})
LIMIT_REACH = 3


def _hours(tokens: list[Token], window: range) -> bool:
    """Tell whether a few hours follow an ability verb ("klarar typ två timmar om dagen")."""
    for n, k in enumerate(window[:-1]):
        norm = tokens[k].norm
        if norm in HOUR_COUNTS or (norm.isdigit() and len(norm) < 3):
            return tokens[window[n + 1]].norm in HOUR_UNITS
        if norm not in AMOUNT_FILLERS:
            return False
    return False


def _limited(tokens: list[Token], window: range) -> bool:
    """Tell whether a limit follows within a few words ("kan efter diskbråcket inte")."""
    for k in window[:LIMIT_REACH]:
        if tokens[k].norm in LIMITS:
            return True
        if _is_work(tokens[k]):
            return False
    return False


def inability(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read an ability limited for work ("orkar max två timmar om dagen")."""
    token = tokens[at]
    verb = token.norm in ABILITY_VERBS
    noun_after_negation = token.norm in ("inte", "ingen", "utan", "saknar")
    if not verb and not noun_after_negation:
        return
    window = clause_window(tokens, at, ABILITY_REACH)
    if not window:
        return
    doubted = _doubted(tokens, at)
    limited = _limited(tokens, window) or doubted or _hours(tokens, window)
    if verb and not limited:
        return
    # After a doubt the work may follow at once ("tror inte att hon orkar heltid").
    targets = window if doubted and tokens[window[0]].norm not in LIMITS else window[1:]
    # "att jag inte klarar halvtid": a subordinate clause puts the negation first.
    if noun_after_negation and tokens[window[0]].norm not in ABILITY_AFTER_NEGATION:
        return
    for k in targets:
        if verb and tokens[k].norm in MONEY_MATTERS:
            yield (at, k, entry("economy.budget", immune=True))  # "klarar inte att öppna posten"
            return
        back = tokens[k].norm in RETURNS
        if back:
            k = _return_end(tokens, k, window)  # "kan inte gå tillbaka till bygget"
        if _is_work(tokens[k]) or (back and tokens[k].norm not in RETURNS):
            last = _duration_end(tokens, k) if tokens[k].norm in ("timmar", "timme") else k
            need = "work_readiness.unclear_capacity"
            yield (at, last, entry(need, immune=True))
            return
        if tokens[k].norm in ("och", "men", "eftersom", "pga", "for", "som", "leva", "bry"):
            return  # "orkar inte leva utan jobb", "orkar inte bry mig om jobb": no capacity


def _return_end(tokens: list[Token], at: int, window: range) -> int:
    """Return the place a return goes to: a work word, else the noun after "till"."""
    rest = [k for k in window if k > at]
    work = next((k for k in rest if _is_work(tokens[k])), -1)
    if work >= 0:
        return work
    if len(rest) > 1 and tokens[rest[0]].norm == "till":
        return rest[2] if len(rest) > 2 and tokens[rest[1]].norm in REFLEXIVE_OWNERS else rest[1]
    return at


REFLEXIVE_OWNERS = frozenset({"sitt", "sin", "sina", "mitt", "min", "mina", "hans", "hennes"})


def absence(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read absence from work or school ("inte varit på skolan")."""
    token = tokens[at]
    need = "work_readiness.absence"
    if token.norm in ("inte", "ej", "aldrig", "sallan", "knappt"):
        window = clause_window(tokens, at, ABSENCE_REACH)
        before = tokens[at - 1] if at > 0 else None
        skip = 0
        while skip < len(window) - 1 and tokens[window[skip]].norm in ABSENCE_FILLERS:
            skip += 1
        if before is not None and before.norm in GOING and before.sentence == token.sentence:
            at -= 1  # "kommer inte iväg till jobbet", "går inte till skolan"
        elif not window or tokens[window[skip]].norm not in ABSENCE_VERBS:
            return
        for k in window[skip + 1 :]:
            norm = tokens[k].norm
            if (
                norm in PLACES
                or norm.startswith(WORK_PREFIXES)
                or norm.endswith(("plats", "platsen"))
                or (norm == "dar" and _activity_before(tokens, at))
            ):
                yield (at, k, entry(need, immune=True))
                return
    elif token.norm in STOP_VERBS:
        for k in clause_window(tokens, at, ABSENCE_REACH):
            norm = tokens[k].norm
            if norm in ACTIVITIES or norm.startswith(ACTIVITY_PREFIXES):
                yield (at, k, entry(need))
                return
            if norm in ("skolan", "gymnasiet", "och", "men"):
                return


def _activity_before(tokens: list[Token], at: int) -> bool:
    """Tell whether an activity is named earlier in the sentence ("verksamhet … inte varit där")."""
    sentence = tokens[at].sentence
    for k in range(at - 1, max(at - 12, -1), -1):
        if tokens[k].sentence != sentence:
            return False
        norm = tokens[k].norm
        if norm in ACTIVITIES or norm.startswith((*ACTIVITY_PREFIXES, "verksamhet")):
            return True
    return False


def goal(tokens: list[Token], at: int) -> Iterator[Found]:
    """Read a wish for work ("vill testa ett vanligt jobb") or not knowing one."""
    token = tokens[at]
    dream = token.norm in DREAMS
    if token.norm not in WISHES and not dream:
        return
    unsure = _not_knowing(tokens, at)
    window = clause_window(tokens, at, GOAL_REACH)
    if len(window) > 1 and tokens[window[0]].norm == "att" and tokens[window[1]].norm in PRONOUNS:
        return  # "läkaren vill att jag börjar jobba": someone else's wish
    if not dream and _going_back(tokens, at, window):
        yield (at, _back_end(tokens, window), entry("work_readiness.work_goal"))
        return
    for k in window:
        norm = tokens[k].norm
        if norm in GOAL_STOPS or (norm in ("sedan", "sen") and _pronoun_after(tokens, k)):
            return  # "vill dö sedan hon blev av med jobbet": another clause
        if unsure >= 0 and norm in GOALS:
            # "har ingen aning vad jag vill jobba med": no goal yet
            yield (unsure, k, entry("daily_structure.motivation", rule=UNKNOWING_RULE))
            return
        if (
            norm in GOALS
            or norm.startswith(("omskol", "utbilda", "praktik"))
            or norm.endswith(("utbildning", "utbildningen", "jobb", "jobbet"))
            or (dream and norm == "bli")
            or (norm == "bli" and _profession_after(tokens, k))
        ):
            if norm == "bli" and _profession_after(tokens, k):
                k += 1  # "siktar på att bli busschaufför"
            if k + 1 < len(tokens) and tokens[k + 1].norm in REFLEXIVES:
                k += 1  # "vill omskola sig"
            yield (at, k, entry("work_readiness.work_goal"))
            return


# Words that end a wish before a goal: a negation, another wish ("vill dö", "flytta"), or a
# subordinate clause ("eftersom", "när").
GOAL_STOPS = frozenset({"inte", "ej", "aldrig", "flytta", "och", "men", "do", "leva", "dog"})
GOAL_STOPS |= frozenset({"eftersom", "nar", "medan", "fast", "tills", "innan"})
GOAL_FILLERS = frozenset({"snabbt", "garna", "sa", "bara", "helst", "jattegarna", "nog"})
GOAL_FILLERS |= frozenset({"jag", "ja", "hon", "han", "hen", "ocksa", "verkligen", "ju"})
# Words in the same sentence that make a going back a going back to work.
WORK_CONTEXT = frozenset({"jobbat", "arbetat", "jobbade", "arbetade", "arbetsgivaren"})
WORK_CONTEXT |= frozenset({"arbetsgivare", "yrkesliv", "yrkeslivet", "chefen", "tjanst"})
WORK_CONTEXT_PREFIXES = ("bransch", "arbetsplats")
WORK_CONTEXT_ENDINGS = ("branschen", "bransch", "yrket", "yrke", "jobbet", "arbetet")


def _pronoun_after(tokens: list[Token], at: int) -> bool:
    return at + 1 < len(tokens) and tokens[at + 1].norm in PRONOUNS


def _going_back(tokens: list[Token], at: int, window: range) -> bool:
    """Tell whether a wish goes back to work ("vill tillbaka till byggbranschen")."""
    first = next((k for k in window if tokens[k].norm not in GOAL_FILLERS), -1)
    if first < 0 or tokens[first].norm not in RETURNS:
        return False
    sentence = tokens[at].sentence
    k = at - 1
    while k >= 0 and tokens[k].sentence == sentence:
        k -= 1
    # Work said before the wish ("har jobbat som snickare och vill tillbaka till det") or
    # as the place to go back to ("vill tillbaka till byggbranschen"), not later on.
    for j in range(k + 1, _back_end(tokens, window) + 1):
        norm = tokens[j].norm
        if (
            norm in WORK_CONTEXT
            or _is_work(tokens[j])
            or norm.startswith(WORK_CONTEXT_PREFIXES)
            or norm.endswith(WORK_CONTEXT_ENDINGS)
        ):
            return True
    return False


def _back_end(tokens: list[Token], window: range) -> int:
    """Return the end of a going back: "tillbaka dit", "tillbaka till det/byggbranschen"."""
    back = next(k for k in window if tokens[k].norm in RETURNS)
    rest = [k for k in window if k > back]
    if rest and tokens[rest[0]].norm in ("dit", "hit"):
        return rest[0]
    if len(rest) > 1 and tokens[rest[0]].norm == "till":
        if len(rest) > 2 and tokens[rest[1]].norm in REFLEXIVE_OWNERS | {"ett", "en", "mitt"}:
            return rest[2]
        return rest[1]
    return back


# Endings of words for occupations ("busschaufför", "undersköterska", "elektriker").
PROFESSIONS: tuple[str, ...] = ("are", "or", "ist", "log", "skoterska", "bitrade", "iker")
PROFESSIONS += ("assistent", "pedagog", "chauffor", "forare", "arbetare", "konsult")


def _profession_after(tokens: list[Token], at: int) -> bool:
    """Tell whether an occupation follows "bli" ("vill bli elektriker", not "bli frisk")."""
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    return (
        after is not None
        and after.sentence == tokens[at].sentence
        and (after.norm.endswith(PROFESSIONS) and len(after.norm) > 5)
    )


def _not_knowing(tokens: list[Token], at: int) -> int:
    """Return where "vet inte / ingen aning vad" starts before a wish, or -1."""
    sentence = tokens[at].sentence
    for k in range(at - 1, max(at - 5, -1), -1):
        if tokens[k].sentence != sentence:
            return -1
        if tokens[k].norm in ("aning", "vet", "oklart", "osaker", "osakert"):
            before = tokens[k - 1].norm if k > 0 else ""
            return k - 1 if before in ("ingen", "ar") else k
    return -1


# The words each rule starts from, for the grammar's look-up by word.
BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = (
    (inability, ABILITY_VERBS | {"inte", "ingen", "utan", "saknar"}),
    (absence, STOP_VERBS | {"inte", "ej", "aldrig", "sallan", "knappt"}),
    (goal, WISHES | DREAMS),
)
