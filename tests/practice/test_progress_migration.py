"""Migration 0003 on a database that already has history: its progress is built on first use, and
the migration goes down and up again cleanly."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from mockloop.practice import reviews
from mockloop.practice.db import MIGRATIONS, Database, make_engine


def _alembic(engine, *args: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, args[0])(config, *args[1:])


def test_upgrading_a_database_with_history_builds_its_reviews_on_first_use(tmp_path, library):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    _alembic(engine, "upgrade", "0001")
    kp = library.get("web-crawler").key_point_ids()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO attempts (id, prompt_slug, target_minutes, started_at, paused_seconds,"
                " stopped_at, hints_revealed, marked_at, updated_at) VALUES (1, 'web-crawler', 90,"
                " '2026-11-20 09:00:00.000000', 0, '2026-11-20 09:40:00.000000', 0,"
                " '2026-11-20 09:41:00.000000', '2026-11-20 09:41:00.000000')"
            )
        )
        for n, kp_id in enumerate(kp):
            conn.execute(
                text("INSERT INTO marks VALUES (1, :kp, :missed)"), {"kp": kp_id, "missed": n < 3}
            )
    engine.dispose()

    database = Database(url)  # migrates to heads, as the app does on start
    with database.session() as s:
        assert s.execute(text("SELECT count(*) FROM progress_meta")).scalar() == 0
        view = reviews.today(s, library)
    assert view.attempts == 1
    [due] = view.due  # rated Hard (5 of 8) ten days ago: due since
    assert due.prompt.slug == "web-crawler" and due.key_points_due == len(kp)
    assert [k.id for k in due.key_points] == kp[:3]
    with database.session() as s:
        assert (
            s.execute(text("SELECT value FROM progress_meta")).scalar() == reviews.DERIVED_VERSION
        )

    _alembic(database.engine, "downgrade", "0003@0001")
    names = set(inspect(database.engine).get_table_names())
    assert "reviews" not in names and "attempts" in names
    assert "cram" not in {c["name"] for c in inspect(database.engine).get_columns("attempts")}
    _alembic(database.engine, "upgrade", "heads")
    assert "progress_weeks" in set(inspect(database.engine).get_table_names())
    with database.engine.connect() as conn:  # nothing the user wrote went with the columns
        assert conn.execute(text("SELECT count(*) FROM marks")).scalar() == len(kp)
    database.dispose()
