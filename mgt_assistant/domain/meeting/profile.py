"""The needs profile: per core domain present, not present or unknown, with sub-needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from mgt_assistant.domain.meeting.model import NeedRecord
from mgt_assistant.domain.needs.taxonomy import CORE_DOMAINS, NeedTaxonomy
from mgt_assistant.domain.rules import NeedEntry

DomainState = Literal["present", "absent", "unknown"]
ACTIVE = frozenset({"present", "uncertain"})
# Among mentions of one need, the one that calls for action wins.
_STATUS_ORDER = ("present", "uncertain", "historical", "other_person", "negated")
# Statements about now, yes or no: a later one replaces an earlier one. "Historical" is
# one of them: the reader gives it to "inte deprimerad längre" and "var sjukskriven", both
# saying the need is over now; the team can reject a mention it reads otherwise.
_CLEAR = frozenset({"present", "negated", "historical"})


@dataclass(frozen=True)
class NeedSummary:
    """One need with all its mentions merged: status, review and the evidence for it."""

    need_id: str
    label: str
    status: str
    review: str
    evidence: tuple[str, ...]

    @property
    def counts(self) -> bool:
        """Tell whether the recommender should use this need."""
        return self.review != "rejected" and self.status in ACTIVE


@dataclass(frozen=True)
class DomainProfile:
    """A core (or extra) domain with its state and needs."""

    domain: str
    label: str
    state: DomainState
    needs: tuple[NeedSummary, ...]


def summarise_needs(records: Iterable[NeedRecord], taxonomy: NeedTaxonomy) -> list[NeedSummary]:
    """Merge the mentions of each need into one summary, in first-mention order."""
    grouped: dict[str, list[NeedRecord]] = {}
    for record in records:
        grouped.setdefault(record.need_id, []).append(record)
    summaries = []
    for need_id, group in grouped.items():
        status = _status(group)
        reviews = {r.review for r in group}
        review = next((r for r in ("rejected", "manual", "confirmed") if r in reviews), "detected")
        evidence = tuple(dict.fromkeys(r.evidence for r in group if r.evidence))
        summaries.append(NeedSummary(need_id, taxonomy.label(need_id), status, review, evidence))
    return summaries


def _status(group: Sequence[NeedRecord]) -> str:
    """The latest clear statement wins ("inte sjukskriven längre" after "sjukskriven").

    Within one message, and among hedged or past mentions, the one calling for action wins.
    """
    clear = [r for r in group if r.status in _CLEAR]
    if clear:
        # The latest by record id (a grouped reading carries its latest mention's), else by order.
        latest = max(enumerate(clear), key=lambda pair: (pair[1].record_id or 0, pair[0]))[1]
        if latest.message_id is None:
            return latest.status
        last = latest.message_id
        return min((r.status for r in clear if r.message_id == last), key=_rank)
    return min((r.status for r in group), key=_rank)


def _rank(status: str) -> int:
    return _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)


def domain_profiles(
    summaries: Sequence[NeedSummary], taxonomy: NeedTaxonomy
) -> list[DomainProfile]:
    """Return the core domains, then any other domain that has needs."""
    by_domain: dict[str, list[NeedSummary]] = {}
    for summary in summaries:
        by_domain.setdefault(summary.need_id.split(".", 1)[0], []).append(summary)
    ids = list(CORE_DOMAINS) + [d for d in by_domain if d not in CORE_DOMAINS]
    profiles = []
    for domain_id in ids:
        needs = tuple(by_domain.get(domain_id, ()))
        domain = taxonomy.domain(domain_id)
        label = domain.label if domain is not None else domain_id
        profiles.append(DomainProfile(domain_id, label, _state(needs), needs))
    return profiles


def _state(needs: Sequence[NeedSummary]) -> DomainState:
    if any(n.counts for n in needs):
        return "present"
    # Said not to exist, or judged not relevant by the team: the domain is known.
    return "absent" if needs else "unknown"


def case_needs(summaries: Iterable[NeedSummary]) -> tuple[NeedEntry, ...]:
    """Return the picture the recommender uses: every need the team has not rejected."""
    return tuple(
        NeedEntry(s.need_id, s.need_id.split(".", 1)[0], s.status, "; ".join(s.evidence))
        for s in summaries
        if s.review != "rejected"
    )


def rows_to_review(
    intervention_needs: Mapping[str, Sequence[str]], summaries: Sequence[NeedSummary]
) -> dict[str, str]:
    """Return, per intervention in the plan, why the team should look at it again.

    A row is marked when the needs it answers were in the picture and none counts
    any more (said not to be, or judged not relevant): the row stays until the team acts.
    """
    marked: dict[str, str] = {}
    for intervention_id, needs in intervention_needs.items():
        related = [s for s in summaries if any(_answers(n, s.need_id) for n in needs)]
        if related and not any(s.counts for s in related):
            labels = ", ".join(dict.fromkeys(s.label for s in related))
            marked[intervention_id] = f"Behovet är inte aktuellt längre ({labels}): se över raden."
    return marked


def _answers(need: str, said: str) -> bool:
    # A domain-wide need ("health") answers every sub-need, and a sub-need answers its domain.
    return said == need or said.startswith(need + ".") or need.startswith(said + ".")
