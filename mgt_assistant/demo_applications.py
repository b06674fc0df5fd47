"""Demo applications: invented people and cases, in several statuses, for the demo only.

No personnummer is used (any valid one could belong to a real person). Loading is
idempotent: a case whose goal already exists for its referrer is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, select

from mgt_assistant.db.models import Application, ApplicationStatus, User, utcnow
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.referral import CONSENT_SCOPES, consent_field, validate_application
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.domain.vocabularies import Vocabularies
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import applications as cases


@dataclass(frozen=True)
class DemoCase:
    """One invented case, as the referrer would type it."""

    referrer: str
    status: ApplicationStatus
    form: dict[str, str]
    consent_keys: tuple[str, ...] = ()
    alternative: str | None = None


_CHECKLIST = {"person_informed": "1", "consent_obtained": "1", "payer_informed_and_approved": "1"}

DEMO_CASES = (
    DemoCase(
        "remittent",
        ApplicationStatus.SUBMITTED,
        {
            "person_name": "Alex Exempelsson (påhittad)",
            "birth_year": "1991",
            "gender": "kvinna",
            "home_area": "landsbygd",
            "income_source": "ekonomiskt_bistand",
            "paying_party": "kommun",
            "time_without_work": "over_2_ar",
            "education_level": "ej_gymnasium",
            "goal": "Komma närmare arbete och få ordning på ekonomin. (Demo)",
            "own_resources_tried": "Budgetrådgivning och två samtal med arbetsmarknadsenheten.",
            "description": (
                "Alex har skulder hos Kronofogden och bor i andrahand på korta kontrakt. "
                "Hon har varit arbetslös i fyra år och beskriver ångest. Inga pågående "
                "kontakter med vården."
            ),
            "brings_companion": "1",
            **_CHECKLIST,
        },
        ("af", "fk", "region_primarvard", "region_psykiatri", "kommun_socialtjanst"),
    ),
    DemoCase(
        "remittent.af",
        ApplicationStatus.RECEIVED,
        {
            "person_name": "Robin Påhittsson (påhittad)",
            "birth_year": "1999",
            "gender": "man",
            "home_area": "tatort",
            "income_source": "aktivitetsstod",
            "paying_party": "fk",
            "time_without_work": "1_2_ar",
            "education_level": "gymnasium",
            "goal": "Hitta en väg till studier eller arbete. (Demo)",
            "own_resources_tried": "Rusta och matcha i sex månader utan att komma vidare.",
            "description": "Robin är sjukskriven på deltid och utreds för ADHD. Han har skulder.",
            **_CHECKLIST,
        },
        ("af", "fk", "region_psykiatri", "kommun_socialtjanst", "kommun_utbildning"),
    ),
    DemoCase(
        "remittent",
        ApplicationStatus.NOT_RELEVANT,
        {
            "person_name": "Sam Uppdiktad (påhittad)",
            "birth_year": "1975",
            "income_source": "lon",
            "paying_party": "ingen",
            "time_without_work": "arbetar",
            "goal": "Stöd att behålla arbetet. (Demo)",
            "own_resources_tried": "Samtal med handläggare.",
            "description": "Sam arbetar heltid men har svårt med budgeten.",
            **_CHECKLIST,
        },
        ("af", "kommun_socialtjanst"),
        alternative="Budget- och skuldrådgivningen i kommunen räcker just nu. Hör av dig igen "
        "om situationen ändras.",
    ),
    DemoCase(
        "remittent",
        ApplicationStatus.DRAFT,
        {
            "person_name": "Kim Testberg (påhittad)",
            "birth_year": "2003",
            "goal": "Utkast: komma igång med studier. (Demo)",
            "description": "Kim har inte avslutat gymnasiet.",
        },
    ),
    DemoCase(
        "remittent.af",
        ApplicationStatus.SUBMITTED,
        {
            "kind": "anonym",
            "age_band": "20-24",
            "gender": "vill_ej_uppge",
            "home_area": "tatort",
            "goal": "Råd om nästa steg för en ung person som fastnat. (Demo)",
            "own_resources_tried": "Praktik via Arbetsförmedlingen som avbröts.",
            "description": "Personen saknar bostad, har ångest och har aldrig haft ett arbete.",
        },
    ),
)


def _raw(case: DemoCase, referrer: User, today: date) -> dict[str, str]:
    raw = {
        "referrer_party": referrer.party or "",
        "referrer_unit": referrer.unit or "",
        "referrer_name": referrer.display_name,
        **case.form,
    }
    for scope in CONSENT_SCOPES:
        if scope.key in case.consent_keys:
            raw[consent_field(scope, "included")] = "1"
            raw[consent_field(scope, "given_on")] = (today - timedelta(days=7)).isoformat()
    return raw


def load_demo_applications(session: Session, rules_dir: Path = DEFAULT_RULES_DIR) -> int:
    """Create the demo cases that are missing; return how many were created."""
    today = swedish_time.today()
    rule_set = load_rule_set(rules_dir)
    vocabularies = Vocabularies.of(rule_set)
    created = 0
    for case in DEMO_CASES:
        referrer = session.exec(select(User).where(User.username == case.referrer)).first()
        if referrer is None or referrer.id is None:
            continue
        exists = session.exec(
            select(Application).where(
                Application.referrer_user_id == referrer.id,
                Application.goal == case.form["goal"],
            )
        ).first()
        if exists is not None:
            continue
        validated = validate_application(
            _raw(case, referrer, today),
            vocabularies,
            anonymous=case.form.get("kind") == "anonym",
            submitting=case.status is not ApplicationStatus.DRAFT,
            today=today,
        )
        if not validated.ok:
            raise ValueError(f"demoärendet är ogiltigt: {validated.errors}")
        application = cases.save_application(
            session, validated=validated, by=referrer, lexicon=rule_set.lexicon
        )
        if case.status is not ApplicationStatus.DRAFT:
            application.status = case.status
            application.submitted_at = utcnow()
            application.alternative_suggestion = case.alternative
            session.add(application)
            session.commit()
        created += 1
    return created
