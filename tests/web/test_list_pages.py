"""The applications and meetings lists in pages: pager, filters kept, search posted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert
from sqlmodel import Session, col, select

from mgt_assistant.db.models import (
    Application,
    ApplicationStatus,
    Consent,
    Meeting,
    MeetingStatus,
    Role,
    User,
)
from mgt_assistant.services.case_lists import PAGE_SIZE
from tests.conftest import csrf_token
from tests.html import Element, parse

pytestmark = pytest.mark.db

COUNT = 2 * PAGE_SIZE + 20


def _seed(db: Session, referrer: User) -> list[int]:
    """Add COUNT anonymous applications; every third is received, the rest booked with a meeting."""
    now = datetime.now(UTC)
    db.execute(
        insert(Application),
        [
            {
                "status": ApplicationStatus.RECEIVED if n % 3 == 0 else ApplicationStatus.BOOKED,
                "anonymous": True,
                "referrer_user_id": referrer.id,
                "referrer_party": "af" if n % 2 else "kommun",
                "referrer_name": f"Handläggare {n}",
                "submitted_at": now - timedelta(hours=n),
                "goal": "",
                "own_resources_tried": "",
                "description": "",
            }
            for n in range(COUNT)
        ],
    )
    db.commit()
    ids = list(db.exec(select(Application.id).order_by(col(Application.id))).all())
    db.execute(
        insert(Meeting),
        [
            {
                "application_id": application_id,
                "scheduled_at": now + timedelta(days=1, minutes=n),
                "status": MeetingStatus.PLANNED,
                "person_goal": "",
                "revision": 0,
            }
            for n, application_id in enumerate(ids)
            if n % 3
        ],
    )
    db.commit()
    return [i for i in ids if i is not None]


def _rows(page: Element) -> list[Element]:
    table = page.find("table", class_="table")
    assert table is not None
    body = table.find("tbody")
    assert body is not None
    return [r for r in body.children if r.tag == "tr"]


def _status_line(page: Element) -> str:
    nav = next(n for n in page.find_all("nav") if n.attrs.get("class") == "pager")
    found = nav.find("p")
    assert found is not None
    return found.text


def _selected(page: Element, name: str) -> str | None:
    select_element = page.find("select", name=name)
    assert select_element is not None
    chosen = [o for o in select_element.find_all("option") if "selected" in o.attrs]
    return chosen[0].attrs.get("value") if chosen else None


def _post(client: TestClient, path: str, **data: str) -> Element:
    response = client.post(path, data={**data, "csrf_token": csrf_token(client)})
    assert response.status_code == 200
    return parse(response.text)


def test_applications_come_in_pages_and_the_pager_keeps_the_filters(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    ids = _seed(db, referrer)
    logged_in(Role.MGT, party="kommun")
    first = parse(client.get("/ansokningar").text)
    assert len(_rows(first)) == PAGE_SIZE
    assert _status_line(first) == f"{COUNT} träffar, sida 1 av 3."
    # Newest first.
    link = _rows(first)[0].find("a")
    assert link is not None and link.attrs["href"] == f"/ansokningar/{ids[-1]}"
    # The pager's buttons submit the filter form (the form attribute), so filters go along.
    buttons = {b.text: b for b in first.find_all("button") if b.attrs.get("name") == "sida"}
    assert set(buttons) == {"Nästa sida", "Sista sidan"}
    assert buttons["Nästa sida"].attrs == {
        "type": "submit",
        "form": "lista-filter",
        "name": "sida",
        "value": "2",
        "class": "button button--secondary button--small",
    }
    last = _post(client, "/ansokningar", sida="3")
    assert len(_rows(last)) == COUNT - 2 * PAGE_SIZE
    booked = _post(client, "/ansokningar", sida="1", status="bokad")
    expected = sum(1 for n in range(COUNT) if n % 3)
    assert _status_line(booked) == f"{expected} träffar, sida 1 av 2."
    assert _selected(booked, "status") == "bokad"
    second = _post(client, "/ansokningar", sida="2", status="bokad")
    assert _selected(second, "status") == "bokad"
    assert len(_rows(second)) == expected - PAGE_SIZE
    assert all("Bokad" in row.text for row in _rows(second))
    af = _post(client, "/ansokningar", sida="1", status="bokad", part="af")
    assert _selected(af, "part") == "af"
    assert _status_line(af) == f"{sum(1 for n in range(COUNT) if n % 3 and n % 2)} träffar."
    # Filters that name no person may also be links.
    unbooked = parse(client.get("/ansokningar?mote=ej-bokat").text)
    assert _status_line(unbooked) == f"{sum(1 for n in range(COUNT) if n % 3 == 0)} träffar."
    # One case found is "1 träff", not "1 träffar".
    one = _post(client, "/ansokningar", sida="1", sok=str(ids[0]))
    assert len(_rows(one)) == 1 and _status_line(one) == "1 träff."
    assert client.get("/ansokningar?sida=0").status_code == 422
    assert client.get(f"/ansokningar?sida={2**63}").status_code == 422


def test_a_search_is_posted_and_finds_by_name_or_number(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    ids = _seed(db, referrer)
    logged_in(Role.MGT, party="kommun")
    found = _post(client, "/ansokningar", sok="handläggare 11")
    texts = [row.find("a").text for row in _rows(found)]  # type: ignore[union-attr]
    # "Handläggare 11" and "Handläggare 110" … "119": the search matches part of the name.
    assert len(texts) == 11
    form = found.find("form", id="lista-filter")
    assert form is not None and form.attrs["method"] == "post"
    search = found.find("input", name="sok")
    assert search is not None and search.attrs["value"] == "handläggare 11"
    by_number = _post(client, "/ansokningar", sok=str(ids[5]))
    assert [row.find("a").text for row in _rows(by_number)] == [f"Ärende {ids[5]}"]  # type: ignore[union-attr]


def test_a_name_search_never_shows_a_person_consent_hides(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    ids = {}
    for name, parties in (("Åsa Synlig", ("af", "kommun")), ("Åsa Dold", ("af",))):
        application = Application(
            status=ApplicationStatus.RECEIVED,
            person_name=name,
            referrer_user_id=referrer.id or 0,
            referrer_party="af",
            referrer_name="Sara Holm",
            consent_obtained=True,
            submitted_at=datetime.now(UTC),
        )
        db.add(application)
        db.flush()
        ids[name] = application.id
        for party in parties:
            db.add(Consent(application_id=application.id or 0, party=party))
    db.commit()
    logged_in(Role.MGT, party="kommun")
    shown = [f"Ärende {ids['Åsa Synlig']}"]
    # The one access rule leaves the hidden person out of the list, by name or not.
    listed = parse(client.get("/ansokningar").text)
    assert [row.find("a").text for row in _rows(listed)] == shown  # type: ignore[union-attr]
    # "åsa" finds "Åsa" on SQLite too (its own lower() folds only A–Z).
    found = _post(client, "/ansokningar", sok="åsa")
    assert [row.find("a").text for row in _rows(found)] == shown  # type: ignore[union-attr]


def test_meetings_come_in_pages_soonest_first_with_filters(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    referrer = make_user(Role.REMITTENT)
    _seed(db, referrer)
    logged_in(Role.MGT, party="kommun")
    meetings = sum(1 for n in range(COUNT) if n % 3)
    first = parse(client.get("/moten").text)
    table = first.find("table", class_="table")
    assert table is not None and table.find("caption").text == "Idag och kommande"  # type: ignore[union-attr]
    assert len(_rows(first)) == PAGE_SIZE
    assert _status_line(first) == f"{meetings} träffar, sida 1 av 2."
    second = _post(client, "/moten/sok", sida="2")
    assert len(_rows(second)) == meetings - PAGE_SIZE
    af = _post(client, "/moten/sok", part="af", sida="1")
    assert _selected(af, "part") == "af"
    assert _status_line(af) == f"{sum(1 for n in range(COUNT) if n % 3 and n % 2)} träffar."
    earlier = parse(client.get("/moten?visa=tidigare").text)
    assert _rows(earlier)[0].text == "Inga tidigare möten."
