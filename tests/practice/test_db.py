"""The database layer: migrations reach the newest schema, and a current database skips them."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from mockloop.practice.db import MIGRATIONS, SCHEMA_HEADS, make_engine, migrate, schema_is_current


def test_the_recorded_heads_are_the_migrations_folders_heads():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert set(ScriptDirectory.from_config(config).get_heads()) == set(SCHEMA_HEADS)


def test_a_new_database_is_migrated_and_then_known_to_be_current(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert not schema_is_current(engine)
    migrate(engine)
    assert schema_is_current(engine)
    assert {"attempts", "marks", "postmortems", "reveals", "submissions"} <= set(
        inspect(engine).get_table_names()
    )
    migrate(engine)  # a second start changes nothing
    engine.dispose()
