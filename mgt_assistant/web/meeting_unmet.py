"""Behov utan insats in the meeting: the proposals to confirm, the entries made, and the form.

The meeting page loads this section with htmx; without JavaScript its link opens
the same section as a page. Entries are plain form posts: on success back to the
meeting, on a refusal this page again with what was typed and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Request
from fastapi.routing import APIRouter
from pydantic import Field
from starlette.responses import Response

from mgt_assistant.db.models import Application, Meeting
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.followup import UNMET_KINDS, FollowUpError, ProposedUnmetNeed
from mgt_assistant.domain.meeting import MeetingCore
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.services import unmet_needs
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.meeting_reads import open_meeting
from mgt_assistant.web import flash
from mgt_assistant.web.deps import CoreDep, SessionDep, TeamMember
from mgt_assistant.web.forms import FormModel, FormRead, form_of
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/moten")


class UnmetForm(FormModel):
    """One need without an intervention: which, whose, what kind, and a short text."""

    need: str = Field("", max_length=64)
    party: str = Field("", max_length=16)
    kind: str = Field("", max_length=24)
    text: str = Field("", max_length=1000)


UnmetFormRead = Annotated[FormRead[UnmetForm], form_of(UnmetForm)]


@dataclass(frozen=True)
class EntryLine:
    """A recorded entry as the section lists it."""

    need: str
    party: str
    kind: str
    text: str
    recorded_on: str


@dataclass(frozen=True)
class UnmetView(View):
    """The section: entries made, proposals to confirm, and the form (typed values, error)."""

    meeting_id: int
    entries: Sequence[EntryLine]
    proposals: Sequence[ProposedUnmetNeed]
    need_labels: Mapping[str, str]
    kinds: Mapping[str, str]
    form: Mapping[str, str]
    error: str | None = None


def _view(
    session: SessionDep,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    form: Mapping[str, str] | None = None,
    error: str | None = None,
) -> UnmetView:
    taxonomy = core.rule_set.taxonomy
    labels = dict(sorted(((n, taxonomy.label(n)) for n in taxonomy.all_ids()), key=lambda x: x[1]))
    entries = [
        EntryLine(
            labels.get(e.need_id, e.need_id),
            PARTY_NAMES.get(e.party, e.party),
            UNMET_KINDS.get(e.kind, e.kind),
            e.text,
            swedish_time.format_date(e.recorded_on),
        )
        for e in unmet_needs.case_entries(session, application)
    ]
    return UnmetView(
        "Behov utan insats",
        meeting.id or 0,
        entries,
        unmet_needs.proposals(session, meeting, application, core),
        labels,
        UNMET_KINDS,
        form or {},
        error,
    )


@router.get("/{meeting_id}/behov-utan-insats")
def unmet_section(
    request: Request, meeting_id: int, session: SessionDep, user: TeamMember, core: CoreDep
) -> Response:
    """Show the meeting's needs without an intervention (a fragment for htmx).

    :raise 403: when consent hides the case; :raise 404: when there is no such meeting.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    view = _view(session, meeting, application, core)
    record_event(session, "meeting_viewed", user=user, object_type="meeting", object_id=meeting_id)
    return render(request, "meetings/unmet.html", view, fragment="meetings/_unmet.html")


@router.post("/{meeting_id}/behov-utan-insats")
def record_unmet(
    request: Request,
    meeting_id: int,
    session: SessionDep,
    user: TeamMember,
    core: CoreDep,
    form: UnmetFormRead,
) -> Response:
    """Register a need without an intervention; on a refusal show the form again.

    :raise 403: when consent hides the case; :raise 404: when there is no such meeting.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    typed = form.model
    try:
        if typed is None:
            raise FollowUpError(" ".join(form.errors.values()) or "Fyll i formuläret.")
        unmet_needs.record_for_meeting(
            session,
            application=application,
            core=core,
            by=user,
            need=typed.need,
            party=typed.party,
            kind=typed.kind,
            text=typed.text,
            today=swedish_time.today(),
        )
    except FollowUpError as error:
        view = _view(session, meeting, application, core, form.typed, str(error))
        return render(request, "meetings/unmet.html", view, status_code=422)
    return flash.redirect(
        request,
        f"/moten/{meeting_id}#behov-utan-insats",
        "Behovet är registrerat i Behov utan insats.",
    )
