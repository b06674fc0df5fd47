"""Results per intervention (like seed 001's table), completion, and 6/12-month outcomes.

Every table is a :class:`CountTable` of suppressed figures, so the page, its
accessible table, the print view and the exports print the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.followup.records import (
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_RESULTS,
    INTERVENTION_OUTCOMES,
    WORK_OR_STUDIES_RESULTS,
    FollowUpCount,
    FollowUpError,
    InterventionOutcomeCount,
)
from mgt_assistant.domain.followup.suppression import Figure, Relation, suppress, suppress_grid
from mgt_assistant.domain.rules.model import Outcomes

TOTAL: Final = "total"
TOTAL_LABEL: Final = "Totalt"
# Seed 001 splits "work or studies" into Arbete and Studier; work there is "all typ av
# arbete d.v.s. både subventionerat och icke subventionerat" [seed 001, Sammanställning].
WORK_OR_STUDIES_GROUP: Final = "work_or_studies"
STUDIES_REASON: Final = "studier"
# A participant counts in an intervention's results when they took part in it.
COUNTED_OUTCOMES: Final = ("fullfoljd", "avbruten")
OTHER_STEP_LABEL: Final = "Annat steg mot arbete eller studier"


@dataclass(frozen=True)
class CountTable:
    """A suppressed table: labelled rows and columns (totals included) and their figures."""

    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    figures: Mapping[tuple[str, str], Figure]

    def cell(self, row: str, column: str) -> Figure:
        """Return one figure."""
        return self.figures[(row, column)]

    def lines(self) -> list[tuple[str, list[Figure]]]:
        """Return each row label with its figures in column order, for templates and files."""
        return [
            (label, [self.figures[(key, column)] for column, _ in self.columns])
            for key, label in self.rows
        ]


@dataclass(frozen=True)
class ResultColumn:
    """A column of the results table and the end reasons it counts."""

    id: str
    label: str
    end_reasons: tuple[str, ...]


def result_columns(outcomes: Outcomes) -> tuple[ResultColumn, ...]:
    """Return the results columns: Arbete, Studier, then the other target groups."""
    columns: list[ResultColumn] = []
    for group in outcomes.groups:
        reasons = group.end_reasons
        if group.id == WORK_OR_STUDIES_GROUP and STUDIES_REASON in reasons and len(reasons) > 1:
            work = tuple(r for r in reasons if r != STUDIES_REASON)
            columns.append(ResultColumn("work", "Arbete", work))
            studies = outcomes.end_reasons[STUDIES_REASON]
            columns.append(ResultColumn("studies", studies, (STUDIES_REASON,)))
        elif len(group.counts_groups) > 1:
            # The column holds the group's own reasons only; work and studies stand apart.
            columns.append(ResultColumn(group.id, OTHER_STEP_LABEL, reasons))
        else:
            columns.append(ResultColumn(group.id, group.label, reasons))
    return tuple(columns)


def _grid(
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
) -> CountTable:
    figures = suppress_grid(counts, [k for k, _ in rows], [k for k, _ in columns], total=TOTAL)
    return CountTable((*rows, (TOTAL, TOTAL_LABEL)), (*columns, (TOTAL, TOTAL_LABEL)), figures)


def _intervention_rows(keys: Iterable[str], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    return sorted(((k, labels.get(k, k)) for k in set(keys)), key=lambda r: (r[1], r[0]))


def intervention_results(
    outcomes: Outcomes,
    counts: Iterable[InterventionOutcomeCount],
    labels: Mapping[str, str],
) -> dict[int | None, CountTable]:
    """Return, per year (None for counts without one), results per intervention.

    Rows are interventions (participants who completed or broke off the
    intervention; those who never started are left out), columns are
    :func:`result_columns`. A person in two interventions counts in both rows.

    :raise FollowUpError: when a count names an unknown end reason or outcome.
    """
    columns = result_columns(outcomes)
    column_of = {reason: c.id for c in columns for reason in c.end_reasons}
    by_year: dict[int | None, dict[tuple[str, str], int]] = {}
    for row in counts:
        if row.outcome not in INTERVENTION_OUTCOMES:
            raise FollowUpError(f"Okänt utfall '{row.outcome}'.")
        column = column_of.get(row.end_reason)
        if column is None:
            raise FollowUpError(f"Okänd avslutsorsak '{row.end_reason}'.")
        if row.outcome not in COUNTED_OUTCOMES:
            continue
        cells = by_year.setdefault(row.year, {})
        cells[(row.intervention, column)] = cells.get((row.intervention, column), 0) + row.count
    header = [(c.id, c.label) for c in columns]
    return {
        year: _grid(cells, _intervention_rows((k for k, _ in cells), labels), header)
        for year, cells in sorted(by_year.items(), key=lambda item: item[0] or 0)
    }


def completion_table(
    counts: Iterable[InterventionOutcomeCount], labels: Mapping[str, str]
) -> CountTable:
    """Return per intervention how many completed it, broke it off or never started."""
    cells: dict[tuple[str, str], int] = {}
    for row in counts:
        if row.outcome not in INTERVENTION_OUTCOMES:
            raise FollowUpError(f"Okänt utfall '{row.outcome}'.")
        key = (row.intervention, row.outcome)
        cells[key] = cells.get(key, 0) + row.count
    return _grid(
        cells,
        _intervention_rows((k for k, _ in cells), labels),
        list(INTERVENTION_OUTCOMES.items()),
    )


def follow_up_table(counts: Iterable[FollowUpCount]) -> CountTable:
    """Return the 6- and 12-month results with "Arbete eller studier" and the total.

    The two rows are the same people at two times, so they are never added up.

    :raise FollowUpError: when a count names unknown months or an unknown result.
    """
    cells: dict[tuple[str, str], int] = {
        (str(m), r): 0 for m in FOLLOW_UP_MONTHS for r in FOLLOW_UP_RESULTS
    }
    for row in counts:
        if row.months not in FOLLOW_UP_MONTHS:
            raise FollowUpError("Uppföljning görs efter 6 eller 12 månader.")
        if row.result not in FOLLOW_UP_RESULTS:
            raise FollowUpError(f"Okänt uppföljningsresultat '{row.result}'.")
        cells[(str(row.months), row.result)] += row.count
    relations: list[Relation] = []
    others = [r for r in FOLLOW_UP_RESULTS if r not in WORK_OR_STUDIES_RESULTS]
    for months in map(str, FOLLOW_UP_MONTHS):
        both = (months, WORK_OR_STUDIES_GROUP)
        cells[both] = sum(cells[(months, r)] for r in WORK_OR_STUDIES_RESULTS)
        cells[(months, TOTAL)] = cells[both] + sum(cells[(months, r)] for r in others)
        # Nested like the targets: total = work or studies + the rest; that = work + studies.
        relations.append(Relation(both, tuple((months, r) for r in WORK_OR_STUDIES_RESULTS)))
        relations.append(Relation((months, TOTAL), (both, *((months, r) for r in others))))
    figures = suppress(cells, relations)
    columns = (
        *FOLLOW_UP_RESULTS.items(),
        (WORK_OR_STUDIES_GROUP, "Arbete eller studier"),
        (TOTAL, "Följts upp"),
    )
    rows = tuple((str(m), f"{m} månader efter avslut") for m in FOLLOW_UP_MONTHS)
    return CountTable(rows, columns, figures)
