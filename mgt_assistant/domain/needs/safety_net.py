"""A safety net for suicidal statements and self-harm in words nobody has listed yet.

The lexicon lists phrases (``rules/lexicon.yaml``); each new author writes some the lists
lack. Here the alerts are composed from word classes instead: a word of dying, not living,
ending or leaving (``dö``, ``inte leva``, ``sluta andas``, ``göra slut på``, ``gå bort från
livet``) with a wish, plan or ability cue before it; means (pills with a quantity, a hoard or
a lethal dose, a rope, a bridge or a roof to jump from, a weapon asked for); a last goodbye;
and a self-harm verb (cut, burn, hit, claw, pinch, bite, carve) turned on oneself (``mig``,
``sig``, one's own arm, one's head against the wall). A miss is far worse than a question,
so what the net reads is never stated as fact: a reading the context calls present becomes
**uncertain** (the team asks and confirms; only present alerts stop the plan), while a
negated, past or someone else's reading keeps the status the cues give it.

The net reads only sentences where the lexicon read no alert of the same kind and stays out
of idioms, accidents, another's violence and jokes (docs/needs-evaluation.md, round 7).
Lexicon readings in the same idioms are dropped, and one in a joke is made uncertain.
"""

from __future__ import annotations

from collections.abc import Iterator

from mgt_assistant.domain.needs.context import find_cues, index_cues, status_of
from mgt_assistant.domain.needs.extractor import NeedStatus, Scan
from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.needs.matching import Match
from mgt_assistant.domain.needs.patterns import Entry
from mgt_assistant.domain.needs.safety_net_reach import cue_after as _after
from mgt_assistant.domain.needs.safety_net_reach import cue_before as _cue
from mgt_assistant.domain.needs.safety_net_reach import next_norm as _next
from mgt_assistant.domain.needs.safety_net_reach import words_before as _words
from mgt_assistant.domain.needs.safety_net_signs import SIGN_TRIGGERS, sign_idiom, warning_sign
from mgt_assistant.domain.needs.safety_net_words import (
    ACCIDENT,
    ARMS,
    ASK,
    AT_ONCE,
    AWAY,
    BODY,
    BREATHE,
    CONTINUE,
    DIE,
    DIE_IDIOM,
    DONE,
    END_OBJECTS,
    ENDING,
    EXIST,
    FILLERS,
    FIRST_PERSON,
    GET,
    HARM,
    HARM_IDIOM,
    HEIGHTS,
    HOARD,
    JOKE,
    KILL,
    LAST,
    LEAVE,
    LETTERS,
    LIFE,
    LIVE,
    LIVE_IDIOM,
    NEGATIONS,
    NOTHING,
    OWN,
    PARTICLES,
    PARTNERS,
    PERSONS,
    PILL_ENDINGS,
    PILLS,
    PLAN,
    REFLEXIVE,
    ROPE,
    SELF_HARM_WORDS,
    SLANG,
    SLEEP,
    STOP,
    TO_HEIGHT,
    TRIGGERS,
    VEHICLES,
    WALLS,
    WEAPONS,
    WISH,
    WOUNDS,
    WROTE,
    clause_end,
    compound_trigger,
)
from mgt_assistant.domain.needs.status_time import conditional_sentences
from mgt_assistant.domain.needs.text import Token, tokenize

SUICIDE, SELF_HARM, VIOLENCE = "suicide_risk", "self_harm", "violence"
MENTAL = "health.mental"
SCORE_NET = 0.5
JOINS = frozenset({"och", "o", "men", "eller"})
ENTRIES = {
    alert: Entry(alert, (), f"skyddsnät: {alert}", 0, None, False, True, "alert", MENTAL)
    for alert in (SUICIDE, SELF_HARM)
}


