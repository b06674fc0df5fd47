"""A shallow grammar over tokens: needs that are said by composing words, not by one term.

The lexicon knows fixed phrases ("har ingen bostad"); the grammar knows how Swedish
says the same thing with other words, by word classes within one clause:

- a **missing resource**: a negation, a few filler words and a resource noun or a
  compound with a resource head ("inte någon egen lägenhet", "ingen a-kassa",
  "aldrig haft något förvärvsarbete");
- **inability and effort**: an ability verb, a limiting word and a work word within a
  few words ("kan inte gå tillbaka till sitt gamla yrke", "orkar max två timmar om
  dagen", "har inte kraft att jobba");
- **absence**: not having been at a place of work or school ("inte varit på skolan"),
  or having stopped an activity ("slutade gå på praktiken");
- **wishes and goals**: a wish word and a work goal ("vill testa ett vanligt jobb",
  "mitt mål är att bli elektriker");
- **arrears**: rent and an unpaid-word in one clause ("hyran för oktober är obetald",
  "ligger två månader efter med hyran") is a debt and an eviction risk; unpaid bills
  are a debt; trouble with money matters or the home is a budget or support need;
- **losing the home**: "riskerar att förlora bostaden", "bli av med lägenheten";
- **sleeping rough**: a sleeping verb, a preposition and a place that is no home
  ("sover på en parkbänk", "har sovit i en trappuppgång"), also an acute alert;
- **living with others** is a need only with a sign of instability in the same
  sentence ("bor hos sina föräldrar, relationen är ansträngd").

Every rule looks at a bounded window after the word it starts from, so reading time
stays linear. Matches are ordinary matches of synthetic entries: the status cues and
evidence spans of the rest of the reader apply to them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mgt_assistant.domain.needs.patterns import Entry
from mgt_assistant.domain.needs.text import Token

# A match of the grammar: first token, last token and the entry of its need.
Found = tuple[int, int, Entry]
Rule = Callable[[list[Token], int], Iterator[Found]]

# All words are folded (å/ä → a, ö → o).
NEGATIONS = frozenset({"inte", "ej", "ingen", "inget", "inga", "saknar", "saknade", "utan"})
NEGATIONS |= frozenset({"varken", "aldrig", "noll"})
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
WORK_RESOURCE = "work_readiness.long_unemployment"
RESOURCE_REACH = 5

ABILITY_VERBS = frozenset({"klarar", "klarade", "orkar", "orkade", "kan", "kunde", "formar"})
ABILITY_VERBS |= frozenset({"maktar", "pallar", "klara", "orka", "fixar", "fixade", "mackar"})
LIMITS = frozenset({"inte", "ej", "bara", "max", "endast", "hogst", "knappt", "knappast"})
LIMITS |= frozenset({"aldrig", "ingen", "inga"})
ABILITY_NOUNS = frozenset({"kraft", "ork", "energi", "formaga", "orken"})
# "har inte orkat söka jobb": the negation stands before the supine.
ABILITY_SUPINES = frozenset({"orkat", "klarat", "kunnat", "pallat", "fixat", "orka", "klara"})
WORK_TARGETS = frozenset(
    {"jobba", "arbeta", "jobbet", "arbetet", "jobb", "arbete", "heltid", "halvtid", "deltid"}
    | {"timmar", "timme", "plugga", "studera", "studier", "yrke", "yrket", "tjansten"}
    | {"aterga", "atervanda", "sysselsattning", "arbetsplatsen", "arbetslivet"}
)
WORK_PREFIXES = ("praktik", "arbetstran", "arbetsprov")
DURATION_WORDS = frozenset({"om", "per", "i", "pa", "dagen", "veckan", "dag", "vecka", "dygnet"})
ABILITY_REACH = 7

ABSENCE_VERBS = frozenset({"varit", "kommit", "gatt", "dykt", "synts", "tagit", "kommer"})
PLACES = frozenset({"jobbet", "arbetet", "skolan", "lektionerna", "kursen", "utbildningen"})
PLACES |= frozenset({"praktiken", "arbetstraningen", "insatsen", "mottagningen", "jobb"})
STOP_VERBS = frozenset({"slutat", "slutade", "avbrot", "avbrutit", "avbrutet", "hoppade"})
STOP_VERBS |= frozenset({"hoppat", "lamnade", "lamnat", "droppade", "droppat"})
ACTIVITIES = frozenset({"praktiken", "arbetstraningen", "kursen", "kurserna", "insatsen"})
ACTIVITIES |= frozenset({"insatserna", "utbildningen", "programmet"})
ACTIVITY_PREFIXES = ("praktik", "arbetstran", "arbetsmarknadsutb", "utbildning", "kurs")
ABSENCE_REACH = 5
GOING = frozenset({"kommer", "kom", "gar", "gick", "dyker", "dok", "infinner", "tar"})

WISHES = frozenset({"vill", "onskar", "onskan", "onskemal", "hoppas", "siktar", "vilja"})
WISHES |= frozenset({"langtar", "sugen", "intresserad", "motiverad"})
DREAMS = frozenset({"mal", "malet", "drommer", "drom", "drommen", "malsattning"})
GOALS = frozenset(
    {"jobba", "arbeta", "jobb", "jobbet", "arbete", "anstallning", "praktik", "praktikplats"}
    | {"plugga", "studera", "studier", "utbildning", "yrke", "yrkesutbildning", "starta"}
    | {"forsorja", "sjalvforsorjande", "omskola", "omskolning", "utbilda", "arbetslivet"}
    | {"arbetsmarknaden"}
)
GOAL_REACH = 8
REFLEXIVES = frozenset({"sig", "mig", "dig", "oss", "sej", "mej"})
PRONOUNS = frozenset({"jag", "hon", "han", "hen", "du", "vi", "de", "dom", "ja"})

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
BILLS = ("rakning", "rakningen", "rakningar", "rakningarna", "faktura", "fakturor", "fakturorna")
UNOPENED_PREFIX = "oopp"
MONEY_MATTERS = frozenset({"ekonomi", "ekonomin", "rakningar", "rakningarna", "pengar"})
MONEY_MATTERS |= frozenset({"pengarna", "budget", "budgeten", "posten", "pappren", "papper"})
MONEY_MATTERS |= frozenset({"rakningarnas", "myndighetspost", "ekonomiska"})
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

LOSE_VERBS = frozenset({"forlora", "forlorar", "mista", "mister", "tappa", "forlorat"})
LOSE_VERBS |= frozenset({"forlorade", "mist", "mistat", "tappat", "tappade"})
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
ROUGH_PLACES |= frozenset({"centralen", "tunnelbanan", "pendeln", "akuten", "natthärbärget"})
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

_ENTRIES: dict[tuple[str, str, bool, str], Entry] = {}


# The rules whose first words keep their meaning for the words inside: the negation of
# a missing resource also negates a signal inside ("saknar lön"), and the person a
# living arrangement names stays a cue for what follows ("bor med sin mamma som dricker").
RESOURCE_RULE, LIVING_RULE, UNKNOWING_RULE = "resurs", "bor hos", "vet inte vad"


def entry(need_id: str, kind: str = "", immune: bool = False, rule: str = "") -> Entry:
    """Return the one synthetic entry of a grammar rule's need (or signal)."""
    key = (need_id, kind, immune, rule)
    found = _ENTRIES.get(key)
    if found is None:
        text = f"grammatik: {rule or need_id}"
        found = Entry(need_id, (), text, 0, None, immune, True, kind)
        _ENTRIES[key] = found
    return found


