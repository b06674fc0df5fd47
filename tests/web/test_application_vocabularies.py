"""The application form offers and stores only the rule set's ids, and keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import Application, Role, User
from tests.application_factory import shipped_vocabularies, valid_form
from tests.conftest import csrf_token
from tests.html import Element, parse

pytestmark = pytest.mark.db

LoggedIn = Callable[..., User]


def _post(client: TestClient, form: dict[str, str]) -> tuple[int, Element]:
    response = client.post("/ansokningar/ny", data={**form, "csrf_token": csrf_token(client)})
    return response.status_code, parse(response.text)


def _options(page: Element, name: str) -> list[str]:
    select_ = page.find("select", id=name)
    assert select_ is not None
    return [o.attrs.get("value") or "" for o in select_.find_all("option") if o.attrs.get("value")]


def _error(page: Element, name: str) -> str:
    control = next(e for e in page.iter() if e.attrs.get("id") == name)
    assert control.attrs.get("aria-invalid") == "true"
    assert f"{name}-fel" in (control.attrs.get("aria-describedby") or "").split()
    message = page.find("p", id=f"{name}-fel")
    assert message is not None
    return message.text


def test_the_form_offers_outcomes_incomes_and_the_partys_units(
    client: TestClient, logged_in: LoggedIn
) -> None:
    logged_in(Role.REMITTENT, party="kommun", unit="socialtjanst")
    page = parse(client.get("/ansokningar/ny").text)
    vocabularies = shipped_vocabularies()
    assert _options(page, "income_source") == list(vocabularies.income_sources)
    units = page.find("select", id="referrer_unit")
    assert units is not None
    groups = {g.attrs["label"]: g for g in units.find_all("optgroup")}
    kommun = groups["Kommunen"]
    assert [o.attrs["value"] for o in kommun.find_all("option")] == list(
        vocabularies.units["kommun"]
    )
    chosen = [o.attrs["value"] for o in units.find_all("option") if "selected" in o.attrs]
    assert chosen == ["socialtjanst"]


def test_the_form_stores_outcomes_ids_and_refuses_the_old_ingen(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT, party="kommun", unit="socialtjanst")
    form = valid_form(referrer, income_source="ingen", paying_party="")
    status, page = _post(client, {**form, "action": "skicka"})
    assert status == 422
    assert _error(page, "income_source") == "Välj en försörjning i listan."
    assert db.exec(select(Application)).first() is None

    status, _page = _post(client, {**form, "income_source": "ingen_offentlig", "action": "skicka"})
    assert status == 303
    stored = db.exec(select(Application)).one()
    assert stored.income_source in shipped_vocabularies().income_sources
    assert (stored.income_source, stored.referrer_unit) == ("ingen_offentlig", "socialtjanst")
    case = parse(client.get(f"/ansokningar/{stored.id}").text)
    assert "Ingen offentlig försörjning" in case.text
    assert "Socialtjänsten (ekonomiskt bistånd, missbruk, boende)" in case.text


def test_a_form_error_keeps_what_was_typed_with_a_message_per_field(
    client: TestClient, logged_in: LoggedIn, db: Session
) -> None:
    referrer = logged_in(Role.REMITTENT, party="kommun", unit="socialtjanst")
    form = valid_form(
        referrer,
        referrer_unit="psykiatri",
        referrer_contact="x" * 201,
        birth_year="19x0",
        goal="Komma\u202e närmare arbete.",
        description="Hon har skulder.\r\nHon söker jobb.",
    )
    status, page = _post(client, {**form, "action": "skicka"})
    assert status == 422
    assert _error(page, "referrer_unit") == "Välj en enhet i listan som hör till din part."
    assert _error(page, "referrer_contact") == "Texten får vara högst 200 tecken."
    assert _error(page, "birth_year").startswith("Ange födelseåret med fyra siffror")
    summary = page.find("div", class_="error-summary")
    assert summary is not None
    links = [a.attrs["href"] for a in summary.find_all("a")]
    # The summary follows the form's order, and a field the model could not read (too
    # long) does not hide what submitting requires of the others.
    assert links.index("#birth_year") < links.index("#referrer_unit")
    assert links.index("#referrer_unit") < links.index("#referrer_contact")
    assert len(links) == 3
    # What was typed comes back, cleaned once in the form reader (no bidi override).
    assert page.find("input", id="birth_year").attrs["value"] == "19x0"  # type: ignore[union-attr]
    assert page.find("input", id="referrer_contact").attrs["value"] == "x" * 201  # type: ignore[union-attr]
    assert page.find("textarea", id="goal").text == "Komma närmare arbete."  # type: ignore[union-attr]
    assert page.find("textarea", id="description") is not None
    unit = page.find("select", id="referrer_unit")
    assert unit is not None
    assert [o.attrs["value"] for o in unit.find_all("option") if "selected" in o.attrs] == [
        "psykiatri"
    ]
    assert db.exec(select(Application)).first() is None
    raw = client.post(
        "/ansokningar/ny", data={**form, "action": "skicka", "csrf_token": csrf_token(client)}
    ).text
    assert "Hon har skulder.\nHon söker jobb.</textarea>" in raw and "\u202e" not in raw


def test_an_unreadable_field_does_not_hide_what_submitting_requires(
    client: TestClient, logged_in: LoggedIn
) -> None:
    referrer = logged_in(Role.REMITTENT, party="kommun", unit="socialtjanst")
    form = valid_form(referrer, referrer_contact="x" * 201, goal="")
    status, page = _post(client, {**form, "action": "skicka"})
    assert status == 422
    assert _error(page, "goal") == "Ange målet med ansökan."
    assert _error(page, "referrer_contact") == "Texten får vara högst 200 tecken."
