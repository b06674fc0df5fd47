"""cases and meetings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:14:20.996913
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "utkast",
                "inskickad",
                "mottagen",
                "bokad",
                "plan_beslutad",
                "uppfoljning",
                "avslutad",
                "ej_aktuell",
                name="applicationstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("person_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("personnummer", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("age_band", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("gender", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("home_area", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("income_source", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("paying_party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("time_without_work", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("education_level", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("referrer_user_id", sa.Integer(), nullable=False),
        sa.Column("referrer_party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("referrer_unit", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("referrer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("referrer_contact", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("goal", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column(
            "own_resources_tried", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False
        ),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column("brings_companion", sa.Boolean(), nullable=False),
        sa.Column("person_informed", sa.Boolean(), nullable=False),
        sa.Column("payer_informed_and_approved", sa.Boolean(), nullable=False),
        sa.Column("consent_obtained", sa.Boolean(), nullable=False),
        sa.Column(
            "alternative_suggestion", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True
        ),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referrer_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_referrer_user_id"), ["referrer_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_status"), ["status"], unique=False)

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_event_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planerat",
                "pagaende",
                "beslutat",
                "installt",
                name="meetingstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("person_goal", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_scheduled_at"), ["scheduled_at"], unique=False)

    op.create_table(
        "meeting_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("speaker", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_message_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "plan_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("contact_person", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("lane", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("start_week", sa.Integer(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("why", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("rule_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_row_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("person_took_part", sa.Boolean(), nullable=False),
        sa.Column("person_agrees", sa.Boolean(), nullable=False),
        sa.Column("rule_set_version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("rule_set_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("follow_up_6m", sa.Date(), nullable=True),
        sa.Column("follow_up_12m", sa.Date(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_version_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_edit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_edit_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("domain", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("review", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["meeting_message.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_need", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_need_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_edit_meeting_id"))

    op.drop_table("meeting_edit")
    with op.batch_alter_table("meeting_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_need_meeting_id"))

    op.drop_table("meeting_need")
    with op.batch_alter_table("plan_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_version_meeting_id"))

    op.drop_table("plan_version")
    with op.batch_alter_table("plan_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_row_meeting_id"))

    op.drop_table("plan_row")
    with op.batch_alter_table("meeting_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_message_meeting_id"))

    op.drop_table("meeting_message")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_scheduled_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_application_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_event_application_id"))

    op.drop_table("consent_event")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_application_id"))

    op.drop_table("consent")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_status"))
        batch_op.drop_index(batch_op.f("ix_application_referrer_user_id"))

    op.drop_table("application")
