"""circuits: custom circuits, circuit runs, their segments and prompts; attempts.circuit_run_id

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_circuits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("segments_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "circuit_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circuit_slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("hide_difficulty", sa.Boolean(), nullable=False),
        sa.Column("auto_advance", sa.Boolean(), nullable=False),
        sa.Column("time_scale", sa.Float(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("missed", sa.Text(), nullable=False),
        sa.Column("next_time", sa.Text(), nullable=False),
        sa.Column("postmortem_updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("circuit_runs", schema=None) as batch_op:
        batch_op.create_index("ix_circuit_runs_circuit_slug", ["circuit_slug"], unique=False)
        batch_op.create_index("ix_circuit_runs_started_at", ["started_at"], unique=False)

    op.create_table(
        "circuit_run_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("seconds_given", sa.Float(), nullable=False),
        sa.Column("choices_json", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["circuit_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "position"),
    )
    op.create_table(
        "circuit_run_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("prompt_slug", sa.String(length=120), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["segment_id"], ["circuit_run_segments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "position"),
    )
    with op.batch_alter_table("circuit_run_items", schema=None) as batch_op:
        batch_op.create_index("ix_circuit_run_items_attempt_id", ["attempt_id"], unique=False)

    # SQLite: a plain ADD COLUMN, never batch mode. Batch mode copies and drops `attempts`, and with
    # foreign keys on, dropping it cascades to every mark, reveal and postmortem a user saved.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE attempts ADD COLUMN circuit_run_id INTEGER"
            " REFERENCES circuit_runs (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("attempts", sa.Column("circuit_run_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_attempts_circuit_run_id",
            "attempts",
            "circuit_runs",
            ["circuit_run_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_attempts_circuit_run_id", "attempts", ["circuit_run_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_attempts_circuit_run_id", table_name="attempts")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # DROP COLUMN refuses a foreign-key column, so batch mode rebuilds the table; that is only
        # safe with foreign keys off (see upgrade), and SQLite ignores the pragma in a transaction.
        bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
        if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("cannot turn SQLite foreign keys off; refusing to rebuild attempts")
        with op.batch_alter_table("attempts", schema=None) as batch_op:
            batch_op.drop_column("circuit_run_id")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
    else:
        op.drop_constraint("fk_attempts_circuit_run_id", "attempts", type_="foreignkey")
        op.drop_column("attempts", "circuit_run_id")
    with op.batch_alter_table("circuit_run_items", schema=None) as batch_op:
        batch_op.drop_index("ix_circuit_run_items_attempt_id")
    op.drop_table("circuit_run_items")
    op.drop_table("circuit_run_segments")
    with op.batch_alter_table("circuit_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_circuit_runs_started_at")
        batch_op.drop_index("ix_circuit_runs_circuit_slug")
    op.drop_table("circuit_runs")
    op.drop_table("custom_circuits")
