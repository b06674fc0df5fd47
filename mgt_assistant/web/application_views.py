"""Pages of the application area as typed views: the form with its pre-check, and the case.

The routes in ``applications`` stay thin: they parse, call the services and
hand over to these builders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel, Field
from sqlmodel import Session
from starlette.responses import Response

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    ConsentEvent,
    Meeting,
    Role,
    User,
)
from mgt_assistant.domain import referral
from mgt_assistant.domain.needs import Lexicon, read_text
from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTIES, PARTY_NAMES
from mgt_assistant.domain.precheck import Precheck, acute_alerts, run_precheck
from mgt_assistant.domain.rules.model import AlertRoute
from mgt_assistant.domain.rules.target import limits_of
from mgt_assistant.domain.swedish_time import format_date, today
from mgt_assistant.domain.target_group import Limits
from mgt_assistant.domain.vocabularies import Vocabularies
from mgt_assistant.services import applications as cases
from mgt_assistant.services import consent
from mgt_assistant.services.case_lists import MAX_PAGE, ListFilter
from mgt_assistant.web.deps import LexiconDep, RulesDep
from mgt_assistant.web.rendering import NoticeView, View, render


@dataclass(frozen=True)
class NeedsRules:
    """What the pre-check and booking read needs with: lexicon, taxonomy, target group."""

    lexicon: Lexicon
    taxonomy: NeedTaxonomy
    limits: Limits
    vocabularies: Vocabularies
    alert_routes: Mapping[str, AlertRoute]


def get_needs_rules(lexicon: LexiconDep, rules: RulesDep) -> NeedsRules:
    """Bundle the lexicon with the active rule set's taxonomy, target group and vocabularies."""
    return NeedsRules(
        lexicon,
        rules.rule_set.taxonomy,
        limits_of(rules.rule_set),
        Vocabularies.of(rules.rule_set),
        rules.rule_set.alert_routes,
    )


NeedsDep = Annotated[NeedsRules, Depends(get_needs_rules)]


def form_precheck(form: Mapping[str, str], needs: NeedsRules, anonymous: bool) -> Precheck:
    """Run the pre-check on the form as typed, counting only parties with consent."""
    values = referral.validate_application(
        form, needs.vocabularies, anonymous=anonymous, submitting=False, today=today()
    ).values
    included = {
        scope.party
        for scope in referral.CONSENT_SCOPES
        if form.get(referral.consent_field(scope, "included"))
    }
    reading = read_text(values["description"], needs.lexicon)
    return run_precheck(
        reading.needs,
        needs.taxonomy,
        age_range=referral.age_range(
            birth_date=values["birth_date"],
            birth_year=values["birth_year"],
            age_band=values["age_band"],
            today=today(),
        ),
        own_resources_tried=bool(values["own_resources_tried"]),
        excluded_parties=frozenset(PARTIES) - included
        if included and not anonymous
        else frozenset(),
        limits=needs.limits,
        alerts=acute_alerts(reading.signals, needs.alert_routes),
    )


def new_form(user: User, anonymous: bool) -> dict[str, str]:
    """Return an empty form with the referrer's details and today's consent date."""
    form = {
        "kind": "anonym" if anonymous else "ansokan",
        "referrer_party": user.party or "",
        "referrer_unit": user.unit or "",
        "referrer_name": user.display_name,
    }
    for scope in referral.CONSENT_SCOPES:
        form[referral.consent_field(scope, "given_on")] = today().isoformat()
    return form


@dataclass(frozen=True)
class FormView(View):
    """The application form with what was typed, errors per field and the pre-check."""

    form: Mapping[str, str]
    errors: Mapping[str, str]
    anonymous: bool
    precheck: Precheck
    action: str
    consent_scopes: Sequence[referral.ConsentScope]
    age_bands: Mapping[str, str]
    genders: Mapping[str, str]
    home_areas: Mapping[str, str]
    income_sources: Mapping[str, str]
    paying_parties: Mapping[str, str]
    time_without_work: Mapping[str, str]
    education_levels: Mapping[str, str]
    parties: Mapping[str, str]
    # The referrer's unit: partners.yaml units grouped by party (an optgroup each).
    units: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class CaseView(View):
    """A case: facts, needs and target group, consent and its log, the team's actions."""

    application: Application
    age_band_label: str | None
    referrer_unit_label: str | None
    facts: list[tuple[str, str | None]]
    meeting: Meeting | None
    precheck: Precheck
    consents: list[tuple[Consent, str]]
    consent_log: list[tuple[ConsentEvent, User | None]]
    # Each stored unit id's Swedish name, per party (consent rows and their log).
    unit_names: Mapping[str, Mapping[str, str]]
    consent_actions: Mapping[str, str]
    revocable: list[str]
    blocked: bool
    is_team: bool
    is_owner: bool
    next_step: ApplicationStatus | None
    # The plan is decided (or in Uppföljning without a recorded end): the end form is the way on.
    can_end_plan: bool
    can_book: bool
    can_decline: bool
    form: Mapping[str, str]
    errors: Mapping[str, str]
    action_error: str | None


