"""postmortem search: a full-text index over each attempt's postmortem

SQLite gets an FTS5 table kept in step with progress_attempts by triggers (porter stemming, case
and accents folded); PostgreSQL a GIN index over to_tsvector('english', search_text), which the
search's query uses as is. progress_attempts gains the attempt's start, so the newest matches come
from that table alone; a database with history fills it by rebuilding its derived data on first use.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE postmortem_search USING fts5(
        search_text, content='progress_attempts', content_rowid='attempt_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER postmortem_search_insert AFTER INSERT ON progress_attempts BEGIN
        INSERT INTO postmortem_search(rowid, search_text) VALUES (new.attempt_id, new.search_text);
    END""",
    """CREATE TRIGGER postmortem_search_delete AFTER DELETE ON progress_attempts BEGIN
        INSERT INTO postmortem_search(postmortem_search, rowid, search_text)
        VALUES ('delete', old.attempt_id, old.search_text);
    END""",
    """CREATE TRIGGER postmortem_search_update AFTER UPDATE OF search_text ON progress_attempts BEGIN
        INSERT INTO postmortem_search(postmortem_search, rowid, search_text)
        VALUES ('delete', old.attempt_id, old.search_text);
        INSERT INTO postmortem_search(rowid, search_text) VALUES (new.attempt_id, new.search_text);
    END""",
    "INSERT INTO postmortem_search(postmortem_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS postmortem_search_update",
    "DROP TRIGGER IF EXISTS postmortem_search_delete",
    "DROP TRIGGER IF EXISTS postmortem_search_insert",
    "DROP TABLE IF EXISTS postmortem_search",
]
# Must match the expression in mockloop.practice.journal, or PostgreSQL will not use the index.
PG_INDEX = (
    "CREATE INDEX ix_progress_attempts_search ON progress_attempts "
    "USING gin (to_tsvector('english', search_text)) WITH (fastupdate = off)"
)  # fastupdate off: a lookup never scans a pending list of unindexed rows (one insert per attempt)


# Must match mockloop.practice.reviews.DERIVED_VERSION.
DERIVED_VERSION = "2"


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("progress_attempts", sa.Column("started_at", sa.DateTime(), nullable=True))
    op.create_index("ix_progress_attempts_started_at", "progress_attempts", ["started_at"])
    for statement in SQLITE_UP if bind.dialect.name == "sqlite" else [PG_INDEX]:
        op.execute(sa.text(statement))
    meta = sa.table("progress_meta", sa.column("key"), sa.column("value"))
    if bind.execute(sa.text("SELECT 1 FROM attempts LIMIT 1")).first() is None:
        op.execute(meta.update().where(meta.c.key == "version").values(value=DERIVED_VERSION))
    else:
        op.execute(meta.delete().where(meta.c.key == "version"))  # rebuilt on first use


def downgrade() -> None:
    bind = op.get_bind()
    meta = sa.table("progress_meta", sa.column("key"), sa.column("value"))
    op.execute(meta.delete().where(meta.c.key == "version"))  # version 1 rebuilds on first use
    op.drop_index("ix_progress_attempts_started_at", table_name="progress_attempts")
    dialect = bind.dialect.name
    for statement in (
        SQLITE_DOWN if dialect == "sqlite" else ["DROP INDEX ix_progress_attempts_search"]
    ):
        op.execute(sa.text(statement))
