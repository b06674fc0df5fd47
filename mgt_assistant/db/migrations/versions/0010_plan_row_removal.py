"""removed plan rows (proposals leave them out) and a phone number per plan row

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_row_removal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("removed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("removed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["removed_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "intervention_id"),
    )
    with op.batch_alter_table("plan_row_removal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_row_removal_meeting_id"), ["meeting_id"], unique=False
        )
    # Plain ALTER TABLE, as in 0009: SQLite adds and drops a column in place.
    op.add_column(
        "plan_row",
        sa.Column("contact_phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("plan_row", "contact_phone")
    with op.batch_alter_table("plan_row_removal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_row_removal_meeting_id"))
    op.drop_table("plan_row_removal")
