"""The person's own rating (1–10 at start, after 8 weeks, at the end) and unmet needs.

Own rating: seed 001 (Målområde 2) measures the participants' own view of their
health by questionnaires at the start and the end, and its NNS indicators again
after 8 weeks in the intervention and at the end. The items here are the three
issue 11 names (health, confidence, distance to work); the rating is optional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mgt_assistant.db.models import Application, PlanEnd, SelfRating, UnmetNeedEntry, User
from mgt_assistant.db.users import add_audit
from mgt_assistant.domain.followup import (
    Figure,
    FollowUpError,
    UnmetNeed,
    read_unmet_need,
    suppress,
)
from mgt_assistant.domain.rules import RuleSet

RATING_ITEMS: Final[Mapping[str, str]] = {
    "halsa": "Hur mår du, fysiskt och psykiskt?",
    "tilltro": "Hur stor tilltro har du till din egen förmåga?",
    "narhet_arbete": "Hur nära känns arbete eller studier?",
}
OCCASIONS: Final[Mapping[str, str]] = {
    "start": "Vid start",
    "8_veckor": "Efter 8 veckor",
    "avslut": "Vid avslut",
}


@dataclass(frozen=True)
class RatingChange:
    """The average change from start to end for one item, over people rated at both."""

    item: str
    label: str
    people: Figure
    average_start: float | None
    average_end: float | None

    @property
    def change_text(self) -> str:
        """Return the change as printed, e.g. ``+1,5``, or the hiding mark."""
        if self.average_start is None or self.average_end is None:
            return self.people.text
        return f"{self.average_end - self.average_start:+.1f}".replace(".", ",")


def read_scores(scores: Mapping[str, str]) -> dict[str, int]:
    """Return the filled-in scores as numbers 1–10; blank items are left out.

    :raise FollowUpError: when a score is not a whole number from 1 to 10.
    """
    found: dict[str, int] = {}
    for item, text in scores.items():
        if item not in RATING_ITEMS or not text.strip():
            continue
        if not text.strip().isdigit() or not 1 <= int(text) <= 10:
            raise FollowUpError("Skattningen ska vara ett heltal från 1 till 10.")
        found[item] = int(text)
    if not found:
        raise FollowUpError("Fyll i minst en skattning.")
    return found


def record_self_rating(
    session: Session,
    *,
    application: Application,
    by: User,
    occasion: str,
    scores: Mapping[str, str],
    recorded_on: date,
    today: date,
) -> int:
    """Save the person's own rating for one occasion (replacing an earlier one); return items.

    :raise FollowUpError: when the occasion, a score or the date is wrong.
    """
    if occasion not in OCCASIONS:
        raise FollowUpError(
            "Välj när skattningen gjordes: vid start, efter 8 veckor eller vid avslut."
        )
    if recorded_on > today:
        raise FollowUpError("Datumet kan inte ligga i framtiden.")
    found = read_scores(scores)
    existing = {
        r.item: r
        for r in session.exec(
            select(SelfRating).where(
                col(SelfRating.application_id) == application.id,
                col(SelfRating.occasion) == occasion,
            )
        )
    }
    for item, score in found.items():
        row = existing.get(item) or SelfRating(
            application_id=application.id or 0,
            occasion=occasion,
            item=item,
            score=score,
            recorded_on=recorded_on,
        )
        row.score, row.recorded_on, row.recorded_by_user_id = score, recorded_on, by.id
        session.add(row)
    add_audit(
        session,
        "self_rating_recorded",
        user=by,
        object_type="application",
        object_id=application.id,
    )
    session.commit()
    return len(found)


def ratings_of(session: Session, application: Application) -> dict[tuple[str, str], int]:
    """Return one person's scores by (occasion, item), for the change per person."""
    rows = session.exec(select(SelfRating).where(col(SelfRating.application_id) == application.id))
    return {(r.occasion, r.item): r.score for r in rows}


def rating_changes(session: Session, start: date, end: date) -> list[RatingChange]:
    """Return per item the average start and end score of people whose plan ended in the period.

    One ``GROUP BY`` over the pairs (start, end) of the same person and item; an
    item rated by fewer than 5 people shows "< 5" and no averages.
    """
    first, last = aliased(SelfRating), aliased(SelfRating)
    query = (
        select(first.item, func.count(), func.avg(first.score), func.avg(last.score))
        .join(
            last,
            and_(
                col(last.application_id) == col(first.application_id),
                col(last.item) == col(first.item),
                col(last.occasion) == "avslut",
            ),
        )
        .join(PlanEnd, col(PlanEnd.application_id) == col(first.application_id))
        .where(
            col(first.occasion) == "start",
            col(PlanEnd.end_date) >= start,
            col(PlanEnd.end_date) <= end,
        )
        .group_by(first.item)
    )
    counted = {item: (int(n), a, b) for item, n, a, b in session.execute(query)}
    figures = suppress({item: counted.get(item, (0,))[0] for item in RATING_ITEMS}, [])
    changes = []
    for item, label in RATING_ITEMS.items():
        people = figures[item]
        _, before, after = counted.get(item, (0, None, None))
        shown = not people.hidden and people.count > 0
        changes.append(
            RatingChange(
                item,
                label,
                people,
                float(before) if shown and before is not None else None,
                float(after) if shown and after is not None else None,
            )
        )
    return changes


def record_unmet_need(
    session: Session,
    *,
    rule_set: RuleSet,
    by: User,
    draft: UnmetNeed,
    today: date,
    application_id: int | None = None,
) -> UnmetNeedEntry:
    """Add a need no partner could meet to the register ("Behov utan insats").

    :raise FollowUpError: when the entry is wrong (Swedish, from the core).
    """
    checked = read_unmet_need(rule_set.taxonomy, draft, today=today)
    entry = UnmetNeedEntry(
        application_id=application_id,
        need_id=checked.need,
        party=checked.party,
        kind=checked.kind,
        text=checked.text,
        recorded_on=checked.recorded_on,
        recorded_by_user_id=by.id,
    )
    session.add(entry)
    session.flush()
    add_audit(session, "unmet_need_recorded", user=by, object_type="unmet_need", object_id=entry.id)
    session.commit()
    return entry
