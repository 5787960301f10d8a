"""progress: review states (FSRS), review logs, stats rollups; attempts.cram and rating_override

Revision ID: 0003
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

# Must match mockloop.practice.reviews.DERIVED_VERSION: with the row present, nothing is rebuilt.
DERIVED_VERSION = "1"


def upgrade() -> None:
    # Plain ALTER TABLE, never batch mode: on SQLite a batch rebuild drops the old attempts table,
    # and with foreign keys on that deletes every mark and postmortem (ON DELETE CASCADE).
    op.add_column(
        "attempts", sa.Column("cram", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("attempts", sa.Column("rating_override", sa.Integer(), nullable=True))

    op.create_table(
        "reviews",
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("key_point_id", sa.String(length=120), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("last_review", sa.DateTime(), nullable=False),
        sa.Column("last_rating", sa.Integer(), nullable=False),
        sa.Column("last_attempt_id", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prompt_slug", "key_point_id"),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_due", ["due"], unique=False)

    op.create_table(
        "review_logs",
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("key_point_id", sa.String(length=120), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("prompt_slug", "key_point_id", "attempt_id"),
    )
    with op.batch_alter_table("review_logs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_logs_order",
            ["prompt_slug", "key_point_id", "reviewed_at", "attempt_id"],
            unique=False,
        )
        batch_op.create_index("ix_review_logs_attempt", ["attempt_id"], unique=False)

    op.create_table(
        "progress_attempts",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("elapsed_seconds", sa.Float(), nullable=True),
        sa.Column("target_seconds", sa.Integer(), nullable=False),
        sa.Column("marks", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id"),
    )
    op.create_table(
        "progress_weeks",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("overtime", sa.Integer(), nullable=False),
        sa.Column("elapsed_seconds", sa.Float(), nullable=False),
        sa.Column("target_seconds", sa.Integer(), nullable=False),
        sa.Column("key_points_marked", sa.Integer(), nullable=False),
        sa.Column("key_points_missed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week", "prompt_slug"),
    )
    op.create_table(
        "progress_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "progress_prompts",
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("overtime", sa.Integer(), nullable=False),
        sa.Column("elapsed_seconds", sa.Float(), nullable=False),
        sa.Column("target_seconds", sa.Integer(), nullable=False),
        sa.Column("key_points_marked", sa.Integer(), nullable=False),
        sa.Column("key_points_missed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prompt_slug"),
    )
    op.create_table(
        "progress_key_points",
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("key_point_id", sa.String(length=120), nullable=False),
        sa.Column("marked", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prompt_slug", "key_point_id"),
    )
    with op.batch_alter_table("progress_key_points", schema=None) as batch_op:
        batch_op.create_index("ix_progress_key_points_missed", ["missed"], unique=False)

    meta = op.create_table(
        "progress_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    # A database with no attempts has nothing to derive; one with history gets its reviews and
    # rollups built from its attempts on first use (see reviews.ensure_current).
    if op.get_bind().execute(sa.text("SELECT 1 FROM attempts LIMIT 1")).first() is None:
        op.bulk_insert(meta, [{"key": "version", "value": DERIVED_VERSION}])


def downgrade() -> None:
    op.drop_table("progress_meta")
    with op.batch_alter_table("progress_key_points", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_key_points_missed")
    op.drop_table("progress_key_points")
    op.drop_table("progress_prompts")
    op.drop_table("progress_days")
    op.drop_table("progress_weeks")
    op.drop_table("progress_attempts")
    with op.batch_alter_table("review_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_review_logs_attempt")
        batch_op.drop_index("ix_review_logs_order")
    op.drop_table("review_logs")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_due")
    op.drop_table("reviews")
    # ALTER TABLE DROP COLUMN (SQLite 3.35+): no table rebuild, so no cascade (see upgrade)
    op.drop_column("attempts", "rating_override")
    op.drop_column("attempts", "cram")
