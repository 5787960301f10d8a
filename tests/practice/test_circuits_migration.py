"""Migration 0002 on a database that already holds a user's attempts: nothing is lost, both ways."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from mockloop.practice.db import MIGRATIONS, make_engine
from tests.conftest import PG_URL


def _alembic(engine, action, revision) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, revision)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    if not PG_URL:
        pytest.skip("PostgreSQL: set MOCKLOOP_TEST_DATABASE_URL")
    url = make_url(PG_URL).set(database=make_url(PG_URL).database + "_circuits_migration")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return url.render_as_string(hide_password=False)


def counts(engine) -> tuple[int, int, int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("attempts", "marks", "postmortems", "reveals")
        )


def test_upgrading_keeps_every_mark_reveal_and_postmortem_and_downgrading_too(fresh_url):
    engine = make_engine(fresh_url)
    try:
        _alembic(engine, command.upgrade, "0001")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO attempts (id, prompt_slug, target_minutes, started_at,"
                    " paused_seconds, hints_revealed, updated_at)"
                    " VALUES (1, 'lru-cache', 30, '2026-11-01', 0, 1, '2026-11-01')"
                )
            )
            conn.execute(text("INSERT INTO marks VALUES (1, 'o1-ops', true)"))
            conn.execute(
                text("INSERT INTO postmortems VALUES (1, 'well', 'missed', 'next', '2026-11-01')")
            )
            conn.execute(
                text(
                    "INSERT INTO reveals (attempt_id, stage, hint_index, revealed_at, offset_seconds)"
                    " VALUES (1, 'hint', 0, '2026-11-01', 5)"
                )
            )
        _alembic(engine, command.upgrade, "0002")
        assert counts(engine) == (1, 1, 1, 1)
        columns = {c["name"] for c in inspect(engine).get_columns("attempts")}
        assert "circuit_run_id" in columns
        assert {
            "circuit_runs",
            "circuit_run_segments",
            "circuit_run_items",
            "custom_circuits",
        } <= set(inspect(engine).get_table_names())
        [fk] = [
            fk
            for fk in inspect(engine).get_foreign_keys("attempts")
            if fk["referred_table"] == "circuit_runs"
        ]
        assert fk["constrained_columns"] == ["circuit_run_id"]

        _alembic(engine, command.downgrade, "0002@-1")
        assert counts(engine) == (1, 1, 1, 1)
        assert "circuit_run_id" not in {c["name"] for c in inspect(engine).get_columns("attempts")}
        assert "circuit_runs" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
