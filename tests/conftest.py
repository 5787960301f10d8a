"""Shared fixtures: the bundled library, a fresh database per test (SQLite, and PostgreSQL when
MOCKLOOP_TEST_DATABASE_URL is set), a fixed clock, and an in-process API client."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from mockloop.library import Library, load_library
from mockloop.practice import clock
from mockloop.practice.db import Database, make_engine, migrate
from mockloop.settings import BUNDLED_PACK, Settings

IN_CI = os.environ.get("CI", "").lower() == "true"
# Days (stats, streaks) are counted in UTC in the tests, whatever zone the machine is in; the
# tests of other zones set one themselves. Subprocesses (the CLI, the browser tests' server) inherit.
os.environ["MOCKLOOP_TIMEZONE"] = "UTC"
clock.set_zone("UTC")
PG_URL = os.environ.get("MOCKLOOP_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]


def require_or_skip(reason: str) -> None:
    """Skip locally; on CI a missing browser, sandbox or database is a failure."""
    if IN_CI:
        pytest.fail(f"required on CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library([BUNDLED_PACK])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "mockloop.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str | None:
    """A migrated PostgreSQL database for this test session, or None when none is configured."""
    if not PG_URL:
        return None
    url = make_url(PG_URL)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    engine = make_engine(PG_URL)
    migrate(engine)
    engine.dispose()
    return PG_URL


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "mockloop.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    if url is None:
        require_or_skip("PostgreSQL: set MOCKLOOP_TEST_DATABASE_URL")
    engine = make_engine(url)
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    fake = FixedClock()
    monkeypatch.setattr(clock, "utcnow", fake)
    return fake


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(home=tmp_path / "home", database_url=database_url)


@pytest.fixture
def client(settings: Settings, library: Library, database: Database):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from mockloop.web.app import create_app

    with TestClient(create_app(settings, library, database)) as test_client:
        yield test_client
