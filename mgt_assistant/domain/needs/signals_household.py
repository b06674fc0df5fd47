"""Signals about the household that need more than one word: a child's age, a child at risk.

- **a child's age**: any age under 18 after "min/hennes/hans/en son|dotter|barn" ("Hennes
  son är 17", "min son e 17", "har två barn, 4 och 7 år") is a ``minor`` alert about someone
  else (status other_person), so
  the team sees that a child lives in the household without reading the person as a minor;
- **a bracketed age**: "Eleven (16)", "att Elias (16)", "Pojken (13 år)" is the age of the
  person just named (a person noun or a name); after a child word it is the child's;
- **a genitive owner**: "Kl:s dotter 15 år", "Annas son 12 år" is someone else's child;
- **years that are no age**: "har arbetat 12 år" (a supine before) is a duration, "(12) är"
  is no "år";
- **a minor at risk**: a person under 18 (a present ``minor`` alert) who is threatened,
  hit or thrown out at home ("ja e 16 o min pappa sa han skulle slå ihjäl mig", "e 17 o
  min mamma har slängt ut mig"), or whose parent drinks or takes drugs ("pappa dricker
  och blir arg, jag är bara 16") is also a child at risk;
- **an income is no service**: försörjningsstöd the person receives is the income
  ``ekonomiskt_bistand``; the catalogue's service of the same name is not read from the
  same words as well.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.extractor import NeedStatus
from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.text import Token

OWNERS = frozenset({"min", "mitt", "mina", "hennes", "hans", "hens", "sin", "sitt", "sina"})
OWNERS |= frozenset({"deras", "var", "vart", "vara"})
# "har en son på 16", "två barn, 13 och 15 år": a child the person has, not the person.
OWNERS |= frozenset({"en", "ett", "tva", "tre", "fyra", "har"})
AGE_WORDS = frozenset({"ar", "aring", "aringen", "arig", "arige"})
OWN_CHILDREN = frozenset({"barnen"})
# "Sonen är 15 år", "Dottern är 14": the definite son or daughter is the person's child.
OWN_CHILDREN |= frozenset({"sonen", "dottern", "sonerna", "dottrarna"})
CHILD_REACH = 4
ADULT_AGE, YOUNGEST_CHILD = 18, 0
# Being thrown out of the home ("min mamma har slängt ut mig").
THROWN = frozenset({"slangt", "slangde", "slanger", "kastat", "kastade", "kastar", "sparkat"})
HARMS_TO_A_MINOR = frozenset({"violence"})

# A found signal by its key (start, end, kind, id), as ``signals.signals_from`` keeps them.
Key = tuple[int, int, str, str]


def _owner(norm: str) -> bool:
    """Tell whether a word before a child word owns the child ("hennes", "Annas", "Kl:s")."""
    if norm in OWNERS or norm == "s":  # "Kl:s dotter 15 år"
        return True
    return len(norm) > 3 and norm.endswith("s") and norm not in NO_GENITIVE


# Words ending in -s that are no genitive owner.
NO_GENITIVE = frozenset({"tills", "dess", "sedans", "utanfors", "bakifrans"})


def is_age_under_18(token: Token, youngest: int) -> bool:
    """Tell whether a token is an age from ``youngest`` to 17 (digits only)."""
    # Two digits at most: an age, and no huge number for int() to refuse.
    return (
        len(token.norm) <= 2 and token.norm.isdecimal() and youngest <= int(token.norm) < ADULT_AGE
    )


def owned_child_age(tokens: list[Token], at: int, lexicon: Lexicon) -> int:
    """Return the last token of a child's age under 18 ("hennes son är 17"), or -1."""
    token = tokens[at]
    if not is_age_under_18(token, YOUNGEST_CHILD):
        return -1
    owned = False
    for k in range(at - 1, max(at - CHILD_REACH, 0) - 1, -1):
        if tokens[k].sentence != token.sentence:
            break
        if tokens[k].norm in OWN_CHILDREN:
            owned = True  # "Barnen är 3 och 6 år": the children are the person's
            break
        if tokens[k].norm in lexicon.children and k > 0 and _owner(tokens[k - 1].norm):
            owned = True
            break
    if not owned:
        return -1
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if after is not None and after.sentence == token.sentence and after.norm in AGE_WORDS:
        return at + 1
    return at


def bracketed_age(tokens: list[Token], text: str, at: int, lexicon: Lexicon) -> int:
    """Return the last token of an age in brackets after a word ("Eleven (16)"), or -1.

    A bracketed age names the age of the person just named ("Pojken (13 år)", "Elias (16)").
    """
    token = tokens[at]
    if at == 0 or not is_age_under_18(token, YOUNGEST_CHILD):
        return -1
    before = tokens[at - 1]
    if before.sentence != token.sentence or not _person(tokens, at - 1, lexicon):
        return -1
    if text[before.end : token.start].strip() != "(":
        return -1
    last = at
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if after is not None and after.norm in AGE_WORDS and text[token.end : after.start] == " ":
        last = at + 1
    return last if text[tokens[last].end : tokens[last].end + 1] == ")" else -1


