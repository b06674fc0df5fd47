"""Administration: accounts pick a unit from partners.yaml; bad input keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import AuditEvent, Role, User
from tests.conftest import csrf_token
from tests.html import parse

pytestmark = pytest.mark.db


def _create(client: TestClient, **fields: str) -> tuple[int, str]:
    data = {"password": "ett-langt-losenord", "csrf_token": csrf_token(client), **fields}
    response = client.post("/administration/anvandare", data=data)
    return response.status_code, response.text


def test_admin_creates_a_referrer_with_a_unit_from_the_list(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    logged_in(Role.ADMIN)
    status, _page = _create(
        client,
        username="ny.remittent",
        display_name="Ny Remittent",
        role="remittent",
        party="fk",
        unit="sjukforsakring",
    )
    assert status == 303
    created = db.exec(select(User).where(User.username == "ny.remittent")).one()
    assert (created.role, created.party, created.unit) == (Role.REMITTENT, "fk", "sjukforsakring")
    row = next(
        r
        for r in parse(client.get("/administration").text).find_all("tr")
        if "ny.remittent" in r.text
    )
    # The id is stored, the Swedish name is shown.
    assert "Försäkringskassan, sjukförsäkring och samordning" in row.text


def test_referrer_without_party_is_refused_and_form_kept(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.ADMIN)
    status, text = _create(client, username="utan.part", display_name="Utan Part", role="remittent")
    assert status == 422
    page = parse(text)
    summary = page.find("div", class_="error-summary")
    assert summary is not None and "part" in summary.text
    assert summary.find("a", href="#party") is not None
    error = page.find("p", id="party-fel")
    assert error is not None and "remittent måste höra till en part" in error.text
    party = page.find("select", id="party")
    assert party is not None and "party-fel" in (party.attrs.get("aria-describedby") or "")
    username = page.find("input", id="username")
    assert username is not None and username.attrs["value"] == "utan.part"
    role = page.find("option", value="remittent")
    assert role is not None and "selected" in role.attrs
    assert page.find("input", id="password").attrs.get("value") in (None, "")  # type: ignore[union-attr]


def test_a_team_account_without_a_party_is_refused(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    logged_in(Role.ADMIN)
    status, text = _create(client, username="mgt.utan", role="mgt", unit="socialtjanst")
    assert status == 422
    error = parse(text).find("p", id="party-fel")
    assert error is not None and "teamkonto (MGT) måste höra till en part" in error.text
    assert db.exec(select(User).where(User.username == "mgt.utan")).first() is None


def test_a_unit_of_another_party_is_refused_next_to_the_unit(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.ADMIN)
    status, text = _create(
        client, username="fel.enhet", role="mgt", party="kommun", unit="psykiatri"
    )
    assert status == 422
    page = parse(text)
    error = page.find("p", id="unit-fel")
    assert error is not None and "Okänd enhet 'psykiatri' hos Kommunen" in error.text
    unit = page.find("select", id="unit")
    assert unit is not None
    chosen = [o.attrs["value"] for o in unit.find_all("option") if "selected" in o.attrs]
    assert chosen == ["psykiatri"]


def test_admin_changes_an_accounts_party_and_unit(
    client: TestClient, logged_in: Callable[..., User], make_user: Callable[..., User], db: Session
) -> None:
    admin = logged_in(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun", unit="Rusta och matcha")
    page = parse(client.get("/administration").text)
    row = page.find("tr", id=f"konto-{member.id}")
    assert row is not None and "okänd enhet – välj en" in row.text
    label = page.find("label", for_=f"konto-{member.id}-unit")
    assert label is not None and member.username in label.text
    response = client.post(
        f"/administration/anvandare/{member.id}/plats",
        data={"party": "region", "unit": "psykiatri", "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    db.refresh(member)
    assert (member.party, member.unit) == ("region", "psykiatri")
    audit = db.exec(select(AuditEvent).where(AuditEvent.action == "user_changed")).one()
    assert (audit.user_id, audit.object_id) == (admin.id, str(member.id))
    row = parse(client.get("/administration").text).find("tr", id=f"konto-{member.id}")
    assert row is not None and "Vuxenpsykiatrin" in row.text and "okänd" not in row.text

    refused = client.post(
        f"/administration/anvandare/{member.id}/plats",
        data={"party": "", "unit": "", "csrf_token": csrf_token(client)},
    )
    assert refused.status_code == 422
    error = parse(refused.text).find("p", id=f"konto-{member.id}-fel")
    assert error is not None and "teamkonto (MGT) måste höra till en part" in error.text
    db.refresh(member)
    assert member.party == "region"
    missing = client.post(
        "/administration/anvandare/999999/plats",
        data={"party": "kommun", "unit": "", "csrf_token": csrf_token(client)},
    )
    assert missing.status_code == 404
