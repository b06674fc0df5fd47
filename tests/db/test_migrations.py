"""Migrations create the same schema on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session as DbSession
from sqlmodel import select

from mgt_assistant.db.migrate import upgrade
from mgt_assistant.db.models import Role, User

pytestmark = [pytest.mark.db, pytest.mark.fresh_database]


def test_upgrade_creates_the_tables(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"user", "auth_session", "login_attempt", "audit_event", "alembic_version"} <= tables


def test_upgrade_is_idempotent(database_url: str, engine: Engine) -> None:
    upgrade(database_url)
    assert "user" in inspect(engine).get_table_names()


def test_models_and_migrations_agree(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import mgt_assistant.db.models  # noqa: F401

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_0003_keeps_applications_and_their_needs_are_read_once_later(
    database_url: str, engine: Engine, make_user: Callable[..., User], db: DbSession
) -> None:
    from alembic import command
    from sqlmodel import Session

    from mgt_assistant.db.migrate import alembic_config
    from mgt_assistant.db.models import Application, ApplicationStatus
    from mgt_assistant.services.applications import application_needs
    from tests.application_factory import shipped_lexicon

    referrer_id = make_user(Role.REMITTENT, party="kommun").id
    # End the fixture's transaction: on PostgreSQL its read lock on "user" would block
    # dropping the later tables that refer to it.
    db.rollback()
    command.downgrade(alembic_config(database_url), "0002")
    assert "application_need" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO application (status, anonymous, referrer_user_id, referrer_party,"
                " referrer_name, goal, own_resources_tried, description, brings_companion,"
                " person_informed, payer_informed_and_approved, consent_obtained, created_at,"
                " updated_at) VALUES ('inskickad', true, :user, 'kommun', 'Sara Holm', 'Jobb',"
                " '', 'Han har skulder hos Kronofogden.', false, false, false, false,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"user": referrer_id},
        )
    upgrade(database_url)
    with Session(engine) as session:
        application = session.exec(select(Application)).one()
        assert application.status is ApplicationStatus.SUBMITTED
        assert application.needs_read_at is None
        needs = application_needs(session, application, shipped_lexicon())
        assert {n.id for n in needs} == {"economy.debt"}
        assert all(n.evidence in "Han har skulder hos Kronofogden." for n in needs)
        assert application.needs_read_at is not None


FOLLOW_UP_TABLES = {"plan_end", "plan_end_intervention", "follow_up", "self_rating", "unmet_need"}
PRIVACY_TABLES = {"data_removal"}
RULE_VERSION_TABLES = {"rule_set_version", "rule_set_file", "rule_row_comment"}


def test_0005_adds_and_removes_only_the_meeting_signal_tables(
    database_url: str, engine: Engine
) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    mine = {"meeting_signal", "meeting_alert_handled"}
    before = set(inspect(engine).get_table_names())
    assert mine <= before
    command.downgrade(alembic_config(database_url), "0004")
    inspect(engine).clear_cache()
    # Going below 0005 also takes away what later revisions (follow-up, privacy, plan-row
    # removals, rule versions) added.
    later = FOLLOW_UP_TABLES | PRIVACY_TABLES | {"plan_row_removal"} | RULE_VERSION_TABLES
    assert set(inspect(engine).get_table_names()) == before - mine - later
    meeting_columns = {c["name"] for c in inspect(engine).get_columns("meeting")}
    upgrade(database_url)
    inspected = inspect(engine)
    assert set(inspected.get_table_names()) == before
    assert {c["name"] for c in inspected.get_columns("meeting")} == meeting_columns
    assert {i["name"] for i in inspected.get_indexes("meeting_signal")} == {
        "ix_meeting_signal_meeting_id"
    }


def test_0006_follow_up_tables_go_up_and_down(database_url: str, engine: Engine) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    assert set(inspect(engine).get_table_names()) >= FOLLOW_UP_TABLES
    unique = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("follow_up")}
    assert ("plan_end_id", "months") in unique
    previous = alembic_config(database_url)
    command.downgrade(previous, "0006-1")
    assert not FOLLOW_UP_TABLES & set(inspect(engine).get_table_names())
    assert "application" in inspect(engine).get_table_names()
    upgrade(database_url)
    assert set(inspect(engine).get_table_names()) >= FOLLOW_UP_TABLES


def test_0008_privacy_column_and_table_go_up_and_down(database_url: str, engine: Engine) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    assert "anonymised_at" in {c["name"] for c in inspect(engine).get_columns("application")}
    command.downgrade(alembic_config(database_url), "0008-1")
    inspect(engine).clear_cache()
    assert not PRIVACY_TABLES & set(inspect(engine).get_table_names())
    assert "anonymised_at" not in {c["name"] for c in inspect(engine).get_columns("application")}
    upgrade(database_url)
    inspect(engine).clear_cache()
    assert set(inspect(engine).get_table_names()) >= PRIVACY_TABLES


def test_0009_must_change_password_goes_up_and_down(database_url: str, engine: Engine) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    def columns() -> set[str]:
        inspect(engine).clear_cache()
        return {c["name"] for c in inspect(engine).get_columns("user")}

    assert "must_change_password" in columns()
    command.downgrade(alembic_config(database_url), "0008")
    assert "must_change_password" not in columns()
    assert "auth_session" in inspect(engine).get_table_names()
    upgrade(database_url)
    assert "must_change_password" in columns()


def test_0010_plan_row_removals_go_up_and_down(database_url: str, engine: Engine) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    unique = {
        tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("plan_row_removal")
    }
    assert ("meeting_id", "intervention_id") in unique
    before = set(inspect(engine).get_table_names())
    command.downgrade(alembic_config(database_url), "0010-1")
    inspect(engine).clear_cache()
    # Going below 0010 also takes away 0011's rule-version tables.
    assert set(inspect(engine).get_table_names()) == before - {"plan_row_removal"} - (
        RULE_VERSION_TABLES
    )
    upgrade(database_url)
    inspect(engine).clear_cache()
    assert set(inspect(engine).get_table_names()) == before
    assert "contact_phone" in {c["name"] for c in inspect(engine).get_columns("plan_row")}


def test_0011_rule_version_tables_go_up_and_down(database_url: str, engine: Engine) -> None:
    from alembic import command

    from mgt_assistant.db.migrate import alembic_config

    before = set(inspect(engine).get_table_names())
    assert before >= RULE_VERSION_TABLES
    command.downgrade(alembic_config(database_url), "0010")
    inspect(engine).clear_cache()
    assert set(inspect(engine).get_table_names()) == before - RULE_VERSION_TABLES
    upgrade(database_url)
    inspected = inspect(engine)
    assert set(inspected.get_table_names()) == before
    unique = {tuple(u["column_names"]) for u in inspected.get_unique_constraints("rule_set_file")}
    assert ("version_id", "path") in unique
