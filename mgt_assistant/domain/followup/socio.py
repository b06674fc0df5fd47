"""The socio-economic estimate: people in work or studies × the monthly figure × months.

The rule of thumb is seed 003's (Jönköping county, after Samordningsförbundet
Göteborg Centrum): about 10 000 kr public support + 500 kr administration saved
and 5 700 kr more tax, 16 200 kr per person and month; 35 × 16 200 × 12 =
6 804 000 kr a year. Amount, months and the group that counts are read from
``socio_economic`` in ``rules/outcomes.yaml``. The people counts are taken from
the already suppressed target and follow-up tables, so an amount never reveals
a hidden count (an amount from a hidden count is hidden too).
"""

from __future__ import annotations

from dataclasses import dataclass

from mgt_assistant.domain.followup.records import FOLLOW_UP_MONTHS, FollowUpError
from mgt_assistant.domain.followup.results import WORK_OR_STUDIES_GROUP, CountTable
from mgt_assistant.domain.followup.suppression import Figure
from mgt_assistant.domain.followup.targets import TargetReport
from mgt_assistant.domain.rules.model import Outcomes


@dataclass(frozen=True)
class EstimateLine:
    """One time point: how many people, and the estimate in kronor when it may be shown."""

    label: str
    people: Figure
    amount_sek: int | None

    @property
    def amount_text(self) -> str:
        """Return the amount as printed, e.g. ``6 804 000 kr``, or the hiding mark."""
        if self.amount_sek is None:
            return self.people.text
        return f"{format_sek(self.amount_sek)} kr"


@dataclass(frozen=True)
class SocioEconomicEstimate:
    """The estimate per time point and the assumptions behind it, in plain Swedish."""

    lines: tuple[EstimateLine, ...]
    assumptions: tuple[str, ...]
    source: str


def format_sek(amount: int) -> str:
    """Return an amount with Swedish thousands spacing (a no-break space), e.g. ``16 200``."""
    return f"{amount:,}".replace(",", "\u00a0")


def socio_economic_estimate(
    outcomes: Outcomes, targets: TargetReport, follow_ups: CountTable
) -> SocioEconomicEstimate:
    """Return the estimate at the end and at 6 and 12 months, with its assumptions.

    The lines are alternatives, not to be added: they count the same people at
    different times.

    :raise FollowUpError: when outcomes.yaml has no socio_economic key or its group is unknown.
    """
    rule = outcomes.socio_economic
    if rule is None:
        raise FollowUpError(
            "outcomes.yaml saknar 'socio_economic': ingen uppskattning går att göra."
        )
    at_end = next((f for f in targets.period if f.group == rule.group), None)
    if at_end is None:
        raise FollowUpError(f"Målgruppen '{rule.group}' saknas i resultaten.")

    def line(label: str, people: Figure) -> EstimateLine:
        amount = None if people.hidden else people.count * rule.monthly_amount_sek * rule.months
        return EstimateLine(label, people, amount)

    lines = [line(f"Vid avslut ({at_end.label.lower()})", at_end.count)]
    for months in FOLLOW_UP_MONTHS:
        people = follow_ups.cell(str(months), WORK_OR_STUDIES_GROUP)
        lines.append(line(f"{months} månader efter avslut (arbete eller studier)", people))
    monthly = format_sek(rule.monthly_amount_sek)
    assumptions = (
        "Det här är en uppskattning, inte ett löfte.",
        f"Varje person i arbete eller studier räknas som {monthly} kr per månad som samhället "
        "inte betalar i offentlig försörjning och administration och får in i skatt.",
        f"Beloppet räknas för {rule.months} månader, som om personen stannar i arbete eller "
        "studier hela tiden.",
        "Beräkningen antar att personen annars hade haft offentlig försörjning hela perioden.",
        "Lönebidrag, deltidssjukersättning och andra stöd som minskar vinsten räknas inte av, "
        "och vinster för den som tagit ett steg men inte nått arbete räknas inte med.",
        "Raderna räknar samma personer vid olika tidpunkter och ska inte läggas ihop.",
        "Belopp från färre än 5 personer visas inte.",
    )
    return SocioEconomicEstimate(tuple(lines), assumptions, rule.source)
