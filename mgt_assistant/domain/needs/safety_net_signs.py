"""Warning signs of suicide in the safety net: preparations, passive wishes, plain words.

Round 8 (docs/needs-evaluation.md) found that a new author writes most suicidal statements
without a word of dying: a letter to the family "ifall", a dog given away, medicine put
aside, "tänkt ut hur", hoping not to wake up, a bus that might run one over, being better
off gone, not being afraid to die, risks taken on purpose, and a second language ("I dont
want live more", "vill död"). Each sign is composed from word classes here, every class
with a second cue so that the everyday sense stays out (a letter to an authority, a sofa
given away, waking early, "vill inte mer än …"). ``safety_net`` reads each sign uncertain.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.safety_net_reach import (
    cue_after,
    cue_before,
    next_norm,
    words_before,
)
from mgt_assistant.domain.needs.safety_net_words import (
    HEIGHTS,
    NEGATIONS,
    PILLS,
    VEHICLES,
    clause_end,
)
from mgt_assistant.domain.needs.text import Token

Span = tuple[int, int] | None

# A farewell: a letter, note or clip to one's family, with "ifall", an explanation or a
# goodbye after it ("brev till barnen. Ifall.").
NOTES = frozenset({"brev", "brevet", "breven", "lapp", "lappar", "lappen", "filmklipp"})
NOTES |= frozenset({"video", "videon", "klipp", "meddelanden", "avskedsord"})
WRITE = frozenset({"skrivit", "skrev", "skriver", "skriva", "spelat", "spelade", "lamnat"})
WRITE |= frozenset({"gjort", "gjorde", "lagt", "lade", "la"})
FAMILY = frozenset({"barnen", "barn", "fru", "frun", "man", "mannen", "mamma", "pappa"})
FAMILY |= frozenset({"syskon", "syskonen", "familjen", "familj", "dottern", "dotter", "sonen"})
FAMILY |= frozenset({"son", "sambo", "sambon", "flickvan", "pojkvan", "bror", "syster"})
FAMILY |= frozenset({"mormor", "farmor", "morfar", "farfar", "foraldrar", "foraldrarna"})
FAREWELL = frozenset({"ifall", "farval", "avsked", "handa", "hander", "hejda", "borta"})
# Explaining is a farewell only of "allt" ("där jag förklarar allt"), not of a move.
EXPLAIN = frozenset({"forklarar", "forklara", "forklarat", "forklarade"})
TAKE = frozenset({"tar", "tog", "ta", "tagit"})
# An everyday reason in the sentence: a move, a flea market, an allergy, a prescription.
REASONS = frozenset({"flyttade", "flyttar", "flytta", "flytten", "loppis", "loppisen"})
REASONS |= frozenset({"allergi", "allergisk", "rensade", "rensar", "kylskapet", "kylen"})
REASONS |= frozenset({"medicinskapet", "dosetten", "lakaren", "ordinerat", "ordination"})
DOSAGE = frozenset({"per", "dagligen", "dagen", "dygnet", "veckan", "morgon", "kvall"})
# Giving away what one keeps: a pet, one's things.
GIVE = frozenset({"gett", "ger", "gav", "ge", "skankt", "skanker", "skankte", "skanka"})
GIVE |= frozenset({"delat", "delar", "delade", "dela", "givit"})
KEPT = frozenset({"hund", "hunden", "katt", "katten", "katterna", "djur", "djuren"})
KEPT |= frozenset({"grejer", "grejerna", "saker", "sakerna", "agodelar", "smycken"})
KEPT |= frozenset({"smyckena", "prylar", "prylarna", "kanin", "kaninen", "fagel"})
MINE = frozenset({"min", "mitt", "mina", "sin", "sitt", "sina", "alla", "hans", "hennes"})
# Medicine put aside or saved ("slutat ta medicinen och sparar den").
MEDICINE = frozenset({"medicin", "medicinen", "lakemedel", "lakemedlen", "lakemedlet"})
SAVE = frozenset({"sparar", "sparat", "sparade", "samlar", "samlat", "samlade", "undan"})
SAVE |= frozenset({"gommer", "gomt", "gomde", "hamstrar", "hamstrat"})
IT = frozenset({"den", "dem", "dom", "de", "det", "i", ""})
# Having worked out how: "tänkt ut hur", "bestämt hur och när", "kollat hur högt".
DECIDED = frozenset({"bestamt", "bestamde", "tankt", "tankte", "planerat", "planerade"})
DECIDED |= frozenset({"kollat", "kollade", "raknat", "raknade", "googlat", "googlade"})
DECIDED |= frozenset({"funderat", "funderade", "ut", "upp", "pa", "listat", "klurat"})
HIGH = frozenset({"hogt", "langt", "djupt"})
MUCH = frozenset({"manga", "mycket"})
PLACES = HEIGHTS | frozenset({"parkeringshuset", "parkeringshus", "hustaket", "klippan"})
PLACES |= frozenset({"stupet", "vattnet", "alven", "sjon", "isen", "spar", "spaaret"})
METHOD = PLACES | PILLS | frozenset({"rep", "repet", "vapnet", "kniven", "gevaret"})
# Not waking up, and not caring whether one does.
WAKE = frozenset({"vakna", "vaknar", "vaknade", "vaknat"})
CARE = frozenset({"hoppas", "hoppades", "onskar", "onskade", "bryr", "detsamma", "skont"})
CARE |= frozenset({"skitsamma", "struntsamma", "strunt", "spelar", "vill", "ville"})
# "vaknar för tidigt", not "inte vakna på morgonen", which is the wish itself.
WAKE_IDIOM = frozenset({"for", "av", "innan", "tidigt", "mitt", "flera", "kl"})
WAKE_IDIOM |= frozenset({"klockan", "utvilad", "sent", "nar"})
# A vehicle running one over, wished for.
RUN = frozenset({"korde", "kor", "kora", "kort", "krockade", "tog"})
OVER = frozenset({"pa", "over", "ihjal"})
ME = frozenset({"mig", "honom", "henne", "hen"})
PLEASANT = frozenset({"skont", "onskar", "onskade", "hoppas", "hoppades", "vore", "gott"})
PLEASANT |= frozenset({"battre", "lattare", "skulle", "kunde", "bara"})
# Being gone or not missed: "ingen skulle märka om han var borta", "bättre när jag är borta".
GONE_CUES = frozenset({"ingen", "battre", "lattare", "marka", "market", "sakna", "saknar"})
GONE_CUES |= frozenset({"bast", "onskar", "onskade", "vore", "hoppas", "ville", "vill"})
BE = frozenset({"var", "ar", "vore", "blir", "bli", "vara", "e", "va"})
SUBJECTS = frozenset({"jag", "ja", "han", "hon", "hen"})
FOR_GOOD = frozenset({"gott", "alltid"})
WOULD = frozenset({"skulle", "vore", "blir", "bli", "kommer", "bliva"})
# Not afraid of death.
FEAR = frozenset({"radd", "radda", "radsla", "skrammer", "skrams", "skrammde", "skraj"})
DEATH = frozenset({"do", "doden", "dod"})
# Risk taken on purpose: "kör för fort med flit", "cyklar mot rött med flit".
PURPOSE = frozenset({"flit", "medvetet", "avsiktligt", "flitt"})
RISK = frozenset({"fort", "rott", "framfor", "motortrafikleden", "motorvagen", "vagbanan"})
# "varför jag ens går upp", "varför ska jag ens vakna".
WHY_VERBS = frozenset({"vakna", "vaknar", "leva", "lever", "finnas", "finns", "existera"})
WHY_VERBS |= frozenset({"existerar", "fortsatta", "fortsatter"})
RISE = frozenset({"ga", "gar", "stiga", "stiger", "kliva", "kliver"})
# Another language: English and second-language Swedish.
WANT = frozenset({"want", "wanna", "wish", "wanted", "vill", "ville", "onskar", "langtar"})
NOT_EN = frozenset({"dont", "don", "not", "never", "no", "doesnt", "doesn", "didnt"})
LIVE_EN = frozenset({"live", "exist", "living", "alive"})
KILL_EN = frozenset({"kill", "killing", "killed", "hurt", "end", "ending"})
SELF_EN = frozenset({"myself", "himself", "herself", "themselves", "my"})

# "det finns inte någon plan" is there being none, not a person not existing.
THERE = frozenset({"det", "dar"})
THERE_IS = frozenset({"nagon", "nagot", "nagra", "nan", "nat", "en", "ett", "inga", "ingen"})
THERE_IS |= frozenset({"inget", "mycket", "manga", "nagonstans", "tid", "plats", "pengar"})

SIGN_TRIGGERS = NOTES | frozenset({"farval", "bort", "ut", "hur", "borta", "saknad", "mer"})
SIGN_TRIGGERS |= MEDICINE | WAKE | VEHICLES | DEATH | PURPOSE | frozenset({"ens", "die"})
SIGN_TRIGGERS |= LIVE_EN | SELF_EN


def warning_sign(tokens: list[Token], at: int) -> Span:
    """The span of a warning sign of suicide at word ``at``, or None."""
    norm = tokens[at].norm
    if norm in NOTES or norm == "farval":
        return _farewell(tokens, at)
    if norm in ("bort", "ut"):
        return _given_away(tokens, at)
    if norm in MEDICINE:
        return _medicine(tokens, at)
    if norm == "hur":
        return _worked_out(tokens, at)
    if norm in WAKE:
        return _not_waking(tokens, at)
    if norm in VEHICLES:
        return _run_over(tokens, at)
    if norm in ("borta", "saknad", "mer"):
        return _gone(tokens, at)
    if norm in DEATH:
        return _unafraid(tokens, at)
    if norm in PURPOSE:
        risk = cue_before(tokens, at, RISK, 5)
        return (risk, at) if risk >= 0 else None  # "kör för fort med flit"
    if norm == "ens":
        return _why_even(tokens, at)
    return _english(tokens, at)


def sign_idiom(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether a lexicon reading from ``first`` to ``last`` is an everyday idiom.

    Waking too early ("inte vaknar för tidigt") and there being none ("att det inte finns
    någon plan", read by "att inte finnas" over the gap) are no wish to die.
    """
    norm, after = tokens[last].norm, next_norm(tokens, last)
    if norm in WAKE:
        return after in WAKE_IDIOM
    if norm not in ("finns", "fanns"):
        return False
    return after in THERE_IS or any(tokens[k].norm in THERE for k in range(first, last))


