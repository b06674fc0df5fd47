"""One case, one target-group verdict: the case page and the meeting read the same facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session

from mgt_assistant.db.models import Application, Role, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.precheck import run_precheck
from mgt_assistant.domain.rules import check_target_group, load_rule_set, with_text_needs
from mgt_assistant.domain.rules.target import limits_of
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import applications as cases
from mgt_assistant.services.meetings import case_of
from tests.application_factory import shipped_lexicon, submitted_application

pytestmark = pytest.mark.db
RULES = load_rule_set(DEFAULT_RULES_DIR)


def _verdicts(db: Session, application: Application) -> tuple[bool | None, bool | None]:
    """Return (case page, meeting) verdicts for the same stored case."""
    today = swedish_time.today()
    needs = cases.application_needs(db, application, shipped_lexicon())
    facts = cases.target_group_facts(db, application, today)
    page = run_precheck(
        needs,
        RULES.taxonomy,
        age_range=facts.age_range,
        own_resources_tried=facts.own_resources_tried,
        excluded_parties=facts.excluded_parties,
        limits=limits_of(RULES),
    ).target_group
    meeting = check_target_group(
        RULES, with_text_needs(case_of(db, application, RULES, today), needs)
    )
    page_age = next(c.met for c in page.criteria if c.id == "age")
    meeting_age = next(c.met for c in meeting.criteria if c.id == "age")
    assert page_age == meeting_age
    return page.in_target_group, meeting.in_target_group


@pytest.mark.parametrize(
    "options",
    [
        {"anonymous": True, "age_band": "20-24"},
        {"anonymous": True, "age_band": "under-16"},
        {"anonymous": True, "age_band": "20-24", "own_resources_tried": "", "submit": False},
        {"birth_year": "1990"},
        {"birth_year": "2015"},
    ],
    ids=["band-inside", "band-under-16", "band-no-own-resources", "named", "named-child"],
)
def test_case_page_and_meeting_give_one_verdict(
    db: Session, make_user: Callable[..., User], options: dict[str, Any]
) -> None:
    referrer = make_user(Role.REMITTENT, party="kommun")
    application = submitted_application(db, referrer, **options)
    page, meeting = _verdicts(db, application)
    assert page == meeting


def test_an_age_band_inside_the_group_is_age_met_in_the_meeting_too(
    db: Session, make_user: Callable[..., User]
) -> None:
    referrer = make_user(Role.REMITTENT, party="kommun")
    application = submitted_application(db, referrer, anonymous=True, age_band="20-24")
    case = case_of(db, application, RULES, swedish_time.today())
    check = check_target_group(RULES, case)
    assert next(c.met for c in check.criteria if c.id == "age") is True
