"""data protection: a case's anonymisation time and the record of gallring runs and erasures

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("anonymised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    op.create_table(
        "data_removal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("cases_deleted", sa.Integer(), nullable=False),
        sa.Column("cases_anonymised", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("data_removal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_removal_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("data_removal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_removal_at"))
    op.drop_table("data_removal")
    if op.get_bind().dialect.name == "sqlite":
        # Batch mode would copy and drop "application", which the foreign keys of other
        # tables' rows forbid; SQLite (3.35+) drops a plain column in place.
        op.execute("ALTER TABLE application DROP COLUMN anonymised_at")
    else:
        op.drop_column("application", "anonymised_at")
