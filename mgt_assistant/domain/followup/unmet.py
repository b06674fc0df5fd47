"""The register of unmet needs ("Behov utan insats"): records, counts and proposals.

Seed 000 asks the team to note the organisational gaps ("organisatoriska
mellanrum") it meets; the steering group sees them by need, party and quarter,
with the short texts but never a name or a personnummer. Proposals come from the
recommender: an active need that no recommended intervention addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from mgt_assistant.domain.followup.records import FollowUpError, Quarter, quarter_of
from mgt_assistant.domain.followup.results import TOTAL, TOTAL_LABEL, CountTable
from mgt_assistant.domain.followup.suppression import grid_relations, suppress
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.personnummer import contains_personnummer
from mgt_assistant.domain.rules.evaluator import Evaluation, _related_needs

UNMET_KINDS: Final[Mapping[str, str]] = {
    "ingen_insats": "Ingen part har en insats",
    "for_lang_vantan": "För lång väntan",
    "regel_blockerade": "En regel hindrade",
}
MAX_TEXT: Final = 280  # a short note about the gap, not a case record


@dataclass(frozen=True)
class UnmetNeed:
    """One need the team could not meet, as recorded in the meeting."""

    need: str
    party: str
    kind: str
    text: str
    recorded_on: date

    @property
    def quarter(self) -> Quarter:
        """Return the quarter it was recorded in."""
        return quarter_of(self.recorded_on)


@dataclass(frozen=True)
class ProposedUnmetNeed:
    """A need the recommender found no intervention for, for the team to confirm."""

    need: str
    parties: tuple[str, ...]
    kind: str
    text: str


@dataclass(frozen=True)
class UnmetNeedCount:
    """How many unmet needs of one kind were recorded for a need and party in a quarter."""

    need: str
    party: str
    kind: str
    quarter: Quarter
    count: int


@dataclass(frozen=True)
class UnmetRegister:
    """The register for the steering group: two suppressed tables and the texts per need."""

    by_need_and_party: CountTable
    by_quarter_and_kind: CountTable
    texts: Mapping[str, tuple[str, ...]]


def read_unmet_need(taxonomy: NeedTaxonomy, draft: UnmetNeed, *, today: date) -> UnmetNeed:
    """Check an unmet need as typed in the meeting form and return it, its text cleaned.

    :raise FollowUpError: with a Swedish message naming the first fault.
    """
    if not taxonomy.is_known(draft.need):
        raise FollowUpError("Välj ett behov i listan.")
    if draft.party not in PARTY_NAMES:
        raise FollowUpError("Välj en part i listan.")
    if draft.kind not in UNMET_KINDS:
        raise FollowUpError("Välj vad som saknades: ingen insats, för lång väntan eller en regel.")
    cleaned = " ".join(draft.text.split())
    if not cleaned:
        raise FollowUpError("Beskriv kort vad som saknades.")
    if len(cleaned) > MAX_TEXT:
        raise FollowUpError(f"Texten får vara högst {MAX_TEXT} tecken.")
    if contains_personnummer(cleaned, today):
        raise FollowUpError("Texten får inte innehålla personnummer. Beskriv glappet utan namn.")
    if draft.recorded_on > today:
        raise FollowUpError("Datumet kan inte ligga i framtiden.")
    return replace(draft, text=cleaned)


def propose_unmet_needs(taxonomy: NeedTaxonomy, evaluation: Evaluation) -> list[ProposedUnmetNeed]:
    """Return the active needs that no recommended intervention addresses.

    A need whose interventions were all held back by a rule (age, income source)
    is proposed as "En regel hindrade" with the first reason; otherwise as
    "Ingen part har en insats". The why-not list is empty when the case was
    evaluated with ``explain=False``; then every proposal is "ingen insats".
    """
    covered: set[str] = set()
    for recommendation in evaluation.recommendations:
        covered |= _related_needs(recommendation.intervention, taxonomy)
    blocked: dict[str, str] = {}
    for rejected in evaluation.not_recommended:
        if rejected.kind == "eligibility":
            for need in _related_needs(rejected.intervention, taxonomy):
                blocked.setdefault(need, f"{rejected.intervention.name}: {rejected.reason}")
    proposals: list[ProposedUnmetNeed] = []
    for need in sorted(evaluation.case.active_needs - covered):
        label = taxonomy.label(need)
        parties = taxonomy.parties_for(need)
        if need in blocked:
            text = _shorten(f"{label} – {blocked[need]}")
            proposals.append(ProposedUnmetNeed(need, parties, "regel_blockerade", text))
        else:
            text = _shorten(f"{label} – inget förslag på insats i regelverket")
            proposals.append(ProposedUnmetNeed(need, parties, "ingen_insats", text))
    return proposals


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def unmet_register(
    counts: Iterable[UnmetNeedCount],
    texts: Iterable[tuple[str, str]],
    need_labels: Mapping[str, str],
) -> UnmetRegister:
    """Return counts by need × party and by quarter × kind, suppressed together.

    Both tables count the same recorded needs, so they share the grand total and
    are suppressed in one call. ``texts`` are (need, short text) pairs.

    :raise FollowUpError: on an unknown party or kind.
    """
    by_need: dict[tuple[str, str], int] = {}
    by_quarter: dict[tuple[str, str], int] = {}
    quarters: dict[str, Quarter] = {}
    for row in counts:
        if row.party not in PARTY_NAMES:
            raise FollowUpError(f"Okänd part '{row.party}'.")
        if row.kind not in UNMET_KINDS:
            raise FollowUpError(f"Okänd sorts glapp '{row.kind}'.")
        by_need[(row.need, row.party)] = by_need.get((row.need, row.party), 0) + row.count
        label = row.quarter.label
        quarters[label] = row.quarter
        by_quarter[(label, row.kind)] = by_quarter.get((label, row.kind), 0) + row.count
    needs = sorted({n for n, _ in by_need}, key=lambda n: need_labels.get(n, n))
    parties = [p for p in PARTY_NAMES if any(p == q for _, q in by_need)]
    quarter_rows = sorted(quarters, key=lambda label: quarters[label])
    kinds = list(UNMET_KINDS)
    keys_a, relations_a = grid_relations(needs, parties, TOTAL)
    keys_b, relations_b = grid_relations(quarter_rows, kinds, TOTAL)
    # The grand total ("total", "total") is the one key the two grids share.
    cells = dict.fromkeys([*keys_a, *keys_b], 0)
    for source in (by_need, by_quarter):
        for (row_key, column), n in source.items():
            for key in ((row_key, column), (row_key, TOTAL), (TOTAL, column)):
                cells[key] += n
    cells[(TOTAL, TOTAL)] = sum(by_need.values())
    figures = suppress(cells, [*relations_a, *relations_b])
    first = CountTable(
        (*((n, need_labels.get(n, n)) for n in needs), (TOTAL, TOTAL_LABEL)),
        (*((p, PARTY_NAMES[p]) for p in parties), (TOTAL, TOTAL_LABEL)),
        {key: figures[key] for key in keys_a},
    )
    second = CountTable(
        (*((q, q) for q in quarter_rows), (TOTAL, TOTAL_LABEL)),
        (*UNMET_KINDS.items(), (TOTAL, TOTAL_LABEL)),
        {key: figures[key] for key in keys_b},
    )
    grouped: dict[str, list[str]] = {}
    for need, text in texts:
        grouped.setdefault(need, []).append(text)
    return UnmetRegister(first, second, {n: tuple(sorted(t)) for n, t in grouped.items()})
