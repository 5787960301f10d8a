"""attempts, reveals, marks, postmortems

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("target_minutes", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("paused_seconds", sa.Float(), nullable=False),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.Column("hints_revealed", sa.Integer(), nullable=False),
        sa.Column("answer_revealed_at", sa.DateTime(), nullable=True),
        sa.Column("follow_ups_revealed_at", sa.DateTime(), nullable=True),
        sa.Column("marked_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attempts_prompt_slug"), ["prompt_slug"], unique=False)
        batch_op.create_index(batch_op.f("ix_attempts_started_at"), ["started_at"], unique=False)

    op.create_table(
        "marks",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("key_point_id", sa.String(length=120), nullable=False),
        sa.Column("missed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id", "key_point_id"),
    )
    with op.batch_alter_table("marks", schema=None) as batch_op:
        batch_op.create_index("ix_marks_key_point", ["key_point_id", "missed"], unique=False)

    op.create_table(
        "postmortems",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("missed", sa.Text(), nullable=False),
        sa.Column("next_time", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id"),
    )
    op.create_table(
        "reveals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("hint_index", sa.Integer(), nullable=True),
        sa.Column("revealed_at", sa.DateTime(), nullable=False),
        sa.Column("offset_seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reveals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reveals_attempt_id"), ["attempt_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reveals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reveals_attempt_id"))

    op.drop_table("reveals")
    op.drop_table("postmortems")
    with op.batch_alter_table("marks", schema=None) as batch_op:
        batch_op.drop_index("ix_marks_key_point")

    op.drop_table("marks")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempts_started_at"))
        batch_op.drop_index(batch_op.f("ix_attempts_prompt_slug"))

    op.drop_table("attempts")