def _farewell(tokens: list[Token], at: int) -> Span:
    if tokens[at].norm == "farval":
        return (at - 1, at) if at > 0 and tokens[at - 1].norm in TAKE else None  # "tar farväl"
    wrote = cue_before(tokens, at, WRITE, 3)
    family = cue_after(tokens, at, FAMILY, 4)
    if wrote < 0 or family < 0:
        return None  # "brev till Försäkringskassan ifall …" is no farewell
    for k in range(family + 1, min(family + 16, len(tokens))):
        norm = tokens[k].norm
        if norm == "ifall" and not clause_end(tokens, k):
            continue  # "ifall han vill veta mer om sin farfar"
        if norm in FAREWELL or (norm in EXPLAIN and next_norm(tokens, k) in ("allt", "alltihop")):
            return wrote, at  # "skrivit brev till barnen. Ifall."
    return None


def _reason(tokens: list[Token], at: int) -> bool:
    """Tell whether the sentence of ``at`` gives an everyday reason ("när han flyttade")."""
    sentence, first, last = tokens[at].sentence, at, at
    while first > 0 and tokens[first - 1].sentence == sentence:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].sentence == sentence:
        last += 1
    return any(tokens[k].norm in REASONS for k in range(first, last + 1))


def _given_away(tokens: list[Token], at: int) -> Span:
    if at == 0 or tokens[at - 1].norm not in GIVE or _reason(tokens, at):
        return None
    kept = cue_after(tokens, at, KEPT, 4)
    if kept < 0 or cue_before(tokens, kept, MINE, kept - at) < 0:
        return None  # "gav bort sin gamla soffa", "delar ut reklam"
    return at - 1, kept  # "gett bort min hund", "delat ut alla mina grejer"


