"""The target figures for the steering group, for a period and per quarter.

Each end reason belongs to one group in ``rules/outcomes.yaml``; a group with
``counts_groups`` (stegförflyttning) also counts the people of the groups it
names. Targets are read from the rule set, never written here [seed 000].
The period and the quarters are suppressed as one table, so a hidden quarter
cannot be worked out from the period total either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mgt_assistant.domain.followup.records import EndCount, FollowUpError, Quarter
from mgt_assistant.domain.followup.suppression import MIN_COUNT, Figure, Relation, suppress
from mgt_assistant.domain.rules.model import OutcomeGroup, Outcomes

Verdict = Literal["met", "not_met"]
VERDICT_TEXT = {"met": "Målet nås", "not_met": "Målet nås inte", None: "Kan inte bedömas"}
PERIOD = "period"
TOTAL = "total"


@dataclass(frozen=True)
class TargetFigure:
    """One target: how many reached it, of how many, and whether the target is met."""

    group: str
    label: str
    target_kind: Literal["min", "max"]
    target_percent: int
    count: Figure
    total: Figure
    verdict: Verdict | None

    @property
    def share_text(self) -> str:
        """Return the share as printed, e.g. ``25 %`` or ``< 5``."""
        return self.count.share_text(self.total)

    @property
    def target_text(self) -> str:
        """Return the target in words, e.g. ``minst 20 %``."""
        word = "minst" if self.target_kind == "min" else "högst"
        return f"{word} {self.target_percent} %"

    @property
    def verdict_text(self) -> str:
        """Return the verdict in Swedish."""
        return VERDICT_TEXT[self.verdict]


@dataclass(frozen=True)
class TargetReport:
    """The target figures for the whole period and for each quarter in it."""

    period: tuple[TargetFigure, ...]
    quarters: tuple[tuple[Quarter, tuple[TargetFigure, ...]], ...]


def _verdict(group: OutcomeGroup, count: Figure, total: Figure) -> Verdict | None:
    """Judge the target from what is published: a hidden count is 1–4, so decide if all agree."""
    if total.hidden or total.count == 0 or count.hidden == "secondary":
        return None
    values = range(1, MIN_COUNT) if count.hidden == "small" else [count.count]
    verdicts: set[Verdict] = set()
    for value in values:
        share = 100 * value / total.count
        if group.target_kind == "min":
            verdicts.add("met" if share >= group.target_percent else "not_met")
        else:
            verdicts.add("met" if share <= group.target_percent else "not_met")
    return verdicts.pop() if len(verdicts) == 1 else None


def _cell(slice_: Quarter | str, name: str) -> tuple[Quarter | str, str]:
    return (slice_, name)


def target_report(outcomes: Outcomes, counts: Iterable[EndCount]) -> TargetReport:
    """Return count, share and verdict per target group, for the period and each quarter.

    Counts without a quarter only add to the period; counts with one also make a
    trend row. Quarters with no ended plans are not listed (use ``quarters_between``
    to show them as empty).

    :raise FollowUpError: when a count names an end reason the rule set lacks.
    """
    groups = outcomes.groups
    own: dict[tuple[Quarter | str, str], int] = {}
    quarters: set[Quarter] = set()
    for row in counts:
        group = outcomes.group_of(row.end_reason)
        if group is None:
            raise FollowUpError(f"Okänd avslutsorsak '{row.end_reason}'.")
        if row.count < 0:
            raise FollowUpError("Ett antal kan inte vara negativt.")
        slices: list[Quarter | str] = [PERIOD]
        if row.quarter is not None:
            quarters.add(row.quarter)
            slices.append(row.quarter)
        for slice_ in slices:
            own[_cell(slice_, group)] = own.get(_cell(slice_, group), 0) + row.count
    ordered: list[Quarter | str] = [PERIOD, *sorted(quarters)]
    cells, relations = _model(groups, ordered, own, has_quarters=bool(quarters))
    _check_quarters_cover_period(cells, ordered, has_quarters=bool(quarters))
    figures = suppress(cells, relations)

    def report(slice_: Quarter | str) -> tuple[TargetFigure, ...]:
        total = figures[_cell(slice_, TOTAL)]
        found = []
        for group in groups:
            name = f"sum:{group.id}" if len(group.counts_groups) > 1 else group.id
            count = figures[_cell(slice_, name)]
            found.append(
                TargetFigure(
                    group.id,
                    group.label,
                    group.target_kind,
                    group.target_percent,
                    count,
                    total,
                    _verdict(group, count, total),
                )
            )
        return tuple(found)

    return TargetReport(report(PERIOD), tuple((q, report(q)) for q in sorted(quarters)))


def _total_parts(groups: Sequence[OutcomeGroup]) -> list[str]:
    """Return the cells the total is the sum of: each summing group, then the groups it leaves.

    Nesting the sums (total = stegförflyttning + förtida avslut, stegförflyttning =
    arbete/studier + övriga steg) keeps each hidden cell inside one chain of sums,
    so a hidden early end cannot be worked out as total minus a shown step figure.
    Overlapping summing groups cannot nest; then the total is the flat sum.
    """
    sums = [g for g in groups if len(g.counts_groups) > 1]
    covered = [member for g in sums for member in g.counts_groups]
    if len(covered) != len(set(covered)):
        return [g.id for g in groups]
    return [f"sum:{g.id}" for g in sums] + [g.id for g in groups if g.id not in covered]


def _model(
    groups: Sequence[OutcomeGroup],
    slices: Sequence[Quarter | str],
    own: dict[tuple[Quarter | str, str], int],
    *,
    has_quarters: bool,
) -> tuple[dict[tuple[Quarter | str, str], int], list[Relation]]:
    """Build the cells and sums: per slice the total and each counted group; down the quarters."""
    cells: dict[tuple[Quarter | str, str], int] = {}
    relations: list[Relation] = []
    names = [g.id for g in groups]
    total_parts = _total_parts(groups)
    for slice_ in slices:
        for name in names:
            cells[_cell(slice_, name)] = own.get(_cell(slice_, name), 0)
        for group in groups:
            if len(group.counts_groups) > 1:
                parts = tuple(_cell(slice_, g) for g in group.counts_groups)
                cells[_cell(slice_, f"sum:{group.id}")] = sum(cells[p] for p in parts)
                relations.append(Relation(_cell(slice_, f"sum:{group.id}"), parts))
        cells[_cell(slice_, TOTAL)] = sum(cells[_cell(slice_, n)] for n in names)
        parts = tuple(_cell(slice_, n) for n in total_parts)
        relations.append(Relation(_cell(slice_, TOTAL), parts))
    if has_quarters:
        quarter_slices = [s for s in slices if s != PERIOD]
        for name in sorted({key[1] for key in cells}):
            parts = tuple(_cell(q, name) for q in quarter_slices)
            relations.append(Relation(_cell(PERIOD, name), parts))
    return cells, relations


def _check_quarters_cover_period(
    cells: dict[tuple[Quarter | str, str], int],
    slices: Sequence[Quarter | str],
    *,
    has_quarters: bool,
) -> None:
    """Refuse a mix of counts with and without quarter: the trend would not add up."""
    if not has_quarters:
        return
    period = cells[_cell(PERIOD, TOTAL)]
    by_quarter = sum(cells[_cell(s, TOTAL)] for s in slices if s != PERIOD)
    if period != by_quarter:
        raise FollowUpError("Alla antal måste ha ett kvartal, eller inget av dem ha det.")
