"""follow-up: ended plans, 6/12-month answers, own ratings, the unmet-needs register

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 02:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
# 0004 and 0005 come from other branches (merged before this one); on this branch alone
# the chain was tested with down_revision "0003".
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "self_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("occasion", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id", "occasion", "item"),
    )
    with op.batch_alter_table("self_rating", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_self_rating_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "unmet_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("need_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("party", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=280), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unmet_need", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unmet_need_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_unmet_need_recorded_on"), ["recorded_on"], unique=False
        )

    op.create_table(
        "plan_end",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("plan_version_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "income_source_at_end", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        ),
        sa.Column("age_group", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("due_6m", sa.Date(), nullable=False),
        sa.Column("due_12m", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_end", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_end_application_id"), ["application_id"], unique=True
        )
        batch_op.create_index(batch_op.f("ix_plan_end_due_12m"), ["due_12m"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_end_due_6m"), ["due_6m"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_end_end_date"), ["end_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_end_end_reason"), ["end_reason"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_end_id", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("income_source", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_end_id"],
            ["plan_end.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_end_id", "months"),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_plan_end_id"), ["plan_end_id"], unique=False)

    op.create_table(
        "plan_end_intervention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_end_id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_end_id"],
            ["plan_end.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_end_intervention", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_end_intervention_intervention_id"),
            ["intervention_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_plan_end_intervention_plan_end_id"), ["plan_end_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_end_intervention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_end_intervention_plan_end_id"))
        batch_op.drop_index(batch_op.f("ix_plan_end_intervention_intervention_id"))

    op.drop_table("plan_end_intervention")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_plan_end_id"))

    op.drop_table("follow_up")
    with op.batch_alter_table("plan_end", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_end_end_reason"))
        batch_op.drop_index(batch_op.f("ix_plan_end_end_date"))
        batch_op.drop_index(batch_op.f("ix_plan_end_due_6m"))
        batch_op.drop_index(batch_op.f("ix_plan_end_due_12m"))
        batch_op.drop_index(batch_op.f("ix_plan_end_application_id"))

    op.drop_table("plan_end")
    with op.batch_alter_table("unmet_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unmet_need_recorded_on"))
        batch_op.drop_index(batch_op.f("ix_unmet_need_application_id"))

    op.drop_table("unmet_need")
    with op.batch_alter_table("self_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_self_rating_application_id"))

    op.drop_table("self_rating")
