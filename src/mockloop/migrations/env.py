"""Alembic environment: migrations run on the connection mockloop hands over."""

from alembic import context

import mockloop.practice.tables_circuits  # noqa: F401  (registers the circuit tables)
import mockloop.practice.tables_recordings  # noqa: F401  (registers the recordings table)
import mockloop.practice.tables_submissions  # noqa: F401  (registers submissions and drafts)
from mockloop.practice import tables_progress  # noqa: F401  (registers the progress tables)
from mockloop.practice.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise SystemExit(
        "run migrations through mockloop (they start with the app), not the alembic CLI"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
