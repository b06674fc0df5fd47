"""Applications to the MGT: the referrer's form and pre-check, the case, booking, consent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from pydantic import Field
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from mgt_assistant.db.models import APPLICATION_STATUS_LABELS, Application, Role, User
from mgt_assistant.domain import referral, swedish_time
from mgt_assistant.domain.clean_text import clean_text
from mgt_assistant.domain.parties import PARTIES, PARTY_NAMES
from mgt_assistant.services import access, consent
from mgt_assistant.services import applications as cases
from mgt_assistant.services import case_lists as lists
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.errors import AccessDenied
from mgt_assistant.web import application_views as pages
from mgt_assistant.web.application_forms import (
    ApplicationForm,
    ApplicationFormRead,
    BookingFormRead,
    DeclineFormRead,
    RevokeFormRead,
    StatusFormRead,
    action_of,
    in_form_order,
)
from mgt_assistant.web.application_views import NeedsDep, NeedsRules
from mgt_assistant.web.deps import Applicant, CaseReader, SessionDep, TeamMember
from mgt_assistant.web.forms import FormRead
from mgt_assistant.web.rendering import render

router = APIRouter(prefix="/ansokningar")


def _back(application_id: int | None) -> Response:
    return RedirectResponse(f"/ansokningar/{application_id}", status_code=303)


def _visible(session: Session, user: User, application_id: int) -> Application:
    application = cases.find_application(session, user=user, application_id=application_id)
    if application is None:
        # Another referrer's case or a draft: refused as if it did not exist, and logged.
        access.record_denial(session, user, "application", application_id)
        raise HTTPException(status_code=404)
    return application


def _log_read(session: Session, user: User, application_id: int) -> None:
    record_event(
        session,
        "application_viewed",
        user=user,
        object_type="application",
        object_id=application_id,
    )


def _own(session: Session, user: User, application_id: int) -> Application:
    application = _visible(session, user, application_id)
    if application.referrer_user_id != user.id:
        raise HTTPException(status_code=404)
    return application


def _case(session: Session, user: User, application_id: int) -> Application:
    """Return a case the one access rule lets the user see (403 and a logged denial if not)."""
    application = _visible(session, user, application_id)
    access.check_case(session, user=user, application=application)
    return application


@dataclass(frozen=True)
class TeamCase:
    """A team member's action on one case: who acts, on which case, and how it is answered."""

    request: Request
    session: Session
    user: User
    application: Application
    needs: NeedsRules

    def page(
        self,
        *,
        form: Mapping[str, str] | None = None,
        errors: dict[str, str] | None = None,
        action_error: str | None = None,
    ) -> Response:
        """Show the case page again, with what was typed and what was wrong."""
        return pages.case_page(
            self.request,
            self.session,
            self.user,
            self.application,
            self.needs,
            form=form,
            errors=errors,
            action_error=action_error,
        )

    def run(self, change: Callable[[], object]) -> Response:
        """Make the change and go back to the case; a refused one shows the case with why."""
        try:
            change()
        except cases.ApplicationError as error:
            return self.page(action_error=str(error))
        return _back(self.application.id)


def _team_case(
    request: Request, session: SessionDep, user: TeamMember, application_id: int, needs: NeedsDep
) -> TeamCase:
    return TeamCase(request, session, user, _case(session, user, application_id), needs)


# A team member's action on ``{application_id}`` (403/404 and a logged denial when hidden).
TeamCaseDep = Annotated[TeamCase, Depends(_team_case)]


# --- The referrer's form -------------------------------------------------------------


def _save(
    request: Request,
    session: Session,
    user: User,
    read: FormRead[ApplicationForm],
    needs: pages.NeedsRules,
    application: Application | None,
) -> Response:
    form = read.model.texts() if read.model is not None else read.typed
    anonymous = form.get("kind") == "anonym"
    action = read.model.action if read.model is not None else action_of(read.typed)
    validated = referral.validate_application(
        form,
        needs.vocabularies,
        anonymous=anonymous,
        submitting=action == "skicka",
        today=swedish_time.today(),
    )
    # A field the form model could not read keeps its message; both in the form's order.
    errors = in_form_order({**validated.errors, **read.errors})
    if action == "kontrollera" or errors:
        return pages.form_page(
            request,
            read.typed,
            pages.form_precheck(form, needs, anonymous),
            needs.vocabularies,
            action=f"/ansokningar/{application.id}/andra" if application else "/ansokningar/ny",
            errors=errors if action != "kontrollera" else None,
            application=application,
        )
    saved = cases.save_application(
        session, validated=validated, by=user, lexicon=needs.lexicon, application=application
    )
    if action == "skicka":
        cases.submit_application(session, application=saved, by=user)
    return _back(saved.id)


