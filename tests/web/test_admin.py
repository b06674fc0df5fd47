"""Administration: accounts are listed and created; bad input keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import Role, User
from tests.conftest import csrf_token
from tests.html import parse

pytestmark = pytest.mark.db


def test_admin_creates_a_referrer(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    logged_in(Role.ADMIN)
    response = client.post(
        "/administration/anvandare",
        data={
            "username": "ny.remittent",
            "display_name": "Ny Remittent",
            "role": "remittent",
            "party": "fk",
            "unit": "Sjukpenning",
            "password": "ett-langt-losenord",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 303
    created = db.exec(select(User).where(User.username == "ny.remittent")).one()
    assert (created.role, created.party, created.unit) == (Role.REMITTENT, "fk", "Sjukpenning")
    rows = parse(client.get("/administration").text).find_all("tr")
    assert any("ny.remittent" in row.text for row in rows)


def test_referrer_without_party_is_refused_and_form_kept(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.ADMIN)
    response = client.post(
        "/administration/anvandare",
        data={
            "username": "utan.part",
            "display_name": "Utan Part",
            "role": "remittent",
            "password": "ett-langt-losenord",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 422
    page = parse(response.text)
    error = page.find("p", role="alert")
    assert error is not None and "part" in error.text
    username = page.find("input", id="username")
    assert username is not None and username.attrs["value"] == "utan.part"
    role = page.find("option", value="remittent")
    assert role is not None and "selected" in role.attrs