def _suicidal(tokens: list[Token], at: int) -> tuple[int, int] | None:
    """The span of a suicidal statement composed around word ``at``, or None."""
    norm, after = tokens[at].norm, _next(tokens, at)
    if norm in SLANG:
        return at, at
    if norm in DIE and after == "hellre":
        return at, at + 1  # "dör hellre än …"
    if norm in DIE and after not in DIE_IDIOM:
        wish = _cue(tokens, at, WISH)
        return (wish, at) if wish >= 0 else None  # "vill bara dö", "fick dö i sömnen"
    if norm in KILL and after in REFLEXIVE:
        before = _cue(tokens, at, PERSONS | WISH, 2)
        return (at, at + 1) if before >= 0 and "kommer" not in _near(tokens, at) else None
    if norm in CONTINUE and not clause_end(tokens, at):
        return None  # "vill inte fortsätta utbildningen" is about something else
    if norm in LIVE and after not in LIVE_IDIOM:
        cue = _cue(tokens, at, NEGATIONS | NOTHING | STOP, 4)
        joined = any(tokens[k].norm in JOINS for k in range(cue + 1, at))
        if cue < 0 or joined or (tokens[cue].norm in NOTHING and tokens[at - 1].norm != "att"):
            return None  # "ingenting att leva för", not "har ingen inkomst och lever"
        return cue, at  # "vill int existera", "inte vill leva mer"
    if norm in EXIST and after not in LIVE_IDIOM:
        person = _cue(tokens, at, PERSONS, 3)
        negated = _cue(tokens, at, NEGATIONS, 2) >= 0 or after in NEGATIONS
        return (person, at) if person >= 0 and negated else None  # "jag inte finns"
    if norm in BREATHE and _cue(tokens, at, STOP, 2) >= 0:
        return _cue(tokens, at, STOP, 2), at  # "slutade andas"
    if norm in LIFE:
        cue = _cue(tokens, at, DONE | LEAVE, 3)
        if cue > 1 and tokens[cue - 1].norm == "bort":
            cue -= 2  # "gå bort från livet"
        return (cue, at) if cue >= 0 else None  # "färdig med livet", "lämna livet"
    if norm == "slut" and at > 0 and tokens[at - 1].norm in ENDING and after == "pa":
        end = _after(tokens, at, END_OBJECTS, 4)
        return (at - 1, end) if end >= 0 else None  # "göra slut på det hela"
    if norm in SLEEP and after in AWAY and _cue(tokens, at, WISH, 3) >= 0:
        return _cue(tokens, at, WISH, 3), at + 1  # "vill få somna ifrån allt", "somna in"
    if norm in SLEEP and after == "och":
        end = _after(tokens, at + 1, NEGATIONS, 1)
        return (at, min(end + 2, len(tokens) - 1)) if end >= 0 else None  # "sova och aldrig …"
    return _means(tokens, at)


def _suicidal_or_sign(tokens: list[Token], at: int) -> tuple[int, int] | None:
    """A suicidal statement composed around word ``at``, or a warning sign there."""
    return _suicidal(tokens, at) or warning_sign(tokens, at)


def _near(tokens: list[Token], at: int) -> set[str]:
    return {tokens[k].norm for k in _words(tokens, at, 3)}


def _means(tokens: list[Token], at: int) -> tuple[int, int] | None:
    """The span of a means or a last goodbye at word ``at``, or None."""
    norm = tokens[at].norm
    if norm in PILLS or (len(norm) > 8 and norm.endswith(PILL_ENDINGS)):
        cue = _cue(tokens, at, HOARD, 3)
        if cue < 0:
            cue = _after(tokens, at, HOARD, 4)
            return (at, cue) if cue >= 0 else _pills(tokens, at)
        # "sparat sina sömntabletter", "lagt undan tabletter", "insulin som är dödligt"
        return cue - (tokens[cue].norm == "undan" and cue > 0), at
    if norm in ROPE and _cue(tokens, at, GET, 2) >= 0:
        return _cue(tokens, at, GET, 2), at  # "köpa rep"
    if norm in HEIGHTS:
        verb = _cue(tokens, at, TO_HEIGHT, 4)
        return (verb, at) if verb >= 0 else None  # "hoppa från hög hus"
    if norm in VEHICLES and at > 0 and tokens[at - 1].norm == "framfor":
        verb = _cue(tokens, at, TO_HEIGHT | frozenset({"kora", "kor", "korde"}), 3)
        return (verb, at) if verb >= 0 else None  # "köra framför lastbil"
    if norm in WEAPONS and _cue(tokens, at, ASK, 6) >= 0:
        return at, at  # "frågade var hans gamla jaktgevär fanns"
    if norm in LETTERS and at > 0 and tokens[at - 1].norm in LAST:
        return (at - 1, at) if _cue(tokens, at, WROTE, 4) >= 0 else None  # "sista meddelande"
    if norm == "forlat" and _after(tokens, at, frozenset({"hejda", "farval"}), 4) >= 0:
        return at, _after(tokens, at, frozenset({"hejda", "farval"}), 4)
    return None


def _pills(tokens: list[Token], at: int) -> tuple[int, int] | None:
    """Pills in a quantity: a number of 20 or more, or "många" with a plan or "samma gång"."""
    for k in reversed(_words(tokens, at, 3)):
        word = tokens[k].norm
        if word.isdecimal() and int(word) >= 20:
            start = _cue(tokens, k, HOARD, 3)
            return (start if start >= 0 else k), at  # "sparat typ 30 alvedon"
        if word in ("manga", "massa", "massor"):
            planned = _cue(tokens, k, PLAN, 3) >= 0
            at_once = _after(tokens, at, AT_ONCE, 2)
            if at_once >= 0:
                return k, at_once + (_next(tokens, at_once) == "gang")
            return (k, at) if planned else None  # "ta många tablett samma gång"
    return None


