"""postmortem search: a full-text index over each attempt's postmortem

SQLite gets an FTS5 table kept in step with progress_attempts by triggers (porter stemming, case
and accents folded); PostgreSQL a GIN index over to_tsvector('english', search_text), which the
search's query uses as is.

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
    "USING gin (to_tsvector('english', search_text))"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else [PG_INDEX]:
        op.execute(sa.text(statement))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in (
        SQLITE_DOWN if dialect == "sqlite" else ["DROP INDEX ix_progress_attempts_search"]
    ):
        op.execute(sa.text(statement))
