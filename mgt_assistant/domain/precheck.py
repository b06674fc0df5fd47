"""The referrer's pre-check: needs in the description, the parties involved, the target group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mgt_assistant.domain.needs.extractor import NEED_STATUS_LABELS, STATED, NeedMention
from mgt_assistant.domain.needs.signals import Signal
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.rules.model import AlertRoute
from mgt_assistant.domain.target_group import Limits, TargetGroupCheck, check_target_group

# Mentions that describe the person's need now; the rest are shown but not counted.
COUNTED_STATUSES = STATED


@dataclass(frozen=True)
class FoundNeed:
    """A need in the pre-check, with the words that showed it and the parties it involves."""

    id: str
    label: str
    domain_label: str
    status: str
    status_label: str
    evidence: str
    parties: tuple[str, ...]
    counted: bool


@dataclass(frozen=True)
class FoundAlert:
    """An acute risk in the description: what to do now, before any meeting."""

    kind: str
    label: str
    uncertain: bool
    evidence: str
    message: str
    route: str


# Age under 18 is an alert of the plan (its route is about consent and parties), not an
# acute risk: the pre-check's age criterion tells it.
NOT_ACUTE = frozenset({"minor"})


def acute_alerts(
    signals: Iterable[Signal], routes: Mapping[str, AlertRoute]
) -> tuple[FoundAlert, ...]:
    """Return the present or uncertain acute alerts, one per kind, the present ones first."""
    found: dict[str, FoundAlert] = {}
    for signal in signals:
        route = routes.get(signal.id)
        if signal.kind != "alert" or route is None or signal.id in NOT_ACUTE:
            continue
        if signal.status not in COUNTED_STATUSES:
            continue
        alert = FoundAlert(
            signal.id,
            route.label,
            signal.status.value == "uncertain",
            signal.evidence,
            route.message,
            route.route,
        )
        known = found.get(signal.id)
        if known is None or (known.uncertain and not alert.uncertain):
            found[signal.id] = alert
    return tuple(sorted(found.values(), key=lambda alert: (alert.uncertain, alert.kind)))


@dataclass(frozen=True)
class Precheck:
    """What the referrer sees while writing: advice, never a block."""

    needs: tuple[FoundNeed, ...]
    parties: frozenset[str]
    excluded_parties: frozenset[str]
    target_group: TargetGroupCheck
    # Acute risks the description tells of: handled now, not through MGT.
    alerts: tuple[FoundAlert, ...] = ()

    @property
    def counted(self) -> tuple[FoundNeed, ...]:
        """Return the needs that count for the target group."""
        return tuple(need for need in self.needs if need.counted)

    @property
    def not_counted(self) -> tuple[FoundNeed, ...]:
        """Return mentions that are negated, past or about someone else."""
        return tuple(need for need in self.needs if not need.counted)


def _found(mention: NeedMention, taxonomy: NeedTaxonomy) -> FoundNeed:
    domain = taxonomy.domain(mention.id)
    return FoundNeed(
        id=mention.id,
        label=taxonomy.label(mention.id),
        domain_label=domain.label if domain is not None else "",
        status=mention.status,
        status_label=NEED_STATUS_LABELS.get(mention.status, mention.status),
        evidence=mention.evidence,
        parties=taxonomy.parties_for(mention.id),
        counted=mention.status in COUNTED_STATUSES,
    )


def run_precheck(
    mentions: Iterable[NeedMention],
    taxonomy: NeedTaxonomy,
    *,
    age_range: tuple[int, int] | None,
    own_resources_tried: bool | None,
    excluded_parties: frozenset[str] = frozenset(),
    consent_given: bool | None = True,
    limits: Limits = Limits(),
    alerts: tuple[FoundAlert, ...] = (),
) -> Precheck:
    """Summarise mentions per need (counted ones first) and check the target group.

    Parties the person has excluded from consent do not count (the one check in
    ``target_group`` decides; the plan drafter and the CLI use it too).
    """
    by_need: dict[tuple[str, bool], FoundNeed] = {}
    for mention in mentions:
        found = _found(mention, taxonomy)
        by_need.setdefault((found.id, found.counted), found)
    counted_ids = {need_id for need_id, counted in by_need if counted}
    needs = sorted(
        (
            need
            for (need_id, counted), need in by_need.items()
            if counted or need_id not in counted_ids
        ),
        key=lambda need: (not need.counted, need.id),
    )
    parties = (
        frozenset(party for need in needs if need.counted for party in need.parties)
        - excluded_parties
    )
    return Precheck(
        needs=tuple(needs),
        parties=parties,
        excluded_parties=excluded_parties,
        alerts=alerts,
        target_group=check_target_group(
            age_range=age_range,
            parties=parties,
            own_resources_tried=own_resources_tried,
            consent_given=consent_given,
            excluded_parties=excluded_parties,
            limits=limits,
        ),
    )