@dataclass(frozen=True)
class ListedApplication:
    """A row of the applications list."""

    application: Application
    notice: str | None
    meeting: Meeting | None
    unit_label: str | None = None


class ListChoice(BaseModel):
    """A list's page and filters, read from the URL; each list gives ``when`` its URL name."""

    sida: int = Field(1, ge=1, le=MAX_PAGE)
    status: str = Field("", max_length=32)
    part: str = Field("", max_length=16)
    when: str = Field("", max_length=16)

    def chosen(self, search: str = "") -> ListFilter:
        """Return the filter these choices and ``search`` make."""
        return ListFilter(search, self.status, self.part, self.when)


class Searched(BaseModel):
    """A list's search text: posted, never in a URL, since it may hold a name."""

    sok: str = Field("", max_length=200)


@dataclass(frozen=True)
class Pager:
    """Where a list's page stands, and the filters every page keeps."""

    page: int
    pages: int
    total: int
    chosen: ListFilter
    statuses: list[tuple[str, str]]
    parties: list[tuple[str, str]]
    whens: list[tuple[str, str]]


@dataclass(frozen=True)
class ApplicationListView(View):
    """The referrer's own applications, or every submitted one for the team, a page at a time."""

    rows: list[ListedApplication]
    is_applicant: bool
    pager: Pager | None = None


@dataclass(frozen=True)
class PrecheckView(View):
    """The pre-check alone (the htmx fragment's full-page twin)."""

    precheck: Precheck


def form_page(
    request: Request,
    form: Mapping[str, str],
    precheck: Precheck,
    vocabularies: Vocabularies,
    *,
    action: str,
    errors: dict[str, str] | None = None,
    application: Application | None = None,
) -> Response:
    """Render the application form with what was typed and a message per faulty field."""
    anonymous = form.get("kind") == "anonym"
    if application is not None:
        title = f"Ändra utkast – ärende {application.id}"
    else:
        title = "Anonym konsultation" if anonymous else "Ansökan till MGT"
    view = FormView(
        title=title,
        form=form,
        errors=errors or {},
        anonymous=anonymous,
        precheck=precheck,
        action=action,
        consent_scopes=referral.CONSENT_SCOPES,
        age_bands={code: label for code, (label, _low, _high) in referral.AGE_BANDS.items()},
        genders=referral.GENDERS,
        home_areas=referral.HOME_AREAS,
        income_sources=vocabularies.income_sources,
        paying_parties=referral.PAYING_PARTIES,
        time_without_work=referral.TIME_WITHOUT_WORK,
        education_levels=referral.EDUCATION_LEVELS,
        parties={party: PARTY_NAMES[party] for party in FINSAM_PARTIES},
        units={party: vocabularies.units.get(party, {}) for party in FINSAM_PARTIES},
    )
    return render(request, "applications/form.html", view, status_code=422 if errors else 200)


def stored_form(session: Session, application: Application) -> dict[str, str]:
    """Return a saved draft as form text, consent choices included."""
    form: dict[str, str] = {"kind": "anonym" if application.anonymous else "ansokan"}
    for name in cases.FORM_FIELDS:
        value = getattr(application, name)
        if isinstance(value, bool):
            form[name] = "1" if value else ""
        elif value is not None:
            form[name] = str(value)
    rows = {
        (row.party, row.unit): row for row in consent.consent_rows(session, application.id or 0)
    }
    for scope in referral.CONSENT_SCOPES:
        row = rows.get((scope.party, scope.unit))
        if row is None:
            form[referral.consent_field(scope, "given_on")] = today().isoformat()
            continue
        form[referral.consent_field(scope, "included")] = "1" if row.included else ""
        for part in ("given_on", "valid_until"):
            value = getattr(row, part)
            form[referral.consent_field(scope, part)] = value.isoformat() if value else ""
    return form