def _harm(tokens: list[Token], at: int) -> tuple[int, int] | None:
    """The span of self-harm at word ``at``: a harming verb on oneself, or its noun."""
    norm = tokens[at].norm
    if norm.startswith(SELF_HARM_WORDS):
        return at, at  # "självtillfogade", "brännmärken"
    if norm not in HARM and norm not in WOUNDS:
        return None
    first = at
    if norm in WOUNDS:
        arms = _after(tokens, at, ARMS, 3)
        on = arms >= 0 and tokens[arms - 1].norm == "pa"
        return (at, arms) if on else None  # "märken på handlederna"
    after = _next(tokens, at)
    if after in FIRST_PERSON and _next(tokens, at + 1) in OWN:
        at += 1  # "slår jag mitt huvud mot väggen"
        after = _next(tokens, at)
    last = at + 1
    if after == "mig" and _next(tokens, last) != "sjalv" and not _first_person(tokens, at):
        return None  # "min kille slår mig" is violence, not self-harm
    if after in REFLEXIVE:
        following = _next(tokens, last)
        if following == "sjalv":
            last += 1
            following = _next(tokens, last)
        idiom = following in HARM_IDIOM and following != "pa"
        if idiom or (at > 0 and tokens[at - 1].norm == "det"):
            return None  # "slog sig ner", "det skar sig"
        if following == "pa" and _next(tokens, last + 1) not in BODY:
            return None  # "brände mig på plattången"; "river sig på armarna" is harm
        if following in ("i", "pa") and _next(tokens, last + 1) in BODY:
            last += 2
        wounds = _after(tokens, at, frozenset({"skador", "sar"}), 3)
        last = max(last, wounds)  # "tillfogat sig skador"
        return at, last
    body = at + 2 if after in OWN and _next(tokens, at + 1) in BODY else -1
    if body < 0 and after in BODY:
        body = at + 1
    if body >= 0:
        wall = _after(tokens, body, WALLS, 2)
        if wall >= 0:
            return first, wall  # "bankar huvudet i väggen", "slå mitt huvud i vägg"
        if body == at + 2 or _next(tokens, body) in ("tills", "sa"):
            return first, body  # "skära min arm", "river armen tills det blöder"
    if after in PARTICLES:
        body = _after(tokens, at + 1, BODY, 4)
        return (at, body) if body >= 0 else None  # "pilla upp såren", "ristat in ord i låret"
    return None


def _first_person(tokens: list[Token], at: int) -> bool:
    """Tell whether "mig" after the verb at ``at`` is reflexive: "jag" is the subject."""
    before = list(_words(tokens, at, 4))
    return any(tokens[k].norm in FIRST_PERSON for k in before) or all(
        tokens[k].norm in FILLERS for k in _words(tokens, at, 12)
    )


def _sentence_words(tokens: list[Token], sentence: int, at: int) -> Iterator[int]:
    k = at
    while k > 0 and tokens[k - 1].sentence == sentence:
        k -= 1
    while k < len(tokens) and tokens[k].sentence == sentence:
        yield k
        k += 1


def _sentence_norms(
    tokens: list[Token], sentence: int, at: int, known: dict[int, frozenset[str]]
) -> frozenset[str]:
    """Return the words of the sentence around ``at``, gathered once per sentence and scan."""
    words = known.get(sentence)
    if words is None:
        words = frozenset(tokens[k].norm for k in _sentence_words(tokens, sentence, at))
        known[sentence] = words
    return words


