"""Signals read beside the needs: alerts, services in place, diagnoses and income sources.

Signal terms live in ``rules/lexicon.yaml`` under ``signals`` and are matched in the
same pass as the needs, with the same status cues. Two things are read here on top:
a service or income that is only planned or applied for ("ska börja på", "ansökt om")
is uncertain, and an age under 18 ("17 år", "17-åring", "ja e 16", "fyller 18 i mars") is
a ``minor`` alert unless it is the age at some past event ("som 12-åring"); a child's age
("hennes son är 17") is someone else's (``signals_household``). Alerts their sentence
explains away are in ``signals_context``, children exposed at home in ``signals_children``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mgt_assistant.domain.needs.context import no_longer
from mgt_assistant.domain.needs.extractor import (
    NeedMention,
    NeedStatus,
    Scan,
    evidence_end,
    evidence_start,
    holds_negation,
    needs_from,
    scan,
)
from mgt_assistant.domain.needs.lexicon import IGNORED, Lexicon
from mgt_assistant.domain.needs.readings import planned
from mgt_assistant.domain.needs.safety_net import with_safety_net
from mgt_assistant.domain.needs.second_opinion import load_model, with_second_opinion
from mgt_assistant.domain.needs.signals_children import children_of_violence, exposed_child
from mgt_assistant.domain.needs.signals_context import (
    doubtful,
    explained_away,
    own_habit_blow,
)
from mgt_assistant.domain.needs.signals_household import (
    ADULT_AGE,
    IS_WORDS,
    age_word,
    bracketed_age,
    duration_verb,
    is_age_under_18,
    minor_at_risk,
    owned_child_age,
    service_as_income,
    unit_name,
)
from mgt_assistant.domain.needs.spans import extend_right, suspicion_start
from mgt_assistant.domain.needs.text import Token
from mgt_assistant.domain.swedish_time import today as swedish_today

SignalKind = Literal["alert", "in_place", "diagnosis", "income"]
KINDS: tuple[SignalKind, ...] = ("alert", "in_place", "diagnosis", "income")
YOUNGEST_PERSON = 12  # younger ages in meeting notes are the person's children
# An age after these words is the age at an event, not now ("som 12-åring", "sedan 16 år").
EVENT_WORDS = frozenset({"som", "vid", "sedan", "sen", "fran", "innan", "fore", "efter"})
# A number of years after these is a duration, not an age ("har arbetat i 15 år").
DURATION_WORDS = frozenset({"i", "pa", "under", "over", "nastan", "drygt", "ca", "cirka"})
# Words between "är" and an age ("jag är bara 16", "hon är ju 17").
AGE_ADVERBS = frozenset({"bara", "ju", "nu", "snart", "endast", "redan", "fortfarande"})
HOUSEHOLD_ALERTS = frozenset({"child_at_risk", "violence"})
CHILD_REACH = 6


@dataclass(frozen=True)
class Signal:
    """Something the team must see beside the needs, with the exact words it was read from."""

    kind: SignalKind
    id: str
    status: NeedStatus
    evidence: str
    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        """Return the signal in the CLI contract's key order."""
        return {
            "kind": self.kind,
            "id": self.id,
            "status": self.status.value,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Reading:
    """Everything read from one text: needs and signals, each ordered by position."""

    needs: tuple[NeedMention, ...]
    signals: tuple[Signal, ...]


def _status(
    kind: str,
    sid: str,
    status: NeedStatus,
    tokens: list[Token],
    first: int,
    lexicon: Lexicon,
    own: str | None = None,
) -> NeedStatus:
    """Adjust a signal's cue status: planned services, and alerts about the household."""
    if kind == "in_place" and status == NeedStatus.NEGATED and no_longer(tokens, first):
        return NeedStatus.HISTORICAL  # "går inte till psykiatrin längre"
    if kind in ("in_place", "income") and status == NeedStatus.PRESENT:
        return NeedStatus.UNCERTAIN if planned(tokens, first, lexicon) else status
    if sid in HOUSEHOLD_ALERTS and status == NeedStatus.OTHER_PERSON:
        # A child at risk is always someone else; violence always involves someone else.
        # A term that is itself a question ("skrik från lägenheten") stays one.
        return NeedStatus.UNCERTAIN if own == "uncertain" else NeedStatus.PRESENT
    return status


def _child_near(tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Tell whether a word for a child stands just before (the age is the child's)."""
    sentence = tokens[at].sentence
    return any(
        tokens[k].norm in lexicon.children and not unit_name(tokens, k)
        for k in range(max(at - CHILD_REACH, 0), at)
        if tokens[k].sentence == sentence
    )


def _minor(tokens: list[Token], at: int, lexicon: Lexicon) -> int:
    """Return the last token of an age under 18 starting at ``at``, or -1."""
    token = tokens[at]
    before = tokens[at - 1].norm if at > 0 else ""
    turning_adult = token.norm == str(ADULT_AGE) and before == "fyller"  # "fyller 18 i mars"
    if not turning_adult and not is_age_under_18(token, YOUNGEST_PERSON):
        return -1
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if before in EVENT_WORDS or before in DURATION_WORDS or _child_near(tokens, at, lexicon):
        return -1
    if duration_verb(before):
        return -1  # "har arbetat 12 år på samma företag"
    if before in AGE_ADVERBS and at > 1 and tokens[at - 2].norm in IS_WORDS:
        before = "ar"
    if before == "fyller":
        return at  # "fyller 17 i december"
    if after is not None and age_word(after) and after.sentence == token.sentence:
        return at + 1
    ends_clause = after is None or after.sentence != token.sentence or after.soft
    joined = after is not None and (after.norm in lexicon.joins or after.norm == "a")
    if before in IS_WORDS and (ends_clause or joined):
        return at  # "Hon är 16 och har …"
    return -1


def signals_from(found: Scan, lexicon: Lexicon) -> list[Signal]:
    """Turn the signal matches of a scan, and ages under 18, into signals."""
    tokens, text = found.tokens, found.text
    best: dict[tuple[int, int, str, str], Signal] = {}
    ignored = [(m.first, m.last) for m in found.matches if m.entry.need_id == IGNORED]
    for match, status in zip(found.matches, found.statuses, strict=True):
        kind = match.entry.kind
        if not kind or (ignored and _inside_ignored(match.first, match.last, ignored)):
            continue  # "skar mig på brödkniven" is an accident, no self-harm
        words = (match.first, match.last)
        if kind == "alert" and explained_away(tokens, match.entry.need_id, *words):
            continue  # "jag slår mig på låren", "omhändertagen enligt LPT"
        first = evidence_start(tokens, match)
        last = extend_right(
            tokens,
            evidence_end(tokens, match),
            match.entry.also or "",
            holds_negation(tokens, match),
        )
        start, end = tokens[first].start, tokens[last].end
        sid = match.entry.need_id
        read = _status(kind, sid, status, tokens, match.first, lexicon, match.entry.status)
        if read == NeedStatus.PRESENT and kind == "alert" and doubtful(tokens, sid, *words):
            read = NeedStatus.UNCERTAIN  # "en dom för misshandel"
            if sid == "violence" and own_habit_blow(tokens, *words):
                sid = "self_harm"  # "jag slår mig på låren": ask about self-harm
        if read == NeedStatus.UNCERTAIN:
            first = suspicion_start(tokens, first)
            start = tokens[first].start
        signal = Signal(_kind(kind), sid, read, text[start:end], start, end)
        best.setdefault((start, end, kind, sid), signal)
    _acute(found, best)
    _children_exposed(found, lexicon, best)
    for at, token in enumerate(tokens):
        if not token.norm.isdigit():
            continue  # ages and birth years are numbers
        first, last = at, _minor(tokens, at, lexicon)
        status = NeedStatus.PRESENT
        if last < 0 and (last := bracketed_age(tokens, text, at, lexicon)) >= 0:
            status = _bracketed_status(tokens, at, lexicon)
        if last < 0 and _born(tokens, at, lexicon):
            first, last = at - 1, at  # "född 2010"
        if last < 0:
            last, status = owned_child_age(tokens, at, lexicon), NeedStatus.OTHER_PERSON
        if last >= 0:
            start, end = tokens[first].start, tokens[last].end
            key = (start, end, "alert", "minor")
            best[key] = Signal("alert", "minor", status, text[start:end], start, end)
    if best:
        _household(found, best)
    return [best[key] for key in sorted(best) if not _self_directed(best[key], best)]


def _bracketed_status(tokens: list[Token], at: int, lexicon: Lexicon) -> NeedStatus:
    """A bracketed age is the person's ("Eleven (16)") unless it follows a child word."""
    child = tokens[at - 1].norm in lexicon.children or owned_child_age(tokens, at, lexicon) >= 0
    return NeedStatus.OTHER_PERSON if child else NeedStatus.PRESENT


def _inside_ignored(first: int, last: int, ignored: list[tuple[int, int]]) -> bool:
    """Tell whether a signal's words lie strictly inside an ignored phrase."""
    return any(a <= first and last <= b and (a, b) != (first, last) for a, b in ignored)


def _household(found: Scan, best: dict[tuple[int, int, str, str], Signal]) -> None:
    """Add a child at risk for a threatened minor; drop a service read from an income."""
    facts = {key: (signal.evidence, signal.status) for key, signal in best.items()}
    for key in service_as_income(facts):
        del best[key]
    minor = any(k[3] == "minor" and s == NeedStatus.PRESENT for k, (_, s) in facts.items())
    if not minor:
        return
    drinking = tuple(
        (match.first, match.last)
        for match, status in zip(found.matches, found.statuses, strict=True)
        if match.entry.need_id == "health.substance_use" and status == NeedStatus.OTHER_PERSON
    )
    span = minor_at_risk(found.tokens, found.text, facts, drinking)
    if span is not None:
        start, end = span
        evidence = found.text[start:end]
        signal = Signal("alert", "child_at_risk", NeedStatus.PRESENT, evidence, start, end)
        best[(start, end, "alert", "child_at_risk")] = signal


# Alerts whose phrase explains a threat or a blow as no violence by another person.
NOT_VIOLENCE = frozenset({"self_harm", "acute_homelessness"})


def _self_directed(signal: Signal, best: dict[tuple[int, int, str, str], Signal]) -> bool:
    """Tell whether a violence alert lies inside a self-harm or eviction one.

    "slår mig själv" is self-harm, "hotad av vräkning" a threat of eviction. A suspicion of
    self-harm over a whole sentence ("blåmärke i ansiktet") explains no violence away.
    """
    if signal.id != "violence":
        return False
    return any(
        other.id in NOT_VIOLENCE
        and other.start <= signal.start
        and signal.end <= other.end
        and not (other.id == "self_harm" and other.status == NeedStatus.UNCERTAIN)
        for other in best.values()
    )


# Homelessness with one of these words in the sentence is acute ("har ingenstans att bo i natt").
TONIGHT = frozenset({"inatt", "ikvall", "imorgon", "idag", "akut", "akuta", "omgaende"})
TONIGHT_AFTER_I = frozenset({"natt", "kvall", "morgon", "helgen", "dag", "morse"})
EVICTED_NOW = frozenset({"utkastad", "utslangd", "avhyst", "vrakt", "vraktes", "avhystes"})


def _acute(found: Scan, best: dict[tuple[int, int, str, str], Signal]) -> None:
    """Add an acute-homelessness alert for homelessness that is said to be now or tonight."""
    tokens, text = found.tokens, found.text
    alerted: set[int] = set()
    spans: list[tuple[int, int]] = []
    for match, status in zip(found.matches, found.statuses, strict=True):
        need_id = match.entry.need_id
        if match.entry.kind:
            if need_id == "acute_homelessness" and status == NeedStatus.PRESENT:
                alerted.add(tokens[match.first].sentence)
            continue
        if need_id not in HOUSING_LOSS:
            continue
        if need_id == "housing.homeless" and status == NeedStatus.PRESENT:
            spans.append((evidence_start(tokens, match), match.last))
        # Thrown out today ("blev utkastad av sin pojkvän i kväll").
        spans += [
            (k, k) for k in range(match.first, match.last + 1) if tokens[k].norm in EVICTED_NOW
        ]
    for first, last in spans:
        sentence = tokens[first].sentence
        if sentence in alerted:
            continue
        if any(_tonight(tokens, k) for k in _sentence(tokens, first)):
            start, end = tokens[first].start, tokens[last].end
            key = (start, end, "alert", "acute_homelessness")
            best[key] = Signal(
                "alert", "acute_homelessness", NeedStatus.PRESENT, text[start:end], start, end
            )
            alerted.add(sentence)


HOUSING_LOSS = frozenset({"housing.homeless", "housing.insecure", "housing.eviction_risk"})


def _children_exposed(
    found: Scan, lexicon: Lexicon, best: dict[tuple[int, int, str, str], Signal]
) -> None:
    """Add a child at risk for children exposed to violence, intoxication or neglect."""
    tokens, text = found.tokens, found.text
    flagged = {key[1] for key in best if key[3] == "child_at_risk"}
    span = exposed_child(tokens)
    if span is None:
        _children_of_violence(found, best, flagged)
        return
    start, end = tokens[span[0]].start, tokens[span[1]].end
    if any(start <= other <= end for other in flagged):
        return
    signal = Signal("alert", "child_at_risk", NeedStatus.PRESENT, text[start:end], start, end)
    best[(start, end, "alert", "child_at_risk")] = signal


def _children_of_violence(
    found: Scan, best: dict[tuple[int, int, str, str], Signal], flagged: set[int]
) -> None:
    """Add a child at risk for children who saw or heard the violence of the text."""
    if flagged or not any(
        key[3] == "violence" and signal.status == NeedStatus.PRESENT for key, signal in best.items()
    ):
        return
    seen = children_of_violence(found.tokens)
    if seen is None:
        return
    first, last = seen
    start, end = found.tokens[first].start, found.tokens[last].end
    evidence = found.text[start:end]
    signal = Signal("alert", "child_at_risk", NeedStatus.PRESENT, evidence, start, end)
    best[(start, end, "alert", "child_at_risk")] = signal


def _sentence(tokens: list[Token], at: int, reach: int = 12) -> range:
    """Positions of the sentence around ``at``, at most ``reach`` words either side."""
    sentence = tokens[at].sentence
    first, last = at, at
    while first > 0 and at - first < reach and tokens[first - 1].sentence == sentence:
        first -= 1
    while last + 1 < len(tokens) and last - at < reach and tokens[last + 1].sentence == sentence:
        last += 1
    return range(first, last + 1)


def _tonight(tokens: list[Token], k: int) -> bool:
    norm = tokens[k].norm
    if norm in TONIGHT:
        return True
    return norm in TONIGHT_AFTER_I and k > 0 and tokens[k - 1].norm == "i"


BORN = frozenset({"fodd", "f"})


def _born(tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Tell whether ``at`` is the birth year ("född 2010") of a person under 18."""
    token = tokens[at]
    if len(token.norm) != 4 or not token.norm.isdecimal() or at == 0:
        return False
    if tokens[at - 1].norm not in BORN or tokens[at - 1].sentence != token.sentence:
        return False
    if _child_near(tokens, at - 1, lexicon):
        return False
    return YOUNGEST_PERSON <= swedish_today().year - int(token.norm) < ADULT_AGE


def _kind(kind: str) -> SignalKind:
    """Narrow a lexicon kind to the signal kinds (the lexicon only knows these)."""
    for known in KINDS:
        if known == kind:
            return known
    raise ValueError(f"okänd signaltyp '{kind}'")


def read_text(text: str, lexicon: Lexicon, *, second_opinion: bool = True) -> Reading:
    """Read needs and signals from one text in a single pass.

    ``second_opinion=False`` reads with the lexicon and the safety net alone (the tests of
    their judgement use it; ``second_opinion`` explains the rest).
    """
    found = with_safety_net(scan(text, lexicon), lexicon)
    if second_opinion:
        found = with_second_opinion(found, load_model())
    return Reading(tuple(needs_from(found, lexicon)), tuple(signals_from(found, lexicon)))
