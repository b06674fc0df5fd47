"""Demo meetings: invented cases at three stages, played through the real meeting core.

Planned (only the referral), ongoing (an anonymous consultation with a
conversation and needs under review) and decided (a saved plan, version 1).
Everything is fictional. Loading is idempotent: a case whose goal exists is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    Meeting,
    MeetingStatus,
    User,
    utcnow,
)
from mgt_assistant.domain.meeting import MeetingCore, make_meeting_core
from mgt_assistant.domain.meeting.commands import Propose
from mgt_assistant.domain.meeting.versions import Decision
from mgt_assistant.domain.parties import FINSAM_PARTIES
from mgt_assistant.domain.rules import Recommender, load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import decisions
from mgt_assistant.services import meetings as actions


@dataclass(frozen=True)
class DemoMeeting:
    """An invented case and how far its meeting has come."""

    referrer: str
    stage: MeetingStatus
    days_from_today: int
    hour: int
    goal: str
    description: str
    person_name: str | None = None
    birth_year: int | None = None
    income_source: str | None = None
    conversation: tuple[tuple[str, str], ...] = ()
    edits: tuple[str, ...] = field(default=())


DEMO_MEETINGS = (
    DemoMeeting(
        "remittent",
        MeetingStatus.PLANNED,
        1,
        10,
        "Få ett eget jobb inom lager eller logistik. (demo-möte)",
        "Kim har sms-lån och inkasso och har svårt att betala hyran. Kim har aldrig haft ett "
        "arbete och sover dåligt.",
        person_name="Kim Demosson (påhittad)",
        birth_year=1998,
        income_source="ekonomiskt_bistand",
    ),
    DemoMeeting(
        "remittent.af",
        MeetingStatus.ONGOING,
        0,
        9,
        "Att orka en hel arbetsdag igen. (demo-möte)",
        "Personen har varit arbetslös i tre år och är sjukskriven för utmattning.",
        income_source="sjukpenning",
        conversation=(
            ("individen", "Jag bor i egen lägenhet, det fungerar bra."),
            ("fk", "Sjukpenningen går ut om två månader."),
        ),
    ),
    DemoMeeting(
        "remittent",
        MeetingStatus.DECIDED,
        -7,
        13,
        "Jag vill jobba med djur. (demo-möte)",
        "Robin har varit arbetslös i fem år. Misstänkt ADHD, inte utredd.",
        person_name="Robin Exempel (påhittad)",
        birth_year=1993,
        income_source="ekonomiskt_bistand",
        conversation=(
            ("individen", "Jag bor hos min mamma men måste flytta därifrån. Inga skulder."),
            ("region", "Ingen kontakt med psykiatrin i dag."),
        ),
        edits=(
            "sätt kontaktperson för MAC till Mira Demo",
            "ändra start för Boendestöd till vecka 3",
        ),
    ),
)


def _start(case: DemoMeeting, referrer: User, actor: User) -> tuple[Application, Meeting]:
    day = utcnow().date() + timedelta(days=case.days_from_today)
    application = Application(
        status=ApplicationStatus.BOOKED,
        anonymous=case.person_name is None,
        person_name=case.person_name,
        birth_year=case.birth_year,
        income_source=case.income_source,
        referrer_user_id=referrer.id or 0,
        referrer_party=referrer.party or "kommun",
        referrer_unit=referrer.unit,
        referrer_name=referrer.display_name,
        referrer_contact="010-000 00 00 (demo)",
        goal=case.goal,
        own_resources_tried="Egna insatser har prövats. (demo)",
        description=case.description,
        person_informed=True,
        consent_obtained=case.person_name is not None,
        payer_informed_and_approved=True,
        submitted_at=utcnow(),
    )
    return application, Meeting(
        application_id=0,
        scheduled_at=datetime.combine(day, time(case.hour - 1), tzinfo=UTC),
        person_goal=case.goal.replace(" (demo-möte)", ""),
        created_by_user_id=actor.id,
    )


def _create(session: Session, case: DemoMeeting, core: MeetingCore, actor: User) -> None:
    referrer = session.exec(select(User).where(User.username == case.referrer)).one()
    application, meeting = _start(case, referrer, actor)
    session.add(application)
    session.flush()
    if application.id is None:
        raise ValueError("application was not saved")
    if not application.anonymous:
        for party in FINSAM_PARTIES:
            session.add(Consent(application_id=application.id, party=party))
    meeting.application_id = application.id
    session.add(meeting)
    session.commit()
    session.refresh(meeting)

    def say(speaker: str, text: str) -> None:
        actions.post_message(
            session,
            meeting=meeting,
            application=application,
            speaker=speaker,
            text=text,
            by=actor,
            core=core,
        )

    say("remittent", case.description)
    if case.stage is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.PLANNED
        session.add(meeting)
        session.commit()
        return
    for speaker, text in case.conversation:
        say(speaker, text)
    if case.stage is not MeetingStatus.DECIDED:
        return
    actions.command(
        session,
        meeting=meeting,
        application=application,
        action=Propose(),
        revision=None,
        by=actor,
        core=core,
    )
    for text in case.edits:
        say("kommun", text)
    session.refresh(meeting)
    decisions.save_decision(
        session,
        meeting=meeting,
        application=application,
        decision=Decision(
            meeting.scheduled_at.date() if meeting.scheduled_at else utcnow().date(),
            {"kommun": "Maja Lind", "region": "Omar Said", "af": "Lena Berg", "fk": "Jonas Ek"},
            person_took_part=True,
            person_agrees=True,
        ),
        revision=meeting.revision,
        by=actor,
        rule_set=core.rule_set,
    )


def load_demo_meetings(session: Session, rules_dir: Path = DEFAULT_RULES_DIR) -> int:
    """Create the demo meetings that are missing; return how many were created."""
    actor = session.exec(select(User).where(User.username == "mgt.kommun")).first()
    if actor is None:
        return 0
    missing = [
        case
        for case in DEMO_MEETINGS
        if session.exec(select(Application).where(Application.goal == case.goal)).first() is None
    ]
    if not missing:
        return 0
    rule_set = load_rule_set(rules_dir)
    core = make_meeting_core(rule_set, Recommender(rule_set))
    for case in missing:
        _create(session, case, core, actor)
    return len(missing)