def _candidates(found: Scan) -> list[tuple[int, int, str]]:
    """Spans the net reads, in sentences without a lexicon alert of the same kind."""
    tokens = found.tokens
    # A denial the lexicon read ("han säger att han inte vill dö, men …") leaves the rest
    # of its sentence to the net.
    alerted = {
        (tokens[m.first].sentence, m.entry.need_id)
        for m, status in zip(found.matches, found.statuses, strict=True)
        if m.entry.kind == "alert"
        and m.entry.need_id in (SUICIDE, SELF_HARM, VIOLENCE)
        and (status != NeedStatus.NEGATED or m.entry.need_id == VIOLENCE)
    }
    # A blow in a sentence read as violence is another's ("han slog mig"), no self-harm.
    alerted |= {(sentence, SELF_HARM) for sentence, sid in list(alerted) if sid == VIOLENCE}
    spans: list[tuple[int, int, str]] = []
    skipped: set[int] = set()
    taken: set[tuple[int, str]] = set()
    known: dict[int, frozenset[str]] = {}
    lexicon_words = {
        k
        for m in found.matches
        if m.entry.kind == "alert" and m.entry.need_id in (SUICIDE, SELF_HARM)
        for k in range(m.first, m.last + 1)
    }
    for at, token in enumerate(tokens):
        sentence, norm = token.sentence, token.norm
        if norm not in TRIGGERS and norm not in SIGN_TRIGGERS and not compound_trigger(norm):
            continue  # one set look-up for most words
        if sentence in skipped:
            continue
        for alert, read in ((SUICIDE, _suicidal_or_sign), (SELF_HARM, _harm)):
            if (sentence, alert) in alerted or (sentence, alert) in taken:
                continue
            span = read(tokens, at)
            if span is None:
                continue
            words = _sentence_norms(tokens, sentence, at, known)
            if words & JOKE or (alert == SELF_HARM and words & ACCIDENT):
                if words & JOKE:
                    skipped.add(sentence)
                continue
            if any(k in lexicon_words for k in range(min(span), max(span) + 1)):
                continue  # the lexicon's own (negated) reading of these words
            spans.append((min(span), max(span), alert))
            taken.add((sentence, alert))
    return spans


def _idiom(tokens: list[Token], match: Match) -> bool:
    """Tell whether a lexicon alert of the acute kinds stands in an idiom the net avoids.

    "vill inte leva på bidrag" or "med honom", "det skar sig mellan dem", "slog sig ner",
    "brände mig på ugnsplåten" (a reflexive then "på" and no body part).
    """
    last = match.last
    after = _next(tokens, last)
    if sign_idiom(tokens, match.first, last):
        return True  # "inte vaknar för tidigt", "att det inte finns någon plan"
    if tokens[last].norm in LIVE and (
        after in ("pa", "ihop", "tillsammans")
        or (after == "med" and _next(tokens, last + 1) in PARTNERS)
    ):
        return True
    if match.entry.need_id != SELF_HARM or tokens[match.first].norm not in HARM:
        return False
    if tokens[last].norm not in REFLEXIVE:
        return False
    before = tokens[match.first - 1].norm if match.first > 0 else ""
    on_thing = after == "pa" and _next(tokens, last + 1) not in BODY
    return before == "det" or on_thing or after in HARM_IDIOM - {"pa"}


def _joke(tokens: list[Token], match: Match, known: dict[int, frozenset[str]]) -> bool:
    sentence = tokens[match.first].sentence
    return not _sentence_norms(tokens, sentence, match.first, known).isdisjoint(JOKE)


def _without_idioms(found: Scan) -> Scan:
    """Drop lexicon readings of the two alerts in idioms; a joke makes one uncertain.

    "hon sa att hon vill dö, lite skämtsamt" is still a question for the team.
    """
    matches: list[Match] = []
    statuses: list[NeedStatus] = []
    changed = False
    known: dict[int, frozenset[str]] = {}
    for match, status in zip(found.matches, found.statuses, strict=True):
        acute = match.entry.kind == "alert" and match.entry.need_id in (SUICIDE, SELF_HARM)
        if acute and _idiom(found.tokens, match):
            changed = True
            continue
        if acute and status == NeedStatus.PRESENT and _joke(found.tokens, match, known):
            changed, status = True, NeedStatus.UNCERTAIN
        matches.append(match)
        statuses.append(status)
    return Scan(found.text, found.tokens, matches, statuses) if changed else found


def with_safety_net(found: Scan, lexicon: Lexicon) -> Scan:
    """Return the scan with the net's alerts added, each uncertain unless the cues say more.

    Lexicon readings of the two alerts that stand in an idiom the net avoids are dropped.
    """
    found = _without_idioms(found)
    spans = _candidates(found)
    if not spans:
        return found
    tokens = found.tokens
    _, questions = tokenize(found.text)
    covered = [False] * len(tokens)
    for match in found.matches:
        if match.entry.kind:
            for k in range(match.first, match.last + 1):
                covered[k] = True
    for first, last, _ in spans:
        for k in range(first, last + 1):
            covered[k] = True
    sentences = frozenset(tokens[first].sentence for first, _, _ in spans)
    cues = index_cues(find_cues(tokens, covered, lexicon, sentences))
    supposed = questions | conditional_sentences(tokens)
    matches, statuses = list(found.matches), list(found.statuses)
    for first, last, alert in spans:
        match = Match(first, last, ENTRIES[alert], SCORE_NET)
        status = NeedStatus(status_of(match, tokens, cues, (covered, supposed), lexicon))
        matches.append(match)
        statuses.append(NeedStatus.UNCERTAIN if status == NeedStatus.PRESENT else status)
    return Scan(found.text, tokens, matches, statuses)