def _medicine(tokens: list[Token], at: int) -> Span:
    if _reason(tokens, at):
        return None  # "sparar medicinen i kylskåpet som läkaren sa"
    before = cue_before(tokens, at, SAVE, 3)
    if before >= 0:
        return before - (tokens[before].norm == "undan" and before > 0), at
    after = cue_after(tokens, at, SAVE, 4)
    if after >= 0 and next_norm(tokens, after) in IT:
        # The saving alone ("sparar den"): "slutat ta medicinen" before it is no past.
        first = after - (tokens[after].norm == "undan")
        return first, after + (next_norm(tokens, after) != "")
    return None


def _worked_out(tokens: list[Token], at: int) -> Span:
    verb = cue_before(tokens, at, DECIDED, 3)
    if verb < 0 or any(tokens[k].norm in NEGATIONS for k in range(verb, at)):
        return None  # "vet inte hur"
    particle = frozenset({"ut", "upp", "pa"})
    while verb > 0 and tokens[verb].norm in particle and tokens[verb - 1].norm in DECIDED:
        verb -= 1
    after = next_norm(tokens, at)
    if clause_end(tokens, at):
        return verb, at  # "tänkt ut hur, om du förstår"
    if after == "och" and next_norm(tokens, at + 1) == "nar" and clause_end(tokens, at + 2):
        return verb, at + 2  # "bestämt hur och när."
    if after in HIGH:
        place = cue_after(tokens, at, PLACES, 6)
        down = place > 0 and tokens[place - 1].norm in ("fran", "ner", "nerifran")
        return (at, place) if down else None  # "hur högt det är från taket", not the ceiling
    if after in MUCH:
        pills = cue_after(tokens, at, PILLS, 3)
        dosage = pills >= 0 and cue_after(tokens, pills, DOSAGE, 6) >= 0
        return (at, pills) if pills >= 0 and not dosage else None  # not "… per dag"
    for k in range(at + 1, min(at + 12, len(tokens))):
        if tokens[k].norm in METHOD and tokens[k - 1].norm in ("vilken", "vilket", "vilka"):
            return verb, k  # "funderat på hur han skulle göra det, vilken bro"
    return None


