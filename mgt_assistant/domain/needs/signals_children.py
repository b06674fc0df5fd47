"""Children exposed at home: a child word, then violence, intoxication or being left alone.

- **exposure**: children in a sentence with violence or substance use are children at risk
  ("barnen har vistats i en miljö med missbruk och våld", "sonen har blivit utkastad");
- **a blow the child gives**: an active verb of violence counts only when someone else acts
  or the child witnesses ("barnen har sett när pappa slog mamma"); "sonen slår sig själv",
  "pojken har slagit näven i väggen" are the child's own acts (self-harm, anger);
- **left alone**: "barnen (3 och 5) var ensamma hemma", "hennes dotter har varit ensam
  hemma flera nätter", "barnen har varit hemma själva";
- **an adult child**: "sonen, 24 år, ..." is no child at risk.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.signals_household import ADULT_AGE
from mgt_assistant.domain.needs.text import Token

EXPOSURE_WORDS = frozenset({"vald", "missbruk", "brak", "hot", "misshandel"})
EXPOSURE_WORDS |= frozenset({"berusad", "berusade", "drogpaverkad"})
# Harm to the child itself ("sonen har blivit utkastad hemifrån").
EXPOSURE_WORDS |= frozenset({"utkastad", "utslangd", "slagen", "misshandlad", "hotad"})
EXPOSURE_WORDS |= frozenset({"stryk", "smisk"})  # "pojken får stryk med bälte"
# Violence as an active verb: the child's exposure only when someone else strikes.
ACTIVE = frozenset({"slog", "slagit", "slar", "misshandlade", "misshandlat", "hotade", "hotat"})
# The child saw or heard it ("barnen har sett när pappa slog mamma").
WITNESSED = frozenset({"sett", "sag", "ser", "hort", "horde", "hor", "bevittnat", "bevittnade"})
WITNESSED |= frozenset({"narvarande", "gommer", "gomde"})
# Someone else acting, or the child witnessing.
OTHER_ACTOR = frozenset({"han", "hon", "hen", "pappa", "pappan", "mamma", "mamman", "sambon"})
OTHER_ACTOR |= frozenset({"mannen", "styvpappan", "styvpappa", "pojkvannen", "nar", "hur"})
OTHER_ACTOR |= WITNESSED
CHILD_SUBJECTS = frozenset({"barnen", "barnet", "sonen", "dottern", "dotterns", "sonens"})
CHILD_SUBJECTS |= frozenset({"pojken", "flickan"})
# Left alone: a child word (also indefinite, "en son på 4 år") before one of these pairs.
ALONE_CHILDREN = CHILD_SUBJECTS | frozenset({"son", "dotter", "ungarna", "ungen", "barn"})
ALONE = frozenset({("ensam", "hemma"), ("ensamma", "hemma"), ("hemma", "sjalva")})
ALONE |= frozenset({("hemma", "ensamma"), ("hemma", "ensam"), ("utan", "tillsyn")})
EXPOSURE_REACH = 10
CUES = EXPOSURE_WORDS | ACTIVE | {first for first, _ in ALONE}


def _adult(tokens: list[Token], at: int) -> bool:
    """Tell whether an adult age follows the child word ("sonen, 24 år")."""
    after = tokens[at + 1].norm if at + 1 < len(tokens) else ""
    return after.isdecimal() and len(after) <= 3 and int(after) >= ADULT_AGE


def _exposure(tokens: list[Token], at: int, k: int) -> int:
    """Return the last token of an exposure at ``k`` after the child word at ``at``, or -1."""
    norm = tokens[k].norm
    if norm in EXPOSURE_WORDS and tokens[at].norm in CHILD_SUBJECTS:
        return k
    if norm in ACTIVE and tokens[at].norm in CHILD_SUBJECTS:
        return k if any(tokens[j].norm in OTHER_ACTOR for j in range(at + 1, k)) else -1
    if k + 1 < len(tokens) and (norm, tokens[k + 1].norm) in ALONE:
        return k + 1
    return -1


def exposed_child(tokens: list[Token]) -> tuple[int, int] | None:
    """Return the first and last token of the first child exposed, or None."""
    for at, token in enumerate(tokens):
        if token.norm not in ALONE_CHILDREN or _adult(tokens, at):
            continue
        for k in range(at + 1, min(at + EXPOSURE_REACH, len(tokens))):
            if tokens[k].sentence != token.sentence:
                break
            if tokens[k].norm in CUES:
                last = _exposure(tokens, at, k)
                if last >= 0:
                    return at, last
    return None


# Children in a home with violence are children at risk when they saw or heard it ("Barnen
# har sett det", "kallar mig hora inför barnen", "två barn som varit hemma när det hänt").
# Children merely named beside violence ("bor på skyddat boende med sina barn") are not
# read: the labelled sets mostly leave them, and the team sees the violence.
HOUSEHOLD_CHILDREN = CHILD_SUBJECTS | frozenset({"ungarna", "ungen", "barn", "bebisen"})
WITNESS_REACH = 8


def children_of_violence(tokens: list[Token]) -> tuple[int, int] | None:
    """Return the first and last token of children who saw or heard violence, or None."""
    for at, token in enumerate(tokens):
        if token.norm not in HOUSEHOLD_CHILDREN or _adult(tokens, at):
            continue
        if at > 0 and tokens[at - 1].norm == "infor":
            return at - 1, at  # "inför barnen"
        for k in range(at + 1, min(at + WITNESS_REACH, len(tokens))):
            if tokens[k].sentence != token.sentence:
                break
            norm = tokens[k].norm
            after = tokens[k + 1].norm if k + 1 < len(tokens) else ""
            if norm in WITNESSED or (norm == "hemma" and after == "nar"):
                return at, k + (norm == "hemma")
    return None