def is_rule(found: Entry, rule: str) -> bool:
    """Tell whether an entry was made by the named grammar rule."""
    return not found.words and found.text == f"grammatik: {rule}"


def _same_clause(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether tokens first..last stand in one sentence without a comma between."""
    sentence = tokens[first].sentence
    return all(
        tokens[k].sentence == sentence and (k == first or not tokens[k].soft)
        for k in range(first, last + 1)
    )


def _window(tokens: list[Token], at: int, reach: int) -> range:
    """Positions after ``at`` in the same clause, at most ``reach`` of them."""
    sentence = tokens[at].sentence
    stop = min(at + reach, len(tokens) - 1)
    end = at
    while end < stop:
        token = tokens[end + 1]
        if token.soft or token.sentence != sentence:
            break
        end += 1
    return range(at + 1, end + 1)


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


def _missing_resource(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm not in NEGATIONS:
        return
    for k in _window(tokens, at, RESOURCE_REACH):
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
    return tokens[k + 2].norm in ("sova", "bo", "vara", "ta") and _same_clause(tokens, k, k + 2)


def _trailing_preposition(tokens: list[Token], last: int) -> bool:
    """Tell whether a stranded "på"/"i" ends the phrase ("att sova på ikväll")."""
    if last + 1 >= len(tokens) or tokens[last + 1].norm not in ("pa", "i", "hos"):
        return False
    after = last + 2
    if after >= len(tokens) or tokens[after].sentence != tokens[last].sentence:
        return True
    return tokens[after].soft or tokens[after].norm in ENDINGS


ENDINGS = frozenset({"ikvall", "inatt", "idag", "imorgon", "nu", "just", "i", "langre"})


def _is_work(token: Token) -> bool:
    return token.norm in WORK_TARGETS or token.norm.startswith(WORK_PREFIXES)


def _duration_end(tokens: list[Token], last: int) -> int:
    """Extend over a following "om dagen" / "i veckan" ("orkar två timmar om dagen")."""
    for k in _window(tokens, last, 2):
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
    return False


HOUR_COUNTS = frozenset({"en", "ett", "tva", "tre", "fyra", "par", "nagra", "1", "2", "3", "4"})


def _hours(tokens: list[Token], window: range) -> bool:
    """Tell whether a few hours follow an ability verb ("klarar två timmar om dagen")."""
    return (
        len(window) > 1
        and tokens[window[0]].norm in HOUR_COUNTS
        and tokens[window[1]].norm in ("timmar", "timme", "formiddagar", "halvdagar")
    )


def _inability(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    verb = token.norm in ABILITY_VERBS
    noun_after_negation = token.norm in ("inte", "ingen", "utan", "saknar")
    if not verb and not noun_after_negation:
        return
    window = _window(tokens, at, ABILITY_REACH)
    if not window:
        return
    limited = tokens[window[0]].norm in LIMITS or _doubted(tokens, at) or _hours(tokens, window)
    if verb and not limited:
        return
    if noun_after_negation and tokens[window[0]].norm not in ABILITY_NOUNS | ABILITY_SUPINES:
        return
    for k in window[1:]:
        if verb and tokens[k].norm in MONEY_MATTERS:
            yield (at, k, entry("economy.budget", immune=True))  # "klarar inte att öppna posten"
            return
        if _is_work(tokens[k]):
            last = _duration_end(tokens, k) if tokens[k].norm in ("timmar", "timme") else k
            need = "work_readiness.unclear_capacity"
            yield (at, last, entry(need, immune=True))
            return
        if tokens[k].norm in ("och", "men", "eftersom", "pga", "for", "som"):
            return


def _absence(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    need = "work_readiness.absence"
    if token.norm in ("inte", "ej", "aldrig", "sallan", "knappt"):
        window = _window(tokens, at, ABSENCE_REACH)
        before = tokens[at - 1] if at > 0 else None
        if before is not None and before.norm in GOING and before.sentence == token.sentence:
            at -= 1  # "kommer inte iväg till jobbet", "går inte till skolan"
        elif not window or tokens[window[0]].norm not in ABSENCE_VERBS:
            return
        for k in window[1:]:
            norm = tokens[k].norm
            if (
                norm in PLACES
                or norm.startswith(WORK_PREFIXES)
                or norm.endswith(("plats", "platsen"))
            ):
                yield (at, k, entry(need, immune=True))
                return
    elif token.norm in STOP_VERBS:
        for k in _window(tokens, at, ABSENCE_REACH):
            norm = tokens[k].norm
            if norm in ACTIVITIES or norm.startswith(ACTIVITY_PREFIXES):
                yield (at, k, entry(need))
                return
            if norm in ("skolan", "gymnasiet", "och", "men"):
                return


def _goal(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    dream = token.norm in DREAMS
    if token.norm not in WISHES and not dream:
        return
    unsure = _not_knowing(tokens, at)
    window = _window(tokens, at, GOAL_REACH)
    if len(window) > 1 and tokens[window[0]].norm == "att" and tokens[window[1]].norm in PRONOUNS:
        return  # "läkaren vill att jag börjar jobba": someone else's wish
    for k in window:
        norm = tokens[k].norm
        if norm in ("inte", "ej", "aldrig", "flytta", "och", "men"):
            return
        if unsure >= 0 and norm in GOALS:
            # "har ingen aning vad jag vill jobba med": no goal yet
            yield (unsure, k, entry("daily_structure.motivation", rule=UNKNOWING_RULE))
            return
        if (
            norm in GOALS
            or norm.startswith(("omskol", "utbilda", "praktik"))
            or norm.endswith(("utbildning", "utbildningen"))
            or (dream and norm == "bli")
        ):
            if k + 1 < len(tokens) and tokens[k + 1].norm in REFLEXIVES:
                k += 1  # "vill omskola sig"
            yield (at, k, entry("work_readiness.work_goal"))
            return


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


def _is_rent(token: Token) -> bool:
    return token.norm.endswith(RENT) and not token.norm.startswith(("uthyr", "hyres"))


def _arrears_cue(tokens: list[Token], k: int) -> int:
    """Return the first token of an unpaid-word at ``k`` (-1 if none)."""
    norm = tokens[k].norm
    if norm.startswith(UNPAID_PREFIX) or norm.startswith(REMINDER_PREFIX):
        return k  # "obetald", "påminnelser om hyran"
    if norm in BEHIND and k + 1 < len(tokens) and tokens[k + 1].norm == "med":
        for back in range(k - 1, max(k - 4, -1), -1):
            if tokens[back].norm in BEHIND_VERBS and _same_clause(tokens, back, k):
                return back
        return k
    if norm == "pengar" and not (k + 2 < len(tokens) and tokens[k + 1].norm == "till"):
        return -1  # "inga pengar till hyran", not "inga pengar kvar efter hyran"
    if norm.startswith(PAY_PREFIX) or norm in ("rad", "pengar"):
        for back in range(k - 1, max(k - 4, -1), -1):
            if tokens[back].norm in UNPAID_VERBS:
                return back if _same_clause(tokens, back, k) else -1
            if tokens[back].norm not in PAY_FILLERS:
                return -1
    return -1


def _arrears(tokens: list[Token], at: int) -> Iterator[Found]:
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
        if first < 0:
            continue
        start, end = min(first, at), max(k, at)
        if not _same_clause(tokens, start, end) or _conditional(tokens, start):
            continue
        end = _period_end(tokens, end)
        for need in ("housing.eviction_risk", "economy.debt"):
            yield (start, end, entry(need, immune=True))
        return


def _conditional(tokens: list[Token], start: int) -> bool:
    """Tell whether the phrase follows "om"/"ifall" ("risk för vräkning om hyran inte betalas")."""
    return any(
        tokens[k].norm in ("om", "ifall") and tokens[k].sentence == tokens[start].sentence
        for k in range(max(start - 2, 0), start)
    )


def _period_end(tokens: list[Token], last: int) -> int:
    """Extend over "på tre månader" / "i två månader" right after the phrase."""
    window = _window(tokens, last, 3)
    if len(window) == 3 and tokens[window[0]].norm in ("pa", "i"):
        number, unit = tokens[window[1]], tokens[window[2]]
        if unit.norm in ("manader", "manad", "veckor", "vecka", "ar") and (
            number.norm.isdigit() or number.norm in ("tva", "tre", "fyra", "fem", "flera", "ett")
        ):
            return window[2]
    return last


def _bills(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    if not token.norm.endswith(BILLS):
        return
    first = _unpaid_before(tokens, at)
    if first >= 0:
        yield (first, _period_end(tokens, at), entry("economy.debt", immune=True))
        return
    for k in _window(tokens, at, 3):
        norm = tokens[k].norm
        if norm.startswith(UNPAID_PREFIX):
            yield (at, k, entry("economy.debt", immune=True))
            return
        if norm.startswith(UNOPENED_PREFIX):
            yield (at, k, entry("economy.budget", immune=True))
            return


def _unpaid_before(tokens: list[Token], at: int) -> int:
    """Return where "inte betalat" starts before a bill ("har inte betalat elräkningen"), or -1."""
    pay = at - 1
    if pay > 0 and tokens[pay].norm in OWN_PLURAL:
        pay -= 1  # "inte kunnat betala sina räkningar"
    if pay < 1 or not tokens[pay].norm.startswith(PAY_PREFIX):
        return -1
    for back in range(pay - 1, max(pay - 4, -1), -1):
        if tokens[back].norm in UNPAID_VERBS:
            return back if _same_clause(tokens, back, at) else -1
        if tokens[back].norm not in PAY_FILLERS:
            return -1
    return -1


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


def _trouble(tokens: list[Token], at: int) -> Iterator[Found]:
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
    for k in _window(tokens, at, TROUBLE_REACH):
        norm = tokens[k].norm
        if norm in MONEY_MATTERS or norm.endswith(("rakningar", "rakningarna")):
            then = [tokens[j].norm for j in _window(tokens, k, 2)]
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


def _lose_home(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    if token.norm in LOSE_VERBS:
        start, window = at, _window(tokens, at, 2)
    elif token.norm in GET_RID:
        window = _window(tokens, at, 4)
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


def _rough(tokens: list[Token], at: int) -> Iterator[Found]:
    token = tokens[at]
    sleeping = token.norm in SLEEP_VERBS
    if not sleeping and token.norm not in LIVE_VERBS:
        return
    window = _window(tokens, at, 5)
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


def _living_with(tokens: list[Token], at: int) -> Iterator[Found]:
    if tokens[at].norm not in ("bor", "bo"):
        return
    window = _window(tokens, at, 4)
    host = next((k for k in window if tokens[k].norm in HOSTS), -1)
    if host < 0 or any(tokens[k].norm not in HOST_FILLERS for k in range(at + 1, host)):
        return
    sentence = tokens[at].sentence
    k = host + 1
    while k < len(tokens) and tokens[k].sentence == sentence and k - host <= 12:
        if tokens[k].norm in UNSTABLE:
            yield (at, host, entry("housing.insecure", rule=LIVING_RULE))
            return
        k += 1


# Each rule starts from a word of its own classes: rules are looked up by the word, so
# most words cost one dictionary look-up.
_BY_WORD: tuple[tuple[Rule, frozenset[str]], ...] = (
    (_missing_resource, NEGATIONS),
    (_inability, ABILITY_VERBS | {"inte", "ingen", "utan", "saknar"}),
    (_absence, STOP_VERBS | {"inte", "ej", "aldrig", "sallan", "knappt"}),
    (_goal, WISHES | DREAMS),
    (_trouble, TROUBLE | LOOSE_GRIP | STATES),
    (_lose_home, LOSE_VERBS | GET_RID),
    (_rough, SLEEP_VERBS | LIVE_VERBS),
    (_living_with, frozenset({"bor", "bo"})),
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
        if norm.endswith(RENT):
            rules = (*rules, _arrears)
        elif norm.endswith(BILLS):
            rules = (*rules, _bills)
        if len(_RULES_OF) >= RULES_CACHE_SIZE:
            _RULES_OF.clear()
        _RULES_OF[norm] = rules
    return rules


def grammar_matches(tokens: list[Token]) -> list[Found]:
    """Return the needs (and acute-homelessness alerts) the grammar reads in the tokens."""
    found: list[Found] = []
    for at, token in enumerate(tokens):
        for rule in _rules_of(token.norm):
            found.extend(rule(tokens, at))
    return found