def _not_waking(tokens: list[Token], at: int) -> Span:
    care = cue_before(tokens, at, CARE, 8)
    if care < 0:
        return None
    if care > 0 and tokens[care].norm == "bryr" and tokens[care - 1].norm in NEGATIONS:
        care -= 1  # "inte bryr sig om …" is the wish itself, no denial
    after = next_norm(tokens, at)
    whether = cue_after(tokens, at, frozenset({"eller"}), 4)
    if whether >= 0 and next_norm(tokens, whether) == "inte" and clause_end(tokens, whether + 1):
        return care, whether + 1  # "bryr sig inte om han vaknar eller inte"
    negated = cue_before(tokens, at, NEGATIONS, 3) >= 0
    if negated and after not in WAKE_IDIOM and (clause_end(tokens, at) or after == "igen"):
        return care, at  # "hoppas jag att jag inte ska vakna"
    return None


def _run_over(tokens: list[Token], at: int) -> Span:
    run = cue_after(tokens, at, RUN, 2)
    if run < 0 or next_norm(tokens, run) not in OVER:
        return None
    me = cue_after(tokens, run, ME, 2)
    wished = cue_before(tokens, at, PLEASANT, 8) >= 0
    near = cue_before(tokens, me, frozenset({"nastan", "nara"}), me - at) >= 0 if me >= 0 else True
    return (at, me) if me >= 0 and wished and not near else None  # "om bussen körde på mig"


