"""Word classes of the safety net (``safety_net``), all folded as ``Token.norm``.

Each class is a kind of word, not a sentence: the net composes them (a word of dying with
a wish before it, a harming verb with a reflexive after it). Idiom classes say what after
such a word makes it something else.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.text import Token

PERSONS = frozenset({"jag", "ja", "han", "hon", "hen", "klienten", "patienten", "pat"})
REFLEXIVE = frozenset({"mig", "sig"})  # "mej", "sej" are expanded to these
OWN = frozenset({"min", "mitt", "mina", "sin", "sitt", "sina"})
NEGATIONS = frozenset({"inte", "ej", "aldrig", "int"})
# Wish, thought, plan and ability words before a word of dying or not living.
WISH = frozenset({"vill", "ville", "vilja", "onskar", "onskade", "langtar", "langtade"})
WISH |= frozenset({"tanker", "tankt", "tankte", "funderar", "funderat", "funderade"})
WISH |= frozenset({"planerar", "planerat", "hellre", "lattare", "battre", "borde", "fick"})
WISH |= frozenset({"fa", "kunde", "vore", "orkar", "orka", "ska", "skulle", "bara"})
# Dying, killing, living, existing, breathing.
DIE = frozenset({"do", "dor"})
KILL = frozenset({"doda", "dodar", "dodade"})
LIVE = frozenset({"leva", "lever", "existera", "existerar", "existerat", "overleva"})
LIVE |= frozenset({"overlever", "fortsatta"})
CONTINUE = frozenset({"fortsatta"})
NOTHING = frozenset({"inget", "ingen", "inga", "ingenting"})
EXIST = frozenset({"finnas", "finns", "fanns"})
BREATHE = frozenset({"andas", "leva", "existera", "finnas"})
STOP = frozenset({"sluta", "slutar", "slutade", "slutat"})
# After a word of dying or living these make an idiom or another matter.
DIE_IDIOM = frozenset({"av", "for", "efter", "nastan", "pa", "ut"})
LIVE_IDIOM = frozenset({"pa", "med", "i", "som", "tillsammans", "ihop", "upp", "kvar"})
# "färdig med livet", "lämna livet", "gå bort från livet".
DONE = frozenset({"fardig", "klar", "mätt", "matt", "less"})
LEAVE = frozenset({"lamna", "lamnar", "lamnade", "fran", "ur", "avsluta", "avslutar"})
LIFE = frozenset({"livet"})
ENDING = frozenset({"gora", "gor", "gjort", "gjorde"})
END_OBJECTS = frozenset({"allt", "alltihop", "hela", "livet", "mig", "sig", "alltihopa"})
SLEEP = frozenset({"sova", "somna", "sover", "somnar"})
AWAY = frozenset({"in", "ifran", "bort"})
# Means: pills with a quantity, a hoard or a lethal dose; a rope; a place to jump from.
PILLS = frozenset({"tabletter", "tablett", "tabletterna", "piller", "pillren", "alvedon"})
PILLS |= frozenset({"panodil", "paracetamol", "insulin", "insulinet", "somntabletter"})
PILLS |= frozenset({"somntabletterna", "mediciner", "medicinerna", "sobril", "imovane"})
HOARD = frozenset({"sparat", "sparar", "sparade", "samlat", "samlar", "samlade", "gomt", "undan"})
HOARD |= frozenset({"gommer", "gomde", "hamstrat", "hamstrar", "dodligt", "dodlig", "dodliga"})
HOARD |= frozenset({"dos", "dosen", "intox", "intoxikation", "overdos"})
PILL_ENDINGS = ("tabletter", "plaster", "piller")
AT_ONCE = frozenset({"samma", "samtidigt"})  # "samma gång", "på en gång" is in the lexicon
PLAN = frozenset({"tanker", "tankt", "planerar", "planerat", "ska", "vill", "funderar"})
ROPE = frozenset({"rep", "repet", "snara", "snaran"})
GET = frozenset({"kopa", "kopt", "kopte", "koper", "skaffa", "skaffat", "skaffade"})
HEIGHTS = frozenset({"bro", "bron", "balkong", "balkongen", "tak", "taket", "hus", "huset"})
HEIGHTS |= frozenset({"hoghus", "hojd", "hojden", "stupet", "jarnvagsbro", "jarnvagsbron"})
HEIGHTS |= frozenset({"fonster", "fonstret", "sparet", "tagsparet", "ralsen", "jarnvagen"})
TO_HEIGHT = frozenset({"hoppa", "hoppar", "hoppade", "hopp", "stallt", "stallde", "stalla"})
TO_HEIGHT |= frozenset({"gick", "ga", "gar", "aka", "akte", "kasta", "kastade"})
TO_HEIGHT |= frozenset({"lagga", "lagger", "lade", "la", "lagt", "ligga", "legat"})
VEHICLES = frozenset({"lastbil", "lastbilen", "tag", "taget", "bil", "bilen", "bussen"})
WEAPONS = frozenset({"vapen", "vapnet", "gevar", "gevaret", "jaktgevar", "jaktgevaret"})
WEAPONS |= frozenset({"pistol", "pistolen", "revolver", "revolvern"})
ASK = frozenset({"fragade", "fragat", "fragar", "letat", "letar", "letade", "soker", "sokt"})
ASK |= GET
LAST = frozenset({"sista"})
LETTERS = frozenset({"meddelande", "meddelandet", "brev", "brevet", "sms", "halsning"})
WROTE = frozenset({"skrivit", "skrev", "skriver", "skickat", "skickade", "skickar"})
SLANG = frozenset({"kms", "unalive", "unalivea", "sewerslide"})
# Self-harm: a verb turned on oneself or on one's own body.
HARM = frozenset({"skar", "skara", "skurit", "branner", "brande", "brant", "branna"})
HARM |= frozenset({"slar", "slog", "slagit", "sla", "bankar", "bankade", "banka", "dunkar"})
HARM |= frozenset({"dunkade", "river", "rev", "rivit", "riva", "kloser", "kloste", "klost"})
HARM |= frozenset({"nyper", "nop", "nypt", "nypa", "biter", "bet", "bitit", "bita"})
HARM |= frozenset({"rispar", "rispa", "rispade", "ristat", "ristar", "rista", "ristade"})
HARM |= frozenset({"skada", "skadar", "skadat", "skadade", "tillfogat", "tillfogar"})
HARM |= frozenset({"tillfogade", "pillar", "pilla", "pillat", "sticker", "stack", "stuckit"})
HARM |= frozenset({"sticka"})
# Marks on the arms or wrists: a question, whatever the person says made them.
WOUNDS = frozenset({"marken", "arr", "arren", "rispor", "skarsar", "sar", "jack"})
ARMS = frozenset({"armarna", "armen", "underarmarna", "underarmen", "handlederna"})
ARMS |= frozenset({"handleden", "laren", "laret"})
BODY = frozenset({"arm", "armen", "armar", "armarna", "underarm", "underarmen", "hand"})
BODY |= frozenset({"handen", "hander", "handerna", "handled", "handleden", "handlederna"})
BODY |= frozenset({"lar", "laret", "laren", "huvud", "huvudet", "huvet", "knytnaven"})
BODY |= frozenset({"knogarna", "sar", "saren", "hud", "huden", "mage", "magen", "underarmar"})
BODY |= frozenset({"underarmarna", "underarmen", "armbagen", "vaden", "vaderna", "benen"})
WALLS = frozenset({"vaggen", "vagg", "bordet", "koksbordet", "golvet", "dorren", "spegeln"})
SELF_HARM_WORDS = ("sjalvtillfog", "brannmarken")
# A self-harm verb followed by these is no harm to oneself ("slog sig ner", "slår sig för
# bröstet", "brände sig på plattången", "det skar sig mellan dem").
HARM_IDIOM = frozenset({"ner", "ned", "for", "pa", "mellan", "fri", "fram", "loss", "samman"})
ACCIDENT = frozenset({"rakade", "rakat", "rakar", "misstag", "olycka", "olyckan", "ramlade"})
ACCIDENT |= frozenset({"ramlat", "foll", "fallit", "halkade", "snubblade", "koket", "spisen"})
ACCIDENT |= frozenset({"spisplattan", "plattan", "plattangen", "maskin", "maskinen", "sagen"})
ACCIDENT |= frozenset({"innebandyn", "fotbollen", "traningen", "matchen", "solen", "bastun"})
ACCIDENT |= frozenset({"ugnen", "laga", "lagade", "lagar", "kokade", "kokar", "strykjarnet"})
JOKE = frozenset({"haha", "hahaha", "hehe", "lol", "skamt", "skamtar", "skamtade", "skamtsamt"})
JOKE |= frozenset({"skamtsam", "skamtsamma"})
PARTICLES = frozenset({"upp", "in", "sonder"})
FIRST_PERSON = frozenset({"jag", "ja"})
# Words that may stand before the verb when the subject "jag" is left out ("brukar nypa mig").
FILLERS = frozenset({"har", "hade", "brukar", "borjat", "borjade", "ibland", "typ", "asså"})
FILLERS |= frozenset({"assa", "och", "o", "sen", "nar", "forut", "ofta", "igen", "sa"})


# Every word the net starts reading from (its spans are found from these words).
TRIGGERS = SLANG | DIE | KILL | LIVE | EXIST | BREATHE | LIFE | SLEEP | PILLS | ROPE | HEIGHTS
TRIGGERS |= VEHICLES | WEAPONS | LETTERS | HARM | WOUNDS | frozenset({"slut", "forlat"})
PARTNERS = frozenset({"honom", "henne", "dem", "hen", "sin", "min", "mamma", "pappa"})


def compound_trigger(norm: str) -> bool:
    """Self-harm nouns and pill compounds ("självtillfogade", "morfinplåster")."""
    if norm[:1] in "sb" and norm.startswith(SELF_HARM_WORDS):
        return True
    return len(norm) > 8 and norm.endswith(PILL_ENDINGS)


def clause_end(tokens: list[Token], at: int) -> bool:
    """Tell whether ``at`` ends its clause or is followed by "längre", "mer" or "så"."""
    nxt = at + 1
    if nxt >= len(tokens) or tokens[nxt].sentence != tokens[at].sentence or tokens[nxt].soft:
        return True
    return tokens[nxt].norm in ("langre", "mer", "sa")
