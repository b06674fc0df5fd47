"""The meeting's case facts: signals stored and reviewed, consent per unit, handled alerts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import AuditEvent, Consent, Role, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.meeting import EditError
from mgt_assistant.domain.rules import Case
from mgt_assistant.services import meetings as actions
from mgt_assistant.services.meeting_facts import excluded_units
from tests.conftest import UserFactory
from tests.meeting_factory import meeting_core, named_meeting

pytestmark = pytest.mark.db


def _say(db: Session, meeting_id: int, user: User, text: str) -> str:
    meeting, application = store.load(db, meeting_id=meeting_id)
    turn = actions.post_message(
        db,
        meeting=meeting,
        application=application,
        speaker="remittent",
        text=text,
        by=user,
        core=meeting_core(),
    )
    return turn.reply


def _case(db: Session, meeting_id: int) -> Case:
    meeting, application = store.load(db, meeting_id=meeting_id)
    return actions.case_of(db, application, meeting_core().rule_set, swedish_time.today(), meeting)


def _actions(db: Session) -> list[str]:
    return [e.action for e in db.exec(select(AuditEvent)).all()]


def test_signals_are_stored_with_evidence_and_reach_the_case(
    db: Session, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    assert meeting.id is not None
    text = "Hon har redan daglig verksamhet och har tankar på att ta livet av sig."
    _say(db, meeting.id, user, text)
    signals = {(s.kind, s.signal_id): s for s in store.signals_of(db, meeting.id)}
    assert set(signals) == {("in_place", "daglig-verksamhet"), ("alert", "suicide_risk")}
    for signal in signals.values():
        assert signal.review == "detected" and signal.status == "present"
        assert signal.start is not None and text[signal.start : signal.end] == signal.evidence
    case = _case(db, meeting.id)
    assert [(f.id, f.evidence) for f in case.services_in_place] == [
        ("daglig-verksamhet", "daglig verksamhet")
    ]
    assert [a.id for a in case.open_alerts] == ["suicide_risk"]


def test_a_rejected_signal_leaves_the_case_and_undo_brings_it_back(
    db: Session, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    assert meeting.id is not None
    _say(db, meeting.id, user, "Han har god man sedan två år.")
    meeting, _ = store.load(db, meeting_id=meeting.id)
    assert meeting.id is not None
    summary = actions.review_signal(
        db,
        meeting=meeting,
        kind="in_place",
        signal_id="god-man",
        review="rejected",
        revision=meeting.revision,
        by=user,
        label="God man",
    )
    assert summary == "God man: stämmer inte."
    assert "meeting_signal_review" in _actions(db)
    assert _case(db, meeting.id).in_place_ids == frozenset()
    assert _say(db, meeting.id, user, "ångra").startswith("Ångrade: God man")
    assert _case(db, meeting.id).in_place_ids == {"god-man"}
    meeting, _ = store.load(db, meeting_id=meeting.id)
    actions.review_signal(
        db,
        meeting=meeting,
        kind="in_place",
        signal_id="god-man",
        review="confirmed",
        revision=meeting.revision,
        by=user,
        label="God man",
    )
    assert {s.review for s in store.signals_of(db, meeting.id or 0)} == {"confirmed"}
    with pytest.raises(EditError):
        actions.review_signal(
            db,
            meeting=meeting,
            kind="alert",
            signal_id="violence",
            review="confirmed",
            revision=meeting.revision,
            by=user,
            label="Våld",
        )


def test_unit_consent_gives_excluded_units_and_keeps_primary_care(
    db: Session, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, user, parties=("af", "fk", "kommun"))
    assert meeting.id is not None
    # Region: only primary care, psychiatry excluded; units as the consent form writes them.
    db.add(Consent(application_id=meeting.application_id, party="region", unit="Primärvård"))
    db.add(
        Consent(
            application_id=meeting.application_id,
            party="region",
            unit="Psykiatri",
            included=False,
        )
    )
    db.commit()
    case = _case(db, meeting.id)
    assert ("region", "psykiatri") in case.excluded_units
    assert ("region", "primarvard") not in case.excluded_units
    assert not any(party == "kommun" for party, _unit in case.excluded_units)
    _say(db, meeting.id, user, "Hon är deprimerad och har ångest, har skulder.")
    _say(db, meeting.id, user, "förslag")
    parties = {(r.party, r.unit) for r in store.plan_of(db, meeting.id)}
    assert ("region", "psykiatri") not in parties
    assert any(party == "region" and unit == "primarvard" for party, unit in parties)


def test_an_unknown_unit_name_covers_no_known_unit() -> None:
    rule_set = meeting_core().rule_set
    rows = [Consent(application_id=1, party="region", unit="Tandvården")]
    excluded = excluded_units(rows, rule_set, date(2026, 12, 1))
    assert {unit for party, unit in excluded if party == "region"} == {
        u.id for u in rule_set.partners["region"].units
    }


def test_marking_alerts_handled_is_audited_and_opens_the_plan(
    db: Session, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    assert meeting.id is not None
    _say(db, meeting.id, user, "Han säger att han vill dö. Han har skulder och ingen bostad.")
    _say(db, meeting.id, user, "Han vill jobba men är deprimerad.")
    _say(db, meeting.id, user, "förslag")
    held = {r.intervention_id for r in store.plan_of(db, meeting.id)}
    meeting, application = store.load(db, meeting_id=meeting.id)
    draft = actions.current_draft(db, meeting, application, meeting_core())
    assert [a.kind for a in draft.alerts] == ["suicide_risk"]
    assert {r.phase for r in draft.rows} <= {"kartlaggning", "insats"}
    assert draft.later, "the rest waits until the acute matter is handled"
    summary = actions.mark_alerts_handled(
        db,
        meeting=meeting,
        application=application,
        revision=meeting.revision,
        by=user,
        core=meeting_core(),
    )
    assert "hanterat" in summary
    handled = store.handled_alerts_of(db, meeting.id or 0)
    assert [(h.kind, h.handled_by_user_id) for h in handled] == [("suicide_risk", user.id)]
    assert handled[0].handled_at is not None
    assert "meeting_alerts_handled" in _actions(db)
    meeting, application = store.load(db, meeting_id=meeting.id or 0)
    assert actions.current_draft(db, meeting, application, meeting_core()).alerts == ()
    _say(db, meeting.id or 0, user, "förslag")
    grown = {r.intervention_id for r in store.plan_of(db, meeting.id or 0)}
    assert grown > held
    meeting, application = store.load(db, meeting_id=meeting.id or 0)
    with pytest.raises(EditError, match="ingen öppen varning"):
        actions.mark_alerts_handled(
            db,
            meeting=meeting,
            application=application,
            revision=meeting.revision,
            by=user,
            core=meeting_core(),
        )


def test_a_chat_command_is_not_read_as_something_about_the_person(
    db: Session, make_user: UserFactory
) -> None:
    user = make_user(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    assert meeting.id is not None
    _say(db, meeting.id, user, "varför inte SIUS?")
    _say(db, meeting.id, user, "lägg till SIUS")
    _say(db, meeting.id, user, "ändra start för SIUS till vecka 12")
    _say(db, meeting.id, user, "ta bort SIUS")
    assert store.signals_of(db, meeting.id) == []
    _say(db, meeting.id, user, "Han har redan SIUS hos Arbetsförmedlingen.")
    assert [(s.kind, s.signal_id) for s in store.signals_of(db, meeting.id)] == [
        ("in_place", "sius")
    ]
