"""the meeting's signals (alerts, services in place, diagnoses, income) and handled alerts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_signal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("signal_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("review", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["meeting_message.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_signal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_signal_meeting_id"), ["meeting_id"], unique=False
        )
    op.create_table(
        "meeting_alert_handled",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("handled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("handled_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["handled_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_alert_handled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_alert_handled_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_alert_handled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_alert_handled_meeting_id"))
    op.drop_table("meeting_alert_handled")
    with op.batch_alter_table("meeting_signal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_signal_meeting_id"))
    op.drop_table("meeting_signal")
