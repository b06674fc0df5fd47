"""How the meeting routes answer: the part that changed and the rest out of band, or a conflict.

A form replaces the part it lives in (``hx-target`` + ``outerHTML``). The same
answer carries, as htmx out-of-band swaps, every other part whose forms post the
meeting's revision (so none of them is left stale) and only the messages the
screen has not shown yet (the screen names its latest in ``X-Mote-Senaste``).
Nothing is fetched again afterwards, and the answer's size does not grow with
the conversation. The poller of another screen gets the same composition. A part
can still fetch itself from ``/moten/{id}/delar/{part}`` (204 while current).
Shared by ``meetings`` and ``meeting_edits`` so neither route module imports the other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, Final

from fastapi import Depends, Request
from sqlmodel import Session
from starlette.responses import Response

from mgt_assistant.db.engine import retry_on_lock
from mgt_assistant.db.models import Application, Meeting, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import EditError, MeetingCore
from mgt_assistant.domain.meeting.commands import Command
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.meeting_reads import open_meeting, read_meeting
from mgt_assistant.web import flash
from mgt_assistant.web.deps import CoreDep, SessionDep, TeamMember
from mgt_assistant.web.meeting_facts_views import announce
from mgt_assistant.web.meeting_plan_views import DecisionForm
from mgt_assistant.web.meeting_views import ConflictView, meeting_view
from mgt_assistant.web.rendering import out_of_band, render, render_part, wants_fragment

Action = Callable[[Meeting, Application], str]
MEETING_CHANGED: Final = "meeting-changed"
# What a change's answer triggers: only the notice for the status line (nothing refetches).
MEETING_NOTICE: Final = "meeting-notice"
# The header in which a screen names the latest message it shows (static/js/app.js).
LATEST_SHOWN_HEADER: Final = "X-Mote-Senaste"
# The parts a change's answer may send: each carries the revision its forms post.
REVISED_PARTS: Final = ("akut", "behov", "plan", "versioner", "beslut-revision", "poll")
# Parts sent only when they changed: the screen names what it shows by a digest of each
# (``X-Mote-Delar``); an unchanged one only gets the new revision (``meeting-parts``).
COMPARED_PARTS: Final = ("akut", "behov", "plan", "versioner")
SHOWN_PARTS_HEADER: Final = "X-Mote-Delar"
MEETING_PARTS: Final = "meeting-parts"
# The revision in a part's forms and URLs: left out of its digest.
_REVISION_FIELD: Final = 'name="revision" value="{}"'
_REVISION_QUERY: Final = "revision={}"
# A part that holds another one: the inner one is not sent again beside it.
CONTAINS: Final = {"beslut": frozenset({"beslut-revision"})}
# The parts of the meeting page that replace themselves, by the name in their URL.
PARTS: Final = {
    "akut": "meetings/_alerts.html",
    "samtal": "meetings/_conversation.html",
    "behov": "meetings/_needs.html",
    "plan": "meetings/_plan.html",
    "versioner": "meetings/_versions.html",
    "beslut-revision": "meetings/_decision_revision.html",
    "beslut": "meetings/_decision.html",
    "chatt": "meetings/_chat_form.html",
    "poll": "meetings/_poller.html",
}


def conflict(request: Request, meeting_id: int) -> Response:
    """Tell the screen someone else changed the meeting; nothing was saved."""
    return render(
        request,
        "meetings/conflict.html",
        ConflictView("Mötet har ändrats", meeting_id),
        fragment="meetings/_conflict.html",
        status_code=409,
        headers={"HX-Retarget": "#mote-konflikt", "HX-Reswap": "innerHTML"},
    )


def changed(notice: str | None = None, event: str = MEETING_CHANGED) -> str:
    """Return the event (``meeting-changed`` by default) with the notice to show."""
    detail = {} if notice is None else {"notice": notice}
    # ASCII-only JSON: header values must be Latin-1, the replies use ” and other marks.
    return json.dumps({event: detail}, ensure_ascii=True)


def latest_shown(request: Request) -> int | None:
    """Return the id of the latest message the screen shows, from its header, if readable."""
    value = request.headers.get(LATEST_SHOWN_HEADER, "")
    # A message id is a positive integer well below 2**63; anything else means "unknown".
    if not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def compose(
    request: Request,
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    primary: str | None,
    *,
    speaker: str | None = None,
    notice: str | None = None,
) -> Response:
    """Answer an htmx change or poll: ``primary`` in place, the rest out of band.

    The messages after the screen's latest are appended; when the screen named
    none, or more than a window's worth came, the conversation's window is replaced.
    """
    after = latest_shown(request)
    record = read_meeting(session, meeting, application, core, after=after)
    append = after is not None and not record.earlier
    if not append and after is not None:
        record = read_meeting(session, meeting, application, core)
    view = meeting_view(record, core.rule_set, swedish_time.today())
    inside = CONTAINS.get(primary or "", frozenset())
    view = replace(
        view,
        speaker=speaker,
        announce_alerts=announce(view.facts, _shown_alerts(request)),
        parts=PARTS,
        primary=primary,
        append_messages=append,
    )
    shown = shown_digests(request)
    candidates = [p for p in REVISED_PARTS if p != primary and p not in inside]
    rendered = {name: render_part(request, PARTS[name], view) for name in candidates}
    digests = {
        name: digest(rendered[name], meeting.revision)
        for name in COMPARED_PARTS
        if name in rendered
    }
    view = replace(
        view,
        out_of_band_parts=tuple(
            out_of_band(html)
            for name, html in rendered.items()
            if name not in digests or shown.get(name) != digests[name]
        ),
    )
    parts_event = {"revision": meeting.revision, "digests": digests}
    headers = {
        "HX-Trigger": changed(notice, MEETING_NOTICE),
        "HX-Trigger-After-Swap": json.dumps({MEETING_PARTS: parts_event}),
    }
    return render(
        request, "meetings/meeting.html", view, fragment="meetings/_changes.html", headers=headers
    )


def digest(html: str, revision: int) -> str:
    """Return a short digest of a rendered part, leaving out the revision it carries."""
    # Plain replacements of the one revision a part carries: a regular expression over
    # every part of every change's answer cost more than rendering a small part.
    normalized = html.replace(_REVISION_FIELD.format(revision), _REVISION_FIELD.format("")).replace(
        _REVISION_QUERY.format(revision), _REVISION_QUERY.format("")
    )
    return hashlib.blake2b(normalized.encode(), digest_size=8).hexdigest()


def shown_digests(request: Request) -> dict[str, str]:
    """Return the digests of the parts the screen shows, from its header (at most a few)."""
    found: dict[str, str] = {}
    for item in request.headers.get(SHOWN_PARTS_HEADER, "")[:400].split(","):
        name, _, value = item.strip().partition(":")
        if name in COMPARED_PARTS and len(value) == 16 and value.isalnum():
            found[name] = value
    return found


def _shown_alerts(request: Request) -> str | None:
    # The alert kinds the screen shows, sent beside its latest message (static/js/app.js).
    value = request.headers.get("X-Mote-Varningar")
    return None if value is None else value[:500]


def part(
    request: Request,
    session: Session,
    meeting: Meeting,
    application: Application,
    core: MeetingCore,
    name: str,
    *,
    speaker: str | None = None,
    headers: dict[str, str] | None = None,
    shown_alerts: str | None = None,
    decision: DecisionForm | None = None,
    status_code: int = 200,
) -> Response:
    """Render one part of the meeting page (the whole page for a plain request).

    ``shown_alerts`` are the alert kinds the screen showed; a new one is announced.
    ``decision`` is a refused decision form to show again as typed.
    """
    record = read_meeting(session, meeting, application, core)
    view = meeting_view(record, core.rule_set, swedish_time.today())
    view = replace(view, speaker=speaker, announce_alerts=announce(view.facts, shown_alerts))
    if decision is not None:
        view = replace(view, decision=decision)
    fragment = PARTS[name]
    return render(
        request,
        "meetings/meeting.html",
        view,
        fragment=fragment,
        headers=headers,
        status_code=status_code,
    )


@dataclass(frozen=True)
class MeetingRequest:
    """What every change to a meeting is asked with: the request, the meeting, who, the core."""

    request: Request
    meeting_id: int
    session: Session
    user: User
    core: MeetingCore


def _meeting_request(
    request: Request, meeting_id: int, session: SessionDep, user: TeamMember, core: CoreDep
) -> MeetingRequest:
    return MeetingRequest(request, meeting_id, session, user, core)


# A meeting route's common parameters, as one: the team member's change to ``{meeting_id}``.
MeetingRequestDep = Annotated[MeetingRequest, Depends(_meeting_request)]


def act_on(
    asked: MeetingRequest,
    action: Action,
    *,
    replaces: str | None = None,
    speaker: str | None = None,
) -> Response:
    """Run a change; answer with the part that made it, a conflict, or a redirect to the page.

    The part named by ``replaces`` comes back fresh and the others out of band
    (``compose``). A refused change swaps nothing, so a half-filled form keeps
    what was typed, and only the notice is shown.
    """
    request, session, meeting_id = asked.request, asked.session, asked.meeting_id
    meeting, application = open_meeting(session, user=asked.user, meeting_id=meeting_id)
    # The answer is built from the objects as the change left them (the meeting is read
    # again below for its revision): expiring them at the commit would reload the case
    # and the user, two more queries for every change.
    session.expire_on_commit = False
    try:
        # A change refused by a busy SQLite file is rolled back and run again.
        notice = retry_on_lock(session, lambda: action(meeting, application))
    except actions.MeetingConflict:
        return conflict(request, meeting_id)
    except EditError as error:
        session.rollback()
        if not wants_fragment(request):
            return flash.redirect(request, f"/moten/{meeting_id}", str(error))
        return Response(
            status_code=204, headers={"HX-Trigger": changed(str(error), MEETING_NOTICE)}
        )
    if not wants_fragment(request):
        # The conversation shows a chat reply; other actions say what happened once.
        return flash.redirect(
            request, f"/moten/{meeting_id}", None if replaces == "chatt" else notice
        )
    session.refresh(meeting)
    return compose(
        request, session, meeting, application, asked.core, replaces, speaker=speaker, notice=notice
    )


def run_command(
    asked: MeetingRequest,
    command: Command,
    revision: int | None,
    *,
    replaces: str | None = None,
) -> Response:
    """Run a button's action exactly as its chat command would."""

    def act(meeting: Meeting, application: Application) -> str:
        turn = actions.command(
            asked.session,
            meeting=meeting,
            application=application,
            action=command,
            revision=revision,
            by=asked.user,
            core=asked.core,
        )
        return turn.reply

    return act_on(asked, act, replaces=replaces)