@dataclass(frozen=True)
class ListAsked:
    """Who asks for the list of cases, and the need names it shows them with."""

    request: Request
    session: Session
    user: User
    needs: NeedsRules


def _list_asked(
    request: Request, session: SessionDep, user: CaseReader, needs: NeedsDep
) -> ListAsked:
    return ListAsked(request, session, user, needs)


ListAskedDep = Annotated[ListAsked, Depends(_list_asked)]


class ApplicationChoice(pages.ListChoice):
    """The list's page and filters; ``mote`` is "bokat" or "ej-bokat"."""

    when: str = Field("", max_length=16, alias="mote")


class ApplicationSearch(ApplicationChoice, pages.Searched):
    """The list's page and filters posted with a search."""


@router.get("")
def list_applications(
    asked: ListAskedDep, choice: Annotated[ApplicationChoice, Query()]
) -> Response:
    """List the referrer's own applications, or every submitted one for the team, by page."""
    return _listing(asked, choice.chosen(), choice.sida)


@router.post("")
def search_applications(
    asked: ListAskedDep, choice: Annotated[ApplicationSearch, Form()]
) -> Response:
    """Search and filter the list; a search (it may hold a name) is posted, never in a URL."""
    return _listing(asked, choice.chosen(clean_text(choice.sok).strip()), choice.sida)


def _listing(asked: ListAsked, chosen: lists.ListFilter, page: int) -> Response:
    request, session, user, needs = asked.request, asked.session, asked.user, asked.needs
    found = lists.list_applications(session, user=user, chosen=chosen, page=page)
    rows = [
        pages.ListedApplication(
            row.application,
            row.notice,
            row.meeting,
            needs.vocabularies.unit_name(
                row.application.referrer_party, row.application.referrer_unit
            ),
        )
        for row in found.rows
    ]
    pager = pages.Pager(
        found.page,
        found.pages,
        found.total,
        chosen,
        [(s.value, label) for s, label in APPLICATION_STATUS_LABELS.items()],
        [(p, PARTY_NAMES[p]) for p in PARTIES],
        [("bokat", "Möte bokat"), ("ej-bokat", "Inget möte bokat")],
    )
    view = pages.ApplicationListView("Ansökningar", rows, user.role is Role.REMITTENT, pager)
    return render(request, "applications/index.html", view)


@router.get("/ny")
def new_application(request: Request, user: Applicant, needs: NeedsDep) -> Response:
    """Show an empty application with the referrer's details filled in."""
    form = pages.new_form(user, anonymous=False)
    precheck = pages.form_precheck(form, needs, False)
    return pages.form_page(request, form, precheck, needs.vocabularies, action="/ansokningar/ny")


@router.get("/ny-anonym")
def new_consultation(request: Request, user: Applicant, needs: NeedsDep) -> Response:
    """Show an empty anonymous consultation."""
    form = pages.new_form(user, anonymous=True)
    precheck = pages.form_precheck(form, needs, True)
    return pages.form_page(request, form, precheck, needs.vocabularies, action="/ansokningar/ny")


@router.post("/ny")
def create_application(
    request: Request,
    session: SessionDep,
    user: Applicant,
    form: ApplicationFormRead,
    needs: NeedsDep,
) -> Response:
    """Save a new draft or submit it; on bad input show the form again with what was typed."""
    return _save(request, session, user, form, needs, None)


@router.post("/forhandskontroll")
def precheck(
    request: Request, user: Applicant, form: ApplicationFormRead, needs: NeedsDep
) -> Response:
    """Return the pre-check of the form as typed so far (htmx, debounced)."""
    texts = form.model.texts() if form.model is not None else form.typed
    result = pages.form_precheck(texts, needs, texts.get("kind") == "anonym")
    return render(
        request,
        "applications/precheck.html",
        pages.PrecheckView("Förhandskontroll", result),
        fragment="applications/_precheck.html",
    )


