"""Demo follow-up data: invented ended cases over two years, their follow-ups and unmet needs.

Everything is fictional and drawn from a seeded random generator, so every load
gives the same figures. Loading is idempotent: when cases with the demo goal
exist, nothing is added. The bench and the tests use :func:`add_ended_cases` too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from sqlmodel import Session, col, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    FollowUpRecord,
    PlanEnd,
    PlanEndIntervention,
    UnmetNeedEntry,
    User,
)
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.followup import follow_up_due
from mgt_assistant.domain.parties import FINSAM_PARTIES

DEMO_GOAL: Final = "Komma närmare arbete eller studier (demo, uppföljning)"
# Enough per quarter (about 30) that the trend shows figures rather than "< 5".
DEMO_CASES: Final = 240
# (end reason, weight): about a quarter to work or studies, half a step, a quarter early end.
END_REASONS: Final = (
    ("arbete_utan_stod", 8),
    ("arbete_med_stod", 8),
    ("studier", 7),
    ("af_program", 20),
    ("forstarkt_samarbete", 12),
    ("annan_parts_insats", 17),
    ("ater_remittent", 9),
    ("avbrutit_sjalv", 6),
    ("ohalsa", 6),
    ("vard", 3),
    ("flyttat", 2),
    ("annat", 2),
)
INTERVENTIONS: Final = (
    "mac",
    "naturbaserad-rehabilitering",
    "forstegsverksamhet",
    "redo",
    "kbt",
    "budget-skuldradgivning",
    "arbetsformaga-bedomning",
    "rehabkoordinator",
)
OUTCOMES: Final = (("fullfoljd", 7), ("avbruten", 2), ("inte_paborjad", 1))
AGE_GROUPS: Final = (
    ("16-19", 2),
    ("20-24", 5),
    ("25-29", 5),
    ("30-39", 6),
    ("40-49", 4),
    ("50-59", 2),
)
GENDERS: Final = (("kvinna", 10), ("man", 10), ("annat", 1), ("vill_ej_uppge", 1), (None, 1))
INCOMES: Final = ("ekonomiskt_bistand", "sjukpenning", "aktivitetsstod", "a_kassa", "annan")
UNMET: Final = (
    ("housing.homeless", "kommun", "for_lang_vantan", "Kö till akutboende längre än tre månader."),
    ("health.npf", "region", "for_lang_vantan", "Väntetid till NPF-utredning över ett år."),
    ("economy.debt", "kommun", "ingen_insats", "Ingen skuldrådgivning på kvällstid."),
    ("health.substance_use", "region", "regel_blockerade", "Krav på nykterhet före start."),
    (
        "work_readiness.language",
        "af",
        "ingen_insats",
        "Ingen språkträning för den som är sjukskriven.",
    ),
)


@dataclass(frozen=True)
class Referrer:
    """The account and party a demo case is referred from."""

    user_id: int
    party: str
    name: str


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _follow_up_result(rng: random.Random, reason: str) -> str:
    # People who left for work or studies mostly stay there; early ends mostly do not.
    if reason in ("arbete_utan_stod", "arbete_med_stod", "studier"):
        return rng.choice(("work", "work", "studies", "other_step", "no_change"))
    if reason in ("af_program", "forstarkt_samarbete", "annan_parts_insats"):
        return rng.choice(("work", "studies", "other_step", "other_step", "no_change"))
    return rng.choice(("other_step", "no_change", "no_change", "not_reached"))


def add_ended_cases(
    session: Session,
    *,
    count: int,
    referrers: list[Referrer],
    today: date,
    seed: int = 11,
    days: int = 730,
) -> int:
    """Add ``count`` invented ended cases with ends spread over ``days`` before today; commit."""
    rng = random.Random(seed)
    applications = []
    for number in range(count):
        referrer = referrers[number % len(referrers)]
        applications.append(
            Application(
                status=ApplicationStatus.FOLLOW_UP,
                person_name=f"Påhittad Person {number + 1}",
                age_band=_pick(rng, AGE_GROUPS),
                gender=_pick(rng, GENDERS),
                home_area=rng.choice(("tatort", "tatort", "landsbygd")),
                income_source=rng.choice(INCOMES),
                education_level=rng.choice(("grundskola", "ej_gymnasium", "gymnasium", "okand")),
                referrer_user_id=referrer.user_id,
                referrer_party=referrer.party,
                referrer_name=referrer.name,
                goal=DEMO_GOAL,
                consent_obtained=True,
                person_informed=True,
            )
        )
    session.add_all(applications)
    session.flush()
    ends = []
    for application in applications:
        if application.id is None:
            raise ValueError("application was not saved")
        end = today - timedelta(days=rng.randrange(days))
        ends.append(
            PlanEnd(
                application_id=application.id,
                start_date=end - timedelta(days=rng.randrange(90, 300)),
                end_date=end,
                end_reason=_pick(rng, END_REASONS),
                income_source_at_end=rng.choice((*INCOMES, "lon", "csn")),
                age_group=application.age_band or "okand",
                due_6m=follow_up_due(end, 6),
                due_12m=follow_up_due(end, 12),
            )
        )
        for party in FINSAM_PARTIES:
            session.add(
                Consent(application_id=application.id, party=party, given_on=end - timedelta(300))
            )
    session.add_all(ends)
    session.flush()
    for application, ended in zip(applications, ends, strict=True):
        if ended.id is None:
            raise ValueError("plan end was not saved")
        for intervention in rng.sample(INTERVENTIONS, rng.randint(1, 3)):
            session.add(
                PlanEndIntervention(
                    plan_end_id=ended.id, intervention_id=intervention, outcome=_pick(rng, OUTCOMES)
                )
            )
        for months, due in ((6, ended.due_6m), (12, ended.due_12m)):
            if due > today or rng.random() > 0.85:
                continue
            answered = min(today, due + timedelta(days=rng.randrange(0, 20)))
            result = _follow_up_result(rng, ended.end_reason)
            income = "lon" if result == "work" else "csn" if result == "studies" else "annan"
            session.add(
                FollowUpRecord(
                    plan_end_id=ended.id,
                    months=months,
                    result=result,
                    income_source=income,
                    answered_on=answered,
                )
            )
            if months == 12:
                application.status = ApplicationStatus.CLOSED
    session.commit()
    return count


def add_unmet_needs(session: Session, *, today: date, seed: int = 11, count: int = 40) -> None:
    """Add invented "Behov utan insats" entries over the last two years; commit."""
    rng = random.Random(seed)
    for _ in range(count):
        need, party, kind, text = rng.choice(UNMET)
        recorded = today - timedelta(days=rng.randrange(730))
        session.add(
            UnmetNeedEntry(need_id=need, party=party, kind=kind, text=text, recorded_on=recorded)
        )
    session.commit()


def load_demo_follow_up(session: Session) -> int:
    """Load the demo's ended cases and unmet needs unless they exist; return cases added."""
    if session.exec(select(Application).where(col(Application.goal) == DEMO_GOAL)).first():
        return 0
    users = {
        u.username: u
        for u in session.exec(
            select(User).where(col(User.username).in_(["remittent", "remittent.af"]))
        )
    }
    referrers = [
        Referrer(user.id, user.party or "kommun", user.display_name.removesuffix(" (demo)"))
        for user in users.values()
        if user.id is not None
    ]
    if not referrers:
        return 0
    today = swedish_time.today()
    added = add_ended_cases(session, count=DEMO_CASES, referrers=referrers, today=today)
    add_unmet_needs(session, today=today)
    return added
