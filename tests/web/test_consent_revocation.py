"""Revocation takes effect at once in the meeting: banner, marked rows, proposals, print.

An expired consent behaves like a revoked one.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db import meetings as store
from mgt_assistant.db.models import Consent, Meeting, Role
from mgt_assistant.domain.meeting import PlanItem
from mgt_assistant.domain.meeting.versions import Decision
from mgt_assistant.services import decisions
from tests.application_factory import submitted_application
from tests.conftest import UserFactory, csrf_token, log_in
from tests.html import parse
from tests.meeting_factory import meeting_core

pytestmark = pytest.mark.db


def _post(client: TestClient, url: str, form: dict[str, str] | None = None) -> int:
    data = {**(form or {}), "csrf_token": csrf_token(client)}
    return client.post(url, data=data).status_code


def _rows(db: Session, meeting_id: int) -> tuple[PlanItem, ...]:
    db.expire_all()
    return store.plan_of(db, meeting_id)


def test_revoked_and_expired_parties_are_flagged_left_out_of_proposals_and_print(
    client: TestClient, db: Session, make_user: UserFactory
) -> None:
    referrer = make_user(Role.REMITTENT, party="kommun", unit="socialtjanst")
    member = make_user(Role.MGT, party="kommun", unit="socialtjanst")
    application = submitted_application(
        db,
        referrer,
        consent_keys=("af", "fk", "kommun_socialtjanst", "region_psykiatri", "region_primarvard"),
        person_name="Vera Samtyckesson",
        description=(
            "Vera har depression och svår ångest och behandlas inte. Hon har skulder hos "
            "Kronofogden och har varit arbetslös i fem år."
        ),
    )
    case = f"/ansokningar/{application.id}"
    log_in(client, member)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert _post(client, f"{case}/boka", {"meeting_date": tomorrow, "meeting_time": "10:00"}) == 303
    meeting = db.exec(select(Meeting).where(Meeting.application_id == application.id)).one()
    url = f"/moten/{meeting.id}"
    assert _post(client, f"{url}/forslag") == 303
    before = _rows(db, meeting.id or 0)
    parties = {row.party for row in before}
    assert {"af", "region"} <= parties, parties
    db.refresh(meeting)
    decisions.save_decision(
        db,
        meeting=meeting,
        application=application,
        decision=Decision(date.today(), {"kommun": "Kim"}, True, True, None, None, None),
        revision=meeting.revision,
        by=member,
        rule_set=meeting_core().rule_set,
    )
    page = parse(client.get(url).text)
    assert page.find("div", id="samtycke-aterkallat") is None
    assert page.find("strong", class_="consent-note") is None

    # The referrer records the person's revocation for Af; the region's consent runs out.
    client.cookies.clear()
    log_in(client, referrer)
    assert _post(client, f"{case}/samtycke/aterkalla", {"party": "af"}) == 303
    for given in db.exec(select(Consent).where(Consent.application_id == application.id)).all():
        if given.party == "region":
            given.valid_until = date.today() - timedelta(days=1)
            db.add(given)
    db.commit()
    # The referrer who owns the plan can open and print it; it names no withdrawn party.
    assert parse(client.get(case).text).find("a", href=f"{url}/utskrift") is not None
    printed = client.get(f"{url}/utskrift")
    assert printed.status_code == 200
    assert parse(printed.text).find("a", href=case) is not None

    client.cookies.clear()
    log_in(client, member)
    response = client.get(url)
    assert response.status_code == 200
    page = parse(response.text)
    banner = page.find("div", id="samtycke-aterkallat")
    assert banner is not None
    lines = [li.text for li in banner.find_all("li")]
    assert any(line.startswith("Arbetsförmedlingen") and "återkallat" in line for line in lines)
    assert any("Vuxenpsykiatrin" in line and "har gått ut" in line for line in lines)
    assert not any("Kommunen" in line for line in lines)
    for row in before:
        tr = page.find("tr", id=f"rad-{row.intervention_id}")
        assert tr is not None
        note = tr.find("strong", class_="consent-note")
        if row.party == "af":
            assert note is not None and note.text == "Samtycke återkallat"
        elif row.party == "region":
            assert note is not None and note.text in ("Samtycket har gått ut", "Samtycke saknas")
        else:
            assert note is None, row

    # Proposing again brings in nothing from Af or the region.
    assert _post(client, f"{url}/forslag") == 303
    after = _rows(db, meeting.id or 0)
    kept = {r.intervention_id for r in before}
    new = [r for r in after if r.intervention_id not in kept]
    assert not [r for r in new if r.party in ("af", "region")]

    # The printed plan leaves out every row of a withdrawn party or unit.
    for text in (printed.text, client.get(f"{url}/utskrift").text):
        lead = parse(text).find("p", class_="lead")
        assert (
            lead is not None and "teamet från Försäkringskassan och kommunen på mötet" in lead.text
        )
        steps = " ".join(h.text for h in parse(text).find_all("h3"))
        shown = {r.party for r in after if _name_in(r, steps)}
        assert "af" not in shown and "region" not in shown
        assert shown, "the kommun's rows are still printed"


def _name_in(row: PlanItem, text: str) -> bool:
    intervention = meeting_core().rule_set.interventions.get(row.intervention_id)
    return intervention is not None and intervention.name in text