def _consent_state(row: Consent) -> str:
    if row.revoked_at is not None:
        return f"Återkallat {format_date(row.revoked_at)}"
    if not row.included:
        return "Utesluten"
    if row.valid_until is not None and row.valid_until < today():
        return "Utgånget"
    return "Gäller"


def _facts(application: Application, vocabularies: Vocabularies) -> list[tuple[str, str | None]]:
    def label(choices: Mapping[str, str], value: str | None) -> str | None:
        return choices.get(value, value) if value else None

    return [
        ("Kön", label(referral.GENDERS, application.gender)),
        ("Bor i", label(referral.HOME_AREAS, application.home_area)),
        ("Försörjning", label(vocabularies.income_sources, application.income_source)),
        (
            "Part som betalar försörjningen",
            label(referral.PAYING_PARTIES, application.paying_party),
        ),
        ("Tid utan arbete", label(referral.TIME_WITHOUT_WORK, application.time_without_work)),
        ("Utbildningsnivå", label(referral.EDUCATION_LEVELS, application.education_level)),
    ]


def case_page(
    request: Request,
    session: Session,
    user: User,
    application: Application,
    needs: NeedsRules,
    *,
    form: Mapping[str, str] | None = None,
    errors: dict[str, str] | None = None,
    action_error: str | None = None,
) -> Response:
    """Render the case: facts, needs and target group, consent and its log, the team's actions."""
    application_id = application.id or 0
    shared = not application.anonymous and application.consent_obtained
    blocked = consent.processing_blocked(session, application)
    is_team = user.role is Role.MGT
    status = application.status
    facts = cases.target_group_facts(session, application, today())
    # The needs are stored with the application; its acute risks are read from the words,
    # so that the case page, like the form, names them first.
    signals = read_text(application.description, needs.lexicon).signals
    precheck = run_precheck(
        cases.application_needs(session, application, needs.lexicon),
        needs.taxonomy,
        age_range=facts.age_range,
        own_resources_tried=facts.own_resources_tried,
        excluded_parties=facts.excluded_parties,
        limits=needs.limits,
        alerts=acute_alerts(signals, needs.alert_routes),
    )
    may_revoke = shared and (is_team or application.referrer_user_id == user.id)
    band = referral.AGE_BANDS.get(application.age_band or "")
    view = CaseView(
        title=("Anonym konsultation" if application.anonymous else "Ansökan")
        + f" – ärende {application_id}",
        application=application,
        age_band_label=band[0] if band else None,
        referrer_unit_label=needs.vocabularies.unit_name(
            application.referrer_party, application.referrer_unit
        ),
        facts=_facts(application, needs.vocabularies),
        meeting=cases.meeting_for(session, application_id=application_id),
        precheck=precheck,
        consents=[
            (row, _consent_state(row)) for row in consent.consent_rows(session, application_id)
        ],
        consent_log=consent.consent_log(session, application_id),
        unit_names=needs.vocabularies.units,
        consent_actions=consent.CONSENT_ACTIONS,
        revocable=sorted(consent.taking_part(session, application_id)) if may_revoke else [],
        blocked=blocked,
        is_team=is_team,
        is_owner=application.referrer_user_id == user.id,
        next_step=cases.NEXT_STEP.get(status),
        can_end_plan=_can_end_plan(session, application),
        can_book=status in cases.TEAM_TRANSITIONS[cases.Status.BOOKED],
        can_decline=status in cases.TEAM_TRANSITIONS[cases.Status.NOT_RELEVANT],
        form=form or {},
        errors=errors or {},
        action_error=action_error,
    )
    failed = bool(errors or action_error)
    return render(request, "applications/detail.html", view, status_code=422 if failed else 200)


def _can_end_plan(session: Session, application: Application) -> bool:
    # A decided plan, or Uppföljning reached without a recorded end (by the old status button).
    if application.status is ApplicationStatus.PLAN_DECIDED:
        return True
    return application.status is ApplicationStatus.FOLLOW_UP and not cases.plan_has_ended(
        session, application
    )


def notice_page(request: Request, notice: str) -> Response:
    """Render the consent notice shown instead of a case."""
    view = NoticeView("Ärendet visas inte", notice)
    return render(request, "applications/notice.html", view, status_code=403)
