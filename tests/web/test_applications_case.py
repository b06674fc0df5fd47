"""The case page: the team receives, books and answers; consent revocation takes effect at once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    Meeting,
    MeetingMessage,
    MeetingNeed,
    Role,
)
from mgt_assistant.domain.access import DENIAL_MESSAGES, Denial
from mgt_assistant.services.applications import END_FORM_FIRST
from tests.application_factory import DESCRIPTION, submitted_application
from tests.conftest import UserFactory, csrf_token, log_in
from tests.followup_factory import decided_case
from tests.html import Element, parse

pytestmark = pytest.mark.db

NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()


def _post(client: TestClient, url: str, form: dict[str, str] | None = None) -> tuple[int, str]:
    response = client.post(url, data={**(form or {}), "csrf_token": csrf_token(client)})
    return response.status_code, response.text


def _page(client: TestClient, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return parse(response.text)


def _status(db: Session, application: Application) -> ApplicationStatus:
    db.refresh(application)
    return application.status


def test_team_receives_books_and_follows_the_lifecycle(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer)
    member = make_user(Role.MGT, party="kommun", unit="socialtjanst")
    log_in(client, member)
    url = f"/ansokningar/{application.id}"

    assert _post(client, f"{url}/status", {"to": "mottagen"})[0] == 303
    assert _status(db, application) is ApplicationStatus.RECEIVED

    status, text = _post(
        client, f"{url}/boka", {"meeting_date": NEXT_WEEK, "meeting_time": "25:00"}
    )
    assert status == 422
    error = parse(text).find("p", id="meeting_time-fel")
    assert error is not None and error.text.startswith("Skriv tiden som TT:MM")

    assert (
        _post(client, f"{url}/boka", {"meeting_date": NEXT_WEEK, "meeting_time": "13:30"})[0] == 303
    )
    assert _status(db, application) is ApplicationStatus.BOOKED
    meeting = db.exec(select(Meeting)).one()
    assert meeting.application_id == application.id
    assert meeting.person_goal == application.goal
    assert meeting.scheduled_at is not None
    message = db.exec(select(MeetingMessage)).one()
    assert (message.speaker, message.text, message.author_user_id) == (
        "remittent",
        DESCRIPTION,
        referrer.id,
    )
    needs = db.exec(select(MeetingNeed)).all()
    assert {need.need_id.split(".")[0] for need in needs} >= {"economy", "housing"}
    assert {need.review for need in needs} == {"detected"}
    assert {need.message_id for need in needs} == {message.id}
    link = _page(client, url).find("a", href=f"/moten/{meeting.id}")
    assert link is not None

    assert _post(client, f"{url}/status", {"to": "plan_beslutad"})[0] == 303
    # A decided plan moves on only through the end form, never by a status button.
    for step in ("uppfoljning", "avslutad"):
        status, text = _post(client, f"{url}/status", {"to": step})
        assert status == 422
        alert = parse(text).find("p", role="alert")
        assert alert is not None and alert.text == END_FORM_FIRST
    assert _status(db, application) is ApplicationStatus.PLAN_DECIDED
    page = _page(client, url)
    assert page.find("form", action=f"{url}/status") is None
    assert page.find("a", href=f"/uppfoljning/arenden/{application.id}/avsluta") is not None
    status, text = _post(client, f"{url}/status", {"to": "mottagen"})
    assert status == 422
    alert = parse(text).find("p", role="alert")
    assert alert is not None and alert.text == "Ärendet kan inte få den statusen nu."
    audited = {e.action for e in db.exec(select(AuditEvent)).all()}
    assert {"application_mottagen", "application_bokad", "meeting_created"} <= audited


def test_not_relevant_shows_the_alternative_to_the_referrer(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer)
    log_in(client, make_user(Role.MGT, party="af"))
    url = f"/ansokningar/{application.id}"
    status, text = _post(client, f"{url}/ej-aktuell", {"alternative": "  "})
    assert status == 422
    assert parse(text).find("p", id="alternative-fel") is not None
    assert (
        _post(client, f"{url}/ej-aktuell", {"alternative": "Kontakta budgetrådgivningen."})[0]
        == 303
    )
    assert _status(db, application) is ApplicationStatus.NOT_RELEVANT

    client.cookies.clear()
    log_in(client, referrer)
    answer = _page(client, url).find("section", class_="card card--answer")
    assert answer is not None and "Kontakta budgetrådgivningen." in answer.text


def test_revocation_hides_the_case_and_is_logged(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    referrer = make_user(Role.REMITTENT, display_name="Rut Remittent")
    application = submitted_application(
        db, referrer, consent_keys=("af", "fk", "kommun_socialtjanst", "region_psykiatri")
    )
    url = f"/ansokningar/{application.id}"
    af_member = make_user(Role.MGT, party="af")
    kommun_member = make_user(Role.MGT, party="kommun", unit="socialtjanst")

    log_in(client, referrer)
    assert _post(client, f"{url}/samtycke/aterkalla", {"party": "af"})[0] == 303
    page = _page(client, url)
    log_rows = [row.find_all("td") for row in page.find_all("tr") if len(row.find_all("td")) == 4]
    revoked = [cells for cells in log_rows if cells[3].text == "Samtycke återkallat"]
    assert len(revoked) == 1
    assert revoked[0][1].text == "Rut Remittent"
    assert revoked[0][2].text == "Arbetsförmedlingen"
    assert " kl. " in revoked[0][0].text

    client.cookies.clear()
    log_in(client, af_member)
    response = client.get(url)
    assert response.status_code == 403
    notice = parse(response.text).find("p", class_="notice")
    assert notice is not None and notice.text == DENIAL_MESSAGES[Denial.REVOKED]
    assert (
        _post(client, f"{url}/boka", {"meeting_date": NEXT_WEEK, "meeting_time": "10:00"})[0] == 403
    )

    client.cookies.clear()
    log_in(client, kommun_member)
    page = _page(client, url)
    excluded = page.find("p", class_="parties parties--excluded")
    assert excluded is not None and "Arbetsförmedlingen" in excluded.text
    involved = page.find("p", class_="parties parties--involved")
    assert involved is not None and "Kommunen" in involved.text
    # The unemployment need involves Af, but Af's consent is revoked: it is left out.
    assert "Arbetsförmedlingen" not in involved.text
    # The team needs the person's word, written down; without it nothing is revoked.
    status, text = _post(client, f"{url}/samtycke/aterkalla", {"party": "alla"})
    assert status == 422
    error = parse(text).find("p", class_="field-error")
    assert error is not None and "personen återkallade" in error.text
    assert client.get(url).status_code == 200
    reason = {"party": "alla", "reason": "Sa det i telefon 1/12"}
    assert _post(client, f"{url}/samtycke/aterkalla", reason)[0] == 303
    response = client.get(url)
    assert response.status_code == 403
    assert parse(response.text).find("p", class_="notice").text == DENIAL_MESSAGES[Denial.REVOKED]  # type: ignore[union-attr]

    # Administrators administer accounts and the log; they never open a person's case.
    client.cookies.clear()
    log_in(client, make_user(Role.ADMIN))
    assert client.get(url).status_code == 403
    assert _post(client, f"{url}/status", {"to": "mottagen"})[0] == 403
    assert _status(db, application) is ApplicationStatus.SUBMITTED


def test_anonymous_consultation_is_marked_and_open_to_every_team_member(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    application = submitted_application(db, referrer, anonymous=True)
    log_in(client, make_user(Role.MGT, party="region"))
    rows = _page(client, "/ansokningar").find_all("tr")
    row = next(r for r in rows if r.find("a", href=f"/ansokningar/{application.id}"))
    assert row.find("span", class_="badge badge--anonymous") is not None
    page = _page(client, f"/ansokningar/{application.id}")
    assert page.find("p", class_="anonymous-banner") is not None
    labels = [dt.text for dt in page.find_all("dt")]
    assert "Åldersintervall" in labels and "Namn" not in labels and "Personnummer" not in labels
    assert _post(client, f"/ansokningar/{application.id}/samtycke/aterkalla")[0] == 403


def test_after_the_end_form_the_case_can_be_closed_by_its_button(
    client: TestClient, make_user: UserFactory, db: Session
) -> None:
    member = make_user(Role.MGT, party="kommun")
    application = decided_case(db, member, date.today() - timedelta(days=400))
    url = f"/ansokningar/{application.id}"
    log_in(client, member)
    # Uppföljning without a recorded end (moved on by the old button): the end form is offered.
    application.status = ApplicationStatus.FOLLOW_UP
    db.add(application)
    db.commit()
    assert _post(client, f"{url}/status", {"to": "avslutad"})[0] == 422
    page = _page(client, url)
    assert page.find("a", href=f"/uppfoljning/arenden/{application.id}/avsluta") is not None
    form = parse(client.get(f"/uppfoljning/arenden/{application.id}/avsluta").text)
    interventions = sorted({r.attrs["name"] or "" for r in form.find_all("input", type="radio")})
    ended = client.post(
        f"/uppfoljning/arenden/{application.id}/avsluta",
        data={
            "csrf_token": csrf_token(client),
            "end_date": (date.today() - timedelta(days=30)).isoformat(),
            "end_reason": "arbete_utan_stod",
            "income_source": "lon",
            **dict.fromkeys(interventions, "fullfoljd"),
        },
    )
    assert ended.status_code == 303
    page = _page(client, url)
    assert page.find("a", href=f"/uppfoljning/arenden/{application.id}/avsluta") is None
    assert page.find("form", action=f"{url}/status") is not None
    assert _post(client, f"{url}/status", {"to": "avslutad"})[0] == 303
    assert _status(db, application) is ApplicationStatus.CLOSED
