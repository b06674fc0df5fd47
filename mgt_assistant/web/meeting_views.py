"""What the meeting templates show: typed views built from a stored meeting and the core."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from markupsafe import Markup

from mgt_assistant.db.models import Application, Meeting, MeetingEdit, PlanVersion
from mgt_assistant.domain.access import Denial
from mgt_assistant.domain.meeting import (
    LANE_LABELS,
    NEED_STATUS_LABELS,
    PHASE_LABELS,
    REVIEW_LABELS,
    ROW_STATUSES,
    SPEAKERS,
    DomainProfile,
    Segment,
    domain_profiles,
    highlight,
    named,
    planned_end_week,
    summarise_needs,
)
from mgt_assistant.domain.meeting.assistant import owner_text
from mgt_assistant.domain.meeting.edits import name_of
from mgt_assistant.domain.meeting.model import ASSISTANT
from mgt_assistant.domain.meeting.profile import rows_to_review
from mgt_assistant.domain.meeting.versions import compare
from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTIES, PARTY_NAMES
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.services.access import ConsentStanding, consent_standing
from mgt_assistant.services.case_lists import Listed, ListPage
from mgt_assistant.services.meeting_reads import MESSAGE_WINDOW, MeetingRecord
from mgt_assistant.web.application_views import Pager
from mgt_assistant.web.meeting_facts_views import FactsView, facts_view
from mgt_assistant.web.meeting_plan_views import (
    DecisionForm,
    Options,
    PlanRowView,
    RemovedRowView,
    decision_form,
    row_views,
    unit_options,
)
from mgt_assistant.web.rendering import View

MEETING_STATUS_LABELS: Final = {
    "planerat": "Planerat",
    "pagaende": "Pågår",
    "beslutat": "Plan beslutad",
    "installt": "Inställt",
}
TIMELINE_BLOCK: Final = 4  # weeks per timeline column
TIMELINE_MAX_BLOCKS: Final = 26


@dataclass(frozen=True)
class MessageView:
    """One line of the conversation with the evidence for needs marked."""

    id: int | None
    speaker: str
    speaker_label: str
    assistant: bool
    at: datetime
    segments: list[Segment]
    source: str | None


@dataclass(frozen=True)
class GridLane:
    """One lane of the process grid: a cell per phase."""

    lane: str
    label: str
    cells: list[list[PlanRowView]]


@dataclass(frozen=True)
class TimelineRow:
    """One row of the timeline: which columns the intervention covers."""

    view: PlanRowView
    cells: list[bool]


@dataclass(frozen=True)
class Timeline:
    """The plan over time in blocks of ``TIMELINE_BLOCK`` weeks."""

    columns: list[tuple[int, int]]
    rows: list[TimelineRow]


@dataclass(frozen=True)
class MeetingView(View):
    """The meeting page and every part of it."""

    meeting: Meeting
    application: Application
    person: str
    owner: str
    status_label: str
    # The latest messages; ``earlier`` tells whether "Visa tidigare" has more to load.
    conversation: list[MessageView]
    earlier: bool
    speakers: Mapping[str, str]
    speaker: str | None
    profiles: list[DomainProfile]
    need_statuses: Mapping[str, str]
    reviews: Mapping[str, str]
    rows: list[PlanRowView]
    grid: list[GridLane]
    phases: Mapping[str, str]
    timeline: Timeline
    row_statuses: Mapping[str, str]
    catalogue: Options
    in_plan: frozenset[str]
    unit_options: list[tuple[str, Options]]
    need_options: Options
    versions: list[tuple[PlanVersion, list[str]]]
    edits: Sequence[MeetingEdit]
    revision: int
    attendee_parties: Options
    today: date
    planned_end: date
    need_label: Callable[[str], str]
    user_names: Mapping[int | None, str]
    facts: FactsView
    # Taken out by the team (proposals leave them out), and rows whose need is gone.
    removed: list[RemovedRowView] = field(default_factory=list)
    to_review: Mapping[str, str] = field(default_factory=dict)
    phase_options: Mapping[str, str] = field(default_factory=dict)
    decision: DecisionForm | None = None
    # Only an alert that appeared since the screen last showed the box is announced.
    announce_alerts: bool = False
    # One line per party or unit whose consent was revoked or has expired.
    consent_banner: tuple[str, ...] = ()
    # How many messages the screen shows, and how many more "Visa tidigare" brings.
    shown_count: int = 0
    window: int = MESSAGE_WINDOW
    # Earlier messages just loaded: the first one takes the focus.
    focus_first: bool = False
    # A change's answer (``meetings/_changes.html``): the part that made it, the parts
    # that changed (rendered, marked out of band), and whether the messages are
    # appended or the window replaced.
    parts: Mapping[str, str] = field(default_factory=dict)
    primary: str | None = None
    out_of_band_parts: tuple[Markup, ...] = ()
    append_messages: bool = False


@dataclass(frozen=True)
class EarlierView(View):
    """Messages loaded by "Visa tidigare", with the control for more when there are."""

    meeting: Meeting
    conversation: list[MessageView]
    earlier: bool
    shown_count: int
    window: int
    focus_first: bool
    need_label: Callable[[str], str]
    need_statuses: Mapping[str, str]


@dataclass(frozen=True)
class ListedMeetingView:
    """A row of the meetings list."""

    meeting: Meeting
    person: str
    referrer: str
    status: str


@dataclass(frozen=True)
class MeetingListView(View):
    """One page of meetings (today's and upcoming by default), and the form to start one."""

    rows: list[ListedMeetingView]
    caption: str
    empty: str
    parties: Options
    pager: Pager
    # The latest earlier meetings, under the upcoming ones on the unfiltered first page.
    recent: list[ListedMeetingView] = field(default_factory=list)


@dataclass(frozen=True)
class VersionView(View):
    """One recorded version and what changed since the one before."""

    meeting: Meeting
    person: str
    version: PlanVersion
    changes: list[str]


@dataclass(frozen=True)
class ConflictView(View):
    """Someone else changed the meeting since the screen loaded."""

    meeting_id: int


def person_label(application: Application) -> str:
    """Return the person's name, or 'Anonym konsultation'."""
    if application.anonymous or not application.person_name:
        return "Anonym konsultation"
    return application.person_name


def owner_label(application: Application) -> str:
    """Return the plan owner: the referrer's name, party and unit."""
    return owner_text(
        application.referrer_party, application.referrer_name, application.referrer_unit
    )


def status_label(meeting: Meeting) -> str:
    """Return the meeting's status in Swedish."""
    return MEETING_STATUS_LABELS.get(meeting.status.value, meeting.status.value)


def standing_of(record: MeetingRecord, rule_set: RuleSet, today: date) -> ConsentStanding:
    """Return which parties and units the case's consent lets take part today."""
    return consent_standing(record.grants, rule_set, today, anonymous=record.application.anonymous)


def consent_banner(standing: ConsentStanding, rule_set: RuleSet) -> tuple[str, ...]:
    """Return one line per party or unit whose consent was revoked or has expired."""
    lines = []
    for party, unit, denial in standing.lapsed():
        partner = rule_set.partners.get(party)
        name = partner.name if partner is not None else PARTY_NAMES.get(party, party)
        unit_name = next((u.name for u in partner.units if u.id == unit), unit) if partner else unit
        where = f"{name} – {unit_name}" if unit_name else name
        what = "återkallat" if denial is Denial.REVOKED else "har gått ut"
        lines.append(f"{where}: samtycket {what}")
    return tuple(lines)


def message_views(record: MeetingRecord) -> list[MessageView]:
    """Return the record's window of messages with the evidence for needs marked."""
    # Evidence comes from the needs table, so needs found at booking are highlighted too.
    spans = record.spans
    return [
        MessageView(
            id=m.id,
            speaker=m.speaker,
            speaker_label=SPEAKERS.get(m.speaker, "Assistenten"),
            assistant=m.speaker == ASSISTANT,
            at=m.at,
            segments=highlight(m.text, spans.get(m.id or 0, [])),
            source=(m.payload or {}).get("source"),
        )
        for m in record.messages
    ]


def _grid(views: list[PlanRowView]) -> list[GridLane]:
    return [
        GridLane(
            lane,
            label,
            [
                [v for v in views if v.item.lane == lane and v.item.phase == phase]
                for phase in PHASE_LABELS
            ],
        )
        for lane, label in LANE_LABELS.items()
    ]


def _timeline(views: list[PlanRowView]) -> Timeline:
    last = max((v.item.end_week for v in views), default=0)
    blocks = min(max(1, -(-last // TIMELINE_BLOCK)), TIMELINE_MAX_BLOCKS)
    columns = [(n * TIMELINE_BLOCK + 1, (n + 1) * TIMELINE_BLOCK) for n in range(blocks)]
    return Timeline(
        columns,
        [
            TimelineRow(
                v, [v.item.start_week < end and v.item.end_week >= start for start, end in columns]
            )
            for v in views
        ],
    )


@dataclass(frozen=True)
class RuleSetOptions:
    """The choices the meeting's forms offer; they depend only on the rule set."""

    catalogue: Options
    units: list[tuple[str, Options]]
    needs: Options


_OPTIONS: dict[str, RuleSetOptions] = {}


def rule_set_options(rule_set: RuleSet) -> RuleSetOptions:
    """Return the catalogue, unit and need choices, built once per rule set (by its hash)."""
    found = _OPTIONS.get(rule_set.hash)
    if found is None:
        taxonomy = rule_set.taxonomy
        found = RuleSetOptions(
            catalogue=sorted(
                ((i.id, i.name) for i in rule_set.interventions.values()), key=lambda p: p[1]
            ),
            units=unit_options(rule_set),
            needs=[(need, taxonomy.label(need)) for need in taxonomy.all_ids()],
        )
        # A reload with a new rule set adds one entry; old ones are few and small.
        if len(_OPTIONS) > 16:
            _OPTIONS.clear()
        _OPTIONS[rule_set.hash] = found
    return found


def meeting_view(record: MeetingRecord, rule_set: RuleSet, today: date) -> MeetingView:
    """Build everything the meeting page and its parts show."""
    taxonomy = rule_set.taxonomy
    options = rule_set_options(rule_set)
    summaries = summarise_needs(record.need_records, taxonomy)
    standing = standing_of(record, rule_set, today)
    views = row_views(named(record.plan, rule_set), standing)
    versions = record.versions
    return MeetingView(
        title=f"Möte: {person_label(record.application)}",
        meeting=record.meeting,
        application=record.application,
        person=person_label(record.application),
        owner=owner_label(record.application),
        status_label=status_label(record.meeting),
        conversation=message_views(record),
        earlier=record.earlier,
        shown_count=len(record.messages),
        speakers=SPEAKERS,
        speaker=None,
        profiles=domain_profiles(summaries, taxonomy),
        need_statuses=NEED_STATUS_LABELS,
        reviews=REVIEW_LABELS,
        rows=views,
        grid=_grid(views),
        phases=PHASE_LABELS,
        timeline=_timeline(views),
        row_statuses=ROW_STATUSES,
        catalogue=options.catalogue,
        in_plan=frozenset(row.intervention_id for row in record.plan),
        unit_options=options.units,
        need_options=options.needs,
        versions=[
            (v, compare(versions[n + 1].snapshot if n + 1 < len(versions) else None, v.snapshot))
            for n, v in enumerate(versions)
        ],
        edits=record.edits,
        revision=record.meeting.revision,
        attendee_parties=[(p, PARTY_NAMES[p]) for p in FINSAM_PARTIES],
        today=today,
        planned_end=today + timedelta(weeks=planned_end_week(record.plan)),
        need_label=taxonomy.label,
        user_names=record.user_names,
        facts=facts_view(record, rule_set),
        consent_banner=consent_banner(standing, rule_set),
        removed=[
            RemovedRowView(
                r.intervention_id,
                name_of(rule_set, r.intervention_id),
                record.user_names.get(r.removed_by_user_id, "okänd användare"),
                r.removed_at,
            )
            for r in record.removals
        ],
        to_review=rows_to_review(
            {
                row.intervention_id: rule_set.interventions[row.intervention_id].needs
                for row in record.plan
                if row.intervention_id in rule_set.interventions
            },
            summaries,
        ),
        phase_options=PHASE_LABELS,
        decision=decision_form(versions, today),
    )


LIST_CAPTIONS: Final = {
    "": ("Idag och kommande", "Inga möten idag eller framåt."),
    "tidigare": ("Tidigare möten", "Inga tidigare möten."),
    "alla": ("Alla möten", "Inga möten."),
}


def list_view(found: ListPage, recent: Sequence[Listed] = ()) -> MeetingListView:
    """Build one page of the meetings list with its filters (and the latest earlier ones)."""

    def listed(entry: Listed) -> ListedMeetingView:
        if entry.meeting is None:
            raise ValueError("a listed meeting has its meeting")
        person = (
            "Dold (samtycke saknas för din part)"
            if entry.notice is not None
            else person_label(entry.application)
        )
        return ListedMeetingView(
            entry.meeting, person, owner_label(entry.application), status_label(entry.meeting)
        )

    caption, empty = LIST_CAPTIONS.get(found.chosen.when, LIST_CAPTIONS[""])
    return MeetingListView(
        title="Möten",
        rows=[listed(e) for e in found.rows],
        recent=[listed(e) for e in recent],
        caption=caption,
        empty=empty,
        parties=[(p, PARTY_NAMES[p]) for p in FINSAM_PARTIES],
        pager=Pager(
            found.page,
            found.pages,
            found.total,
            found.chosen,
            list(MEETING_STATUS_LABELS.items()),
            [(p, PARTY_NAMES[p]) for p in PARTIES],
            [("tidigare", "Tidigare möten"), ("alla", "Alla möten")],
        ),
    )
