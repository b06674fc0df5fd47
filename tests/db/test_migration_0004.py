"""Migration 0004 maps stored income sources and free-text units to the rule set's ids."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from mgt_assistant.db.migrate import alembic_config, upgrade
from mgt_assistant.db.models import Application, Consent, ConsentEvent, Role, User

pytestmark = [pytest.mark.db, pytest.mark.fresh_database]

_APPLICATION = (
    "INSERT INTO application (status, anonymous, referrer_user_id, referrer_party,"
    " referrer_unit, referrer_name, income_source, goal, own_resources_tried, description,"
    " brings_companion, person_informed, payer_informed_and_approved, consent_obtained,"
    " created_at, updated_at) VALUES ('inskickad', false, :user, :party, :unit, 'Sara Holm',"
    " :income, 'Jobb', '', '', false, true, false, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


def _add_application(engine: Engine, user: int, party: str, unit: str, income: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(_APPLICATION), {"user": user, "party": party, "unit": unit, "income": income}
        )


def test_0004_maps_ingen_and_free_text_units_and_back(
    database_url: str, engine: Engine, make_user: Callable[..., User], db: Session
) -> None:
    kommun = make_user(Role.MGT, party="kommun", unit="Ekonomiskt bistånd")
    region = make_user(Role.MGT, party="region", unit="psykiatrin")
    af = make_user(Role.REMITTENT, party="af", unit="Rusta och matcha")
    nameless = make_user(Role.ADMIN, party=None, unit="Vardcentralen")
    ids = {user.username: user.id or 0 for user in (kommun, region, af, nameless)}
    names = {
        key: user.username
        for key, user in (
            ("kommun", kommun),
            ("region", region),
            ("af", af),
            ("nameless", nameless),
        )
    }
    # End the fixture's transaction: on PostgreSQL its read lock on "user" would block
    # dropping the later tables that refer to it.
    db.rollback()
    command.downgrade(alembic_config(database_url), "0003")
    _add_application(engine, ids[names["kommun"]], "kommun", "socialtjänst", "ingen")
    _add_application(engine, ids[names["kommun"]], "kommun", "Socialtjanst", "Lön")
    _add_application(engine, ids[names["af"]], "af", "Rusta och matcha", "sjukpenning")
    with engine.begin() as connection:
        first = connection.execute(text("SELECT min(id) FROM application")).scalar_one()
        for party, unit in (("region", "Psykiatri"), ("kommun", "Utbildning och arbetsliv")):
            connection.execute(
                text(
                    "INSERT INTO consent (application_id, party, unit, included)"
                    " VALUES (:a, :p, :u, true)"
                ),
                {"a": first, "p": party, "u": unit},
            )
            connection.execute(
                text(
                    "INSERT INTO consent_event (application_id, at, party, unit, action)"
                    " VALUES (:a, CURRENT_TIMESTAMP, :p, :u, 'registrerat')"
                ),
                {"a": first, "p": party, "u": unit},
            )

    upgrade(database_url)

    with Session(engine) as session:
        units = {u.username: u.unit for u in session.exec(select(User)).all()}
        assert units[names["kommun"]] == "socialtjanst"
        assert units[names["region"]] == "psykiatri"
        # Not a unit in partners.yaml: kept as typed, for the admin to choose one.
        assert units[names["af"]] == "Rusta och matcha"
        # Without a party the name must point at one unit only; vårdcentral does.
        assert units[names["nameless"]] == "primarvard"
        applications = session.exec(select(Application).order_by(Application.id)).all()  # type: ignore[arg-type]
        assert [(a.income_source, a.referrer_unit) for a in applications] == [
            ("ingen_offentlig", "socialtjanst"),
            ("lon", "socialtjanst"),
            ("sjukpenning", "Rusta och matcha"),
        ]
        assert sorted(c.unit or "" for c in session.exec(select(Consent)).all()) == [
            "psykiatri",
            "utbildning_arbetsliv",
        ]
        assert sorted(e.unit or "" for e in session.exec(select(ConsentEvent)).all()) == [
            "psykiatri",
            "utbildning_arbetsliv",
        ]

    db.rollback()
    command.downgrade(alembic_config(database_url), "0003")
    with engine.connect() as connection:
        incomes = connection.execute(
            text("SELECT income_source FROM application ORDER BY id")
        ).scalars()
        assert list(incomes) == ["ingen", "lon", "sjukpenning"]
        consent_units = connection.execute(text("SELECT unit FROM consent ORDER BY id")).scalars()
        assert list(consent_units) == ["Psykiatri", "Utbildning och arbetsliv"]
        user_unit = connection.execute(
            text('SELECT unit FROM "user" WHERE id = :id'), {"id": ids[names["kommun"]]}
        ).scalar_one()
        assert user_unit == "Socialtjänsten"
    upgrade(database_url)
