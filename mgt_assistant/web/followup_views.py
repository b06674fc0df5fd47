"""Typed views of the follow-up pages: results, the due list and the two forms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mgt_assistant.db.models import APPLICATION_STATUS_LABELS, Application
from mgt_assistant.domain.followup import (
    FOLLOW_UP_RESULTS,
    INTERVENTION_OUTCOMES,
    LEGEND,
    Figure,
    TargetFigure,
)
from mgt_assistant.domain.followup.export import EXPORT_GENDERS
from mgt_assistant.domain.referral import AGE_BANDS
from mgt_assistant.services.followup import DueFollowUp, ResultFilter, Results
from mgt_assistant.services.followup_notes import OCCASIONS, RATING_ITEMS, RatingChange
from mgt_assistant.web.rendering import View

Options = tuple[tuple[str, str], ...]
AGE_OPTIONS: Options = tuple((k, label) for k, (label, _, _) in AGE_BANDS.items())
GENDER_OPTIONS: Options = tuple(EXPORT_GENDERS.items())


def _share(count: Figure, total: Figure) -> float | None:
    """Return a share for a chart, or None (a gap) when either number is hidden or zero."""
    if count.hidden or total.hidden or total.count == 0:
        return None
    return round(100 * count.count / total.count, 1)


@dataclass(frozen=True)
class ChartData:
    """What a chart draws: the same numbers as the table beside it (hidden ones as gaps)."""

    kind: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    targets: tuple[float | None, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Return the chart's data for ``static/js/followup-charts.js``."""
        return {
            "kind": self.kind,
            "labels": list(self.labels),
            "series": [{"label": name, "values": list(values)} for name, values in self.series],
            "targets": list(self.targets),
        }


def target_chart(figures: Sequence[TargetFigure]) -> ChartData:
    """Return the period's three target shares against their targets."""
    return ChartData(
        "bar",
        tuple(f.label for f in figures),
        (("Utfall (%)", tuple(_share(f.count, f.total) for f in figures)),),
        tuple(float(f.target_percent) for f in figures),
    )


def trend_chart(quarters: Sequence[tuple[Any, Sequence[TargetFigure]]]) -> ChartData:
    """Return each target's share per quarter."""
    if not quarters:
        return ChartData("line", (), ())
    groups = [f.label for f in quarters[0][1]]
    series = tuple(
        (label, tuple(_share(figs[i].count, figs[i].total) for _, figs in quarters))
        for i, label in enumerate(groups)
    )
    return ChartData("line", tuple(q.label for q, _ in quarters), series)


@dataclass(frozen=True)
class ResultsView(View):
    """The steering group's results page for one period and set of filters."""

    chosen: ResultFilter
    results: Results | None
    error: str
    party_options: Options
    intervention_options: Options
    target_chart: ChartData | None
    trend_chart: ChartData | None
    export_query: str
    filter_text: str
    ratings: Sequence[RatingChange]
    legend: str = LEGEND
    gender_options: Options = GENDER_OPTIONS
    age_options: Options = AGE_OPTIONS


def describe_filter(chosen: ResultFilter, parties: Options, interventions: Options) -> str:
    """Return the chosen filters in words, for the lead text and the print view."""
    names: dict[str, dict[str, str]] = {
        "party": dict(parties),
        "gender": dict(GENDER_OPTIONS),
        "age_group": dict(AGE_OPTIONS),
        "intervention": dict(interventions),
    }
    words = [
        names[key].get(value, value) for key in names if (value := getattr(chosen, key)) is not None
    ]
    return ", ".join(words) if words else "alla ärenden"


@dataclass(frozen=True)
class DueView(View):
    """The list of follow-ups to make, earliest due first."""

    items: Sequence[DueFollowUp]
    today: date
    to_end: Sequence[Application]
    status_labels: Mapping[Any, str] = field(default_factory=lambda: APPLICATION_STATUS_LABELS)


@dataclass(frozen=True)
class EndPlanView(View):
    """The form that records how a plan ended."""

    application: Application
    interventions: tuple[tuple[str, str], ...]
    end_reasons: Options
    income_sources: Options
    values: Mapping[str, str]
    error: str = ""
    outcome_options: Options = tuple(INTERVENTION_OUTCOMES.items())


@dataclass(frozen=True)
class AnswerView(View):
    """The short follow-up form for 6 or 12 months."""

    application: Application
    months: int
    due: date
    income_sources: Options
    values: Mapping[str, str]
    error: str = ""
    result_options: Options = tuple(FOLLOW_UP_RESULTS.items())


@dataclass(frozen=True)
class ReminderView(View):
    """The home page's reminder: how many follow-ups are overdue or due soon."""

    overdue: int
    soon: int


@dataclass(frozen=True)
class RatingView(View):
    """The person's own rating: the form for one occasion and their scores so far."""

    application: Application
    scores: Mapping[tuple[str, str], int]
    values: Mapping[str, str]
    error: str = ""
    items: Options = tuple(RATING_ITEMS.items())
    occasions: Options = tuple(OCCASIONS.items())