@router.get("/{application_id}/andra")
def edit_application(
    request: Request, session: SessionDep, user: Applicant, application_id: int, needs: NeedsDep
) -> Response:
    """Show the referrer's draft for editing.

    :raise 404: when it is not the user's own application.
    """
    application = _own(session, user, application_id)
    if application.status is not cases.Status.DRAFT:
        return _back(application_id)
    _log_read(session, user, application_id)
    form = pages.stored_form(session, application)
    return pages.form_page(
        request,
        form,
        pages.form_precheck(form, needs, application.anonymous),
        needs.vocabularies,
        action=f"/ansokningar/{application_id}/andra",
        application=application,
    )


@router.post("/{application_id}/andra")
def update_application(
    request: Request,
    session: SessionDep,
    user: Applicant,
    application_id: int,
    form: ApplicationFormRead,
    needs: NeedsDep,
) -> Response:
    """Save or submit the referrer's draft.

    :raise 404: when it is not the user's own application.
    :raise 409: when it has already been submitted.
    """
    application = _own(session, user, application_id)
    if application.status is not cases.Status.DRAFT:
        raise HTTPException(status_code=409)
    return _save(request, session, user, form, needs, application)


# --- The case, the team's actions and consent revocation -----------------------------


@router.get("/{application_id}")
def show_application(
    request: Request, session: SessionDep, user: CaseReader, application_id: int, needs: NeedsDep
) -> Response:
    """Show a case, or the consent notice when consent hides it from this user.

    :raise 404: when the user may not know the case exists.
    """
    application = _visible(session, user, application_id)
    try:
        access.check_case(session, user=user, application=application)
    except AccessDenied as denied:
        return pages.notice_page(request, denied.notice or "")
    _log_read(session, user, application_id)
    return pages.case_page(request, session, user, application, needs)


@router.post("/{application_id}/status")
def change_status(on: TeamCaseDep, form: StatusFormRead) -> Response:
    """Move the case one step on: mottagen, plan beslutad, uppföljning or avslutad."""
    try:
        target = cases.Status(form.model.to if form.model is not None else "")
    except ValueError:
        return on.page(action_error="Okänd status.")
    return on.run(
        lambda: cases.change_status(on.session, application=on.application, to=target, by=on.user)
    )


@router.post("/{application_id}/boka")
def book_meeting(on: TeamCaseDep, form: BookingFormRead) -> Response:
    """Book (or move) the mapping meeting and create it with the application's facts."""
    booking = form.model
    when, errors = (
        referral.parse_booking(booking.meeting_date, booking.meeting_time, now=swedish_time.now())
        if booking is not None
        else (None, form.errors)
    )
    if when is None:
        return on.page(form=form.typed, errors=errors)
    return on.run(
        lambda: cases.book_meeting(
            on.session,
            application=on.application,
            scheduled_at=when,
            lexicon=on.needs.lexicon,
            by=on.user,
        )
    )


@router.post("/{application_id}/ej-aktuell")
def decline(on: TeamCaseDep, form: DeclineFormRead) -> Response:
    """Answer "ej aktuell" with the alternative the team suggests; the referrer sees it."""
    alternative = form.model.alternative if form.model is not None else ""
    if not alternative.strip():
        errors = {"alternative": "Beskriv vilket alternativ teamet föreslår (högst 4000 tecken)."}
        return on.page(form=form.typed, errors=errors)
    return on.run(
        lambda: cases.mark_not_relevant(
            on.session, application=on.application, alternative=alternative, by=on.user
        )
    )


@router.post("/{application_id}/samtycke/aterkalla")
def revoke_consent(
    request: Request,
    session: SessionDep,
    user: CaseReader,
    application_id: int,
    form: RevokeFormRead,
    needs: NeedsDep,
) -> Response:
    """Revoke the consent for one party or all; it takes effect at once and is logged.

    The referrer records it; a team member only on the person's word, with the reason.

    :raise 403: for a user the access rule hides the case from, or an anonymous case.
    """
    application = _case(session, user, application_id)
    if application.anonymous:
        raise HTTPException(status_code=403)
    party = form.model.party if form.model is not None else ""
    if party != "alla" and party not in PARTIES:
        raise HTTPException(status_code=422)
    try:
        consent.revoke_consent(
            session,
            application=application,
            by=user,
            party=None if party == "alla" else party,
            reason=form.model.reason if form.model is not None else "",
        )
    except consent.RevocationError as error:
        return pages.case_page(
            request,
            session,
            user,
            application,
            needs,
            form=form.typed,
            errors={"reason": str(error)},
        )
    return _back(application_id)
