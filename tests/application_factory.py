"""Build valid application forms and saved applications for tests."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlmodel import Session

from mgt_assistant.db.models import Application, User
from mgt_assistant.domain.needs import Lexicon, load_lexicon
from mgt_assistant.domain.referral import CONSENT_SCOPES, consent_field, validate_application
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.domain.vocabularies import Vocabularies
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import applications as cases

DESCRIPTION = (
    "Personen har skulder hos Kronofogden och saknar bostad sedan i våras. "
    "Hon har varit arbetslös i fyra år."
)


@cache
def shipped_lexicon() -> Lexicon:
    """The needs lexicon in rules/, loaded once."""
    return load_lexicon(DEFAULT_RULES_DIR)


@cache
def shipped_vocabularies() -> Vocabularies:
    """The income sources and units of the rule set in rules/, loaded once."""
    return Vocabularies.of(load_rule_set(DEFAULT_RULES_DIR))


def valid_form(
    referrer: User, *, consent_keys: tuple[str, ...] | None = None, **fields: str
) -> dict[str, str]:
    """Return a complete, valid application form for ``referrer``."""
    today = date.today()
    form = {
        "kind": "ansokan",
        "person_name": "Testa Testsson",
        "birth_year": "1990",
        "gender": "kvinna",
        "home_area": "landsbygd",
        "income_source": "ekonomiskt_bistand",
        "paying_party": referrer.party or "kommun",
        "time_without_work": "over_2_ar",
        "education_level": "gymnasium",
        "referrer_party": referrer.party or "kommun",
        "referrer_unit": referrer.unit or "",
        "referrer_name": referrer.display_name,
        "referrer_contact": "070-000 00 00",
        "goal": "Komma närmare arbete.",
        "own_resources_tried": "Budgetrådgivning och samtal.",
        "description": DESCRIPTION,
        "person_informed": "1",
        "consent_obtained": "1",
    }
    keys = consent_keys if consent_keys is not None else tuple(s.key for s in CONSENT_SCOPES)
    for scope in CONSENT_SCOPES:
        if scope.key in keys:
            form[consent_field(scope, "included")] = "1"
            form[consent_field(scope, "given_on")] = (today - timedelta(days=1)).isoformat()
    form.update(fields)
    return form


def anonymous_form(referrer: User, **fields: str) -> dict[str, str]:
    """Return a valid anonymous consultation form."""
    form = {
        "kind": "anonym",
        "age_band": "20-24",
        "referrer_party": referrer.party or "kommun",
        "referrer_name": referrer.display_name,
        "goal": "Råd om nästa steg.",
        "own_resources_tried": "Praktik som avbröts.",
        "description": DESCRIPTION,
    }
    form.update(fields)
    return form


def submitted_application(
    db: Session, referrer: User, *, submit: bool = True, **options: Any
) -> Application:
    """Save (and by default submit) an application through the same path as the form."""
    anonymous = options.pop("anonymous", False)
    form = anonymous_form(referrer, **options) if anonymous else valid_form(referrer, **options)
    validated = validate_application(
        form, shipped_vocabularies(), anonymous=anonymous, submitting=submit, today=date.today()
    )
    assert validated.ok, validated.errors
    application = cases.save_application(
        db, validated=validated, by=referrer, lexicon=shipped_lexicon()
    )
    if submit:
        cases.submit_application(db, application=application, by=referrer)
    return application
