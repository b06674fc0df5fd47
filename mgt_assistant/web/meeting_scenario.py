"""'Spara som testfall': a meeting's case downloaded as an anonymised golden scenario."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mgt_assistant.domain import swedish_time
from mgt_assistant.services.audit import record_event
from mgt_assistant.services.case_facts import meeting_scenario
from mgt_assistant.services.meeting_reads import open_meeting
from mgt_assistant.web.deps import CoreDep, SessionDep, TeamMember

router = APIRouter(prefix="/moten")


@router.get("/{meeting_id}/testfall")
def download_scenario(
    meeting_id: int, session: SessionDep, user: TeamMember, core: CoreDep
) -> Response:
    """Download the case as a scenario for rules/tests/: facts only, no names or free text.

    :raise 404: for an unknown meeting; 403 when consent hides the case from the user.
    """
    meeting, application = open_meeting(session, user=user, meeting_id=meeting_id)
    text = meeting_scenario(session, meeting, application, core, swedish_time.today())
    record_event(
        session, "meeting_scenario_exported", user=user, object_type="meeting", object_id=meeting_id
    )
    return Response(
        text,
        media_type="application/yaml; charset=utf-8",
        # The file name carries no name of the person: only the meeting's number.
        headers={"Content-Disposition": f'attachment; filename="testfall-mote-{meeting_id}.yaml"'},
    )