def _gone(tokens: list[Token], at: int) -> Span:
    norm = tokens[at].norm
    if norm == "mer":
        # "han inte ville mer" at a clause end; "vill inte mer än …" is a wish for more.
        if not clause_end(tokens, at) or next_norm(tokens, at) in ("an", "med", "av", "pa"):
            return None
        wish = cue_before(tokens, at, frozenset({"vill", "ville"}), 2)
        neg = cue_before(tokens, at, NEGATIONS, 2)
        return (min(wish, neg), at) if wish >= 0 and neg >= 0 else None
    if norm == "saknad":
        neg = cue_before(tokens, at, NEGATIONS, 3)
        would = cue_before(tokens, at, WOULD, 4)
        return (neg, at) if neg >= 0 and would >= 0 else None  # "inte skulle bli saknad"
    if next_norm(tokens, at) == "for" and at + 2 < len(tokens) and tokens[at + 2].norm in FOR_GOOD:
        wish = cue_before(tokens, at, GONE_CUES, 6)
        return (at, at + 2) if wish >= 0 else None  # "önskar att hon vore borta för gott"
    if not clause_end(tokens, at) or at < 2 or tokens[at - 1].norm not in BE:
        return None
    if tokens[at - 2].norm not in SUBJECTS or at < 3 or tokens[at - 3].norm not in ("om", "ifall"):
        return None  # "om han var borta"; "sover bättre när jag är borta" is a trip away
    cues = [k for k in words_before(tokens, at - 2, 6) if tokens[k].norm in GONE_CUES]
    return (cues[0], at) if cues else None  # "ingen skulle märka om han var borta"


def _unafraid(tokens: list[Token], at: int) -> Span:
    norm = tokens[at].norm
    if norm == "doden" and next_norm(tokens, at) in NEGATIONS:
        fear = cue_after(tokens, at, FEAR, 2)
        return (at, fear) if fear >= 0 else None  # "döden inte skrämmer henne"
    if norm == "dod" and at > 0 and tokens[at - 1].norm in WANT and next_norm(tokens, at) != "pa":
        return at - 1, at  # "jag vill död"
    if norm != "do" or next_norm(tokens, at) in ("pa", "av", "i", "for", "nar", "under", "ut"):
        return None
    fear = cue_before(tokens, at, FEAR, 3)
    neg = cue_before(tokens, fear, NEGATIONS, 3) if fear >= 0 else -1
    return (neg, at) if neg >= 0 else None  # "inte rädd för att dö"


def _why_even(tokens: list[Token], at: int) -> Span:
    why = cue_before(tokens, at, frozenset({"varfor", "vafor"}), 3)
    if why < 0:
        return None
    verb = cue_after(tokens, at, WHY_VERBS | RISE, 2)
    if verb < 0:
        return None
    if tokens[verb].norm in RISE:
        return (why, verb + 1) if next_norm(tokens, verb) == "upp" else None
    return why, verb  # "varför jag ens går upp", "varför ska jag ens vakna"


def _english(tokens: list[Token], at: int) -> Span:
    norm = tokens[at].norm
    if norm == "die":
        want = cue_before(tokens, at, WANT, 2)
        return (want, at) if want >= 0 else None  # "I want to die"
    if norm in LIVE_EN:
        want = cue_before(tokens, at, WANT, 2)
        neg = cue_before(tokens, want, NOT_EN, 2) if want >= 0 else -1
        return (neg, at) if neg >= 0 else None  # "I dont want live more"
    if norm in SELF_EN and at > 0 and tokens[at - 1].norm in KILL_EN:
        if norm != "my":
            return at - 1, at  # "killing myself"
        life = next_norm(tokens, at) == "life"
        return (at - 1, at + 1) if life else None  # "end my life"
    return None