# Words for a person that a bracketed age may follow ("Eleven (16)", "flickan (15)").
PERSON_NOUNS = frozenset({"pojken", "pojke", "flickan", "flicka", "eleven", "elev", "tjejen"})
PERSON_NOUNS |= frozenset({"killen", "ungdomen", "ungdom", "barnbarnet", "patienten", "klienten"})
PERSON_NOUNS |= frozenset({"personen", "sokande", "sokanden", "deltagaren", "brukaren"})
PERSON_NOUNS |= frozenset({"mannen", "kvinnan", "man", "kvinna", "kille", "tjej", "pat", "kl"})


def _person(tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Tell whether a word names a person: a person noun, a child word or a name."""
    token = tokens[at]
    if token.norm in PERSON_NOUNS or token.norm in lexicon.children:
        return True
    starts = at == 0 or tokens[at - 1].sentence != token.sentence
    return token.raw[:1].isupper() and token.norm.isalpha() and not starts  # "att Elias (16)"


# "Socialsekreterare barn och unga: Pojken, 16 år": a unit's name, no child of the person.
UNIT_AFTER_CHILDREN = frozenset({"unga", "ungdom", "ungdomar", "familj", "familjer"})


def unit_name(tokens: list[Token], k: int) -> bool:
    return (
        k + 2 < len(tokens)
        and tokens[k + 1].norm == "och"
        and tokens[k + 2].norm in UNIT_AFTER_CHILDREN
    )


def age_word(token: Token) -> bool:
    """Tell whether a word after a number says years of age ("år", "-åring"; not "är")."""
    return token.norm in AGE_WORDS and not token.soft and token.raw.casefold() != "är"


def duration_verb(norm: str) -> bool:
    """Tell whether a supine stands before a number of years ("arbetat 12 år", "bott 15 år")."""
    return len(norm) > 3 and norm.endswith(SUPINE_ENDINGS) and norm not in BECOME


SUPINE_ENDINGS = ("at", "it", "tt", "vt")
BECOME = frozenset({"blivit", "hunnit"})  # "har precis blivit 17"
IS_WORDS = frozenset({"ar", "e"})  # "ja e 17", spoken


def thrown_out(tokens: list[Token]) -> tuple[int, int] | None:
    """Return the first and last token of "slängt ut (mig)", or None."""
    for at, token in enumerate(tokens[:-1]):
        if token.norm in THROWN and tokens[at + 1].norm == "ut":
            last = at + 1
            if last + 1 < len(tokens) and tokens[last + 1].norm in ("mig", "honom", "henne"):
                last += 1
            return at, last
    return None


def minor_at_risk(
    tokens: list[Token],
    text: str,
    found: dict[Key, tuple[str, NeedStatus]],
    drinking: tuple[tuple[int, int], ...] = (),
) -> tuple[int, int] | None:
    """Return the span of a harm at home to the person, a present minor, or None.

    The caller reads it only for a present ``minor`` alert. ``found`` maps each signal's
    key to (evidence, status); ``drinking`` gives the first and last token of each
    substance use read as someone else's.
    """
    if any(k[3] == "child_at_risk" for k in found):
        return None
    for key, (_, status) in found.items():
        if key[3] in HARMS_TO_A_MINOR and status == NeedStatus.PRESENT:
            return key[0], key[1]
    span = thrown_out(tokens) or parent_drinks(tokens, drinking)
    if span is None:
        return None
    return tokens[span[0]].start, tokens[span[1]].end


# A parent ("Pappa dricker och blir arg, jag är bara 16"): a minor at home with them.
PARENTS = frozenset({"pappa", "pappan", "mamma", "mamman", "morsan", "farsan", "foraldrarna"})
PARENTS |= frozenset({"styvpappa", "styvpappan", "styvmamma", "styvmamman", "mammas", "pappas"})
PARENT_REACH = 3


def parent_drinks(
    tokens: list[Token], drinking: tuple[tuple[int, int], ...]
) -> tuple[int, int] | None:
    """Return the parent word and the last token of a parent's substance use, or None."""
    for first, last in drinking:
        for k in range(first - 1, max(first - PARENT_REACH, 0) - 1, -1):
            if tokens[k].sentence != tokens[first].sentence:
                break
            if tokens[k].norm in PARENTS:
                return k, last
    return None


def service_as_income(found: dict[Key, tuple[str, NeedStatus]]) -> set[Key]:
    """Return the keys of ekonomiskt bistånd read as a service over an income's words."""
    incomes = {(k[0], k[1]) for k in found if k[2] == "income" and k[3] == "ekonomiskt_bistand"}
    return {
        k
        for k in found
        if k[2] == "in_place" and k[3] == "ekonomiskt-bistand" and (k[0], k[1]) in incomes
    }
