"""How the Today and stats pages scale: 100 against 100,000 generated attempts, SQLite and PostgreSQL.

Each database gets attempts spread over the last 365 days, every one stopped and marked (a share
of key points missed per category), some with a postmortem, 5% in cram mode; then the reviews and
rollups are built from them (`reviews.rebuild`, the same code an upgrade or an import runs). The
pages are fetched in-process through the real app (routing, SQL, templates, SVG); the service calls
alone are timed too. The page times with 100,000 attempts must stay within 2x of those with 100.

    .venv/bin/python benchmarks/stats_bench.py            # both sizes, both databases
    MOCKLOOP_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/mockloop_bench_progress

PostgreSQL is skipped (and said so) when the server cannot be reached.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from mockloop.library import Library, load_library
from mockloop.practice import clock, reviews, stats
from mockloop.practice.db import Database
from mockloop.practice.tables import Attempt, Mark, Postmortem
from mockloop.settings import BUNDLED_PACK, Settings
from mockloop.web.app import create_app

SIZES = (100, 100_000)
MAX_RATIO = 2.0
PG_URL = os.environ.get(
    "MOCKLOOP_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/mockloop_bench_progress"
)
MISS_RATE = {
    "coding": 0.15,
    "ml-coding": 0.3,
    "ml-system-design": 0.45,
    "behavioral": 0.2,
    "theory": 0.35,
}


def generate(database: Database, library: Library, n: int, now: datetime, seed: int = 7) -> None:
    """n stopped, marked attempts over the 365 days before now, then reviews and rollups."""
    rng = random.Random(seed)
    prompts = list(library.prompts.values())
    span = 365 * 24 * 3600
    starts = sorted(now - timedelta(seconds=rng.uniform(3600, span)) for _ in range(n))
    attempt_rows, mark_rows, postmortem_rows = [], [], []
    for attempt_id, started in enumerate(starts, 1):
        prompt = rng.choice(prompts)
        target = prompt.minutes * 60
        elapsed = rng.uniform(0.5, 1.3) * target
        stopped = started + timedelta(seconds=elapsed)
        attempt_rows.append(
            {
                "id": attempt_id,
                "prompt_slug": prompt.slug,
                "target_minutes": prompt.minutes,
                "started_at": started,
                "paused_seconds": 0.0,
                "stopped_at": stopped,
                "hints_revealed": 0,
                "answer_revealed_at": stopped,
                "marked_at": stopped,
                "cram": rng.random() < 0.05,
                "updated_at": stopped,
            }
        )
        for kp in prompt.key_points:
            mark_rows.append(
                {
                    "attempt_id": attempt_id,
                    "key_point_id": kp.id,
                    "missed": rng.random() < MISS_RATE[prompt.category],
                }
            )
        if rng.random() < 0.5:
            postmortem_rows.append(
                {
                    "attempt_id": attempt_id,
                    "went_well": f"clear structure {attempt_id}",
                    "missed": rng.choice(["edge cases", "complexity", "the follow-up", "tests"]),
                    "next_time": "say the plan first",
                    "updated_at": stopped,
                }
            )
    with database.session() as session:
        for table, rows in (
            (Attempt, attempt_rows),
            (Mark, mark_rows),
            (Postmortem, postmortem_rows),
        ):
            for start in range(0, len(rows), 5000):
                session.execute(insert(table), rows[start : start + 5000])
        if database.engine.dialect.name == "postgresql":
            session.execute(text("SELECT setval('attempts_id_seq', :n)"), {"n": n})
        reviews.rebuild(session)
    with database.engine.connect() as connection:
        if database.engine.dialect.name == "postgresql":
            connection.execute(text("COMMIT"))
            connection.execute(text("ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))


def _median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    for _ in range(3):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(
    url: str, library: Library, n: int, now: datetime, runs: int, home: Path
) -> dict[str, float]:
    """Build a database of n attempts at url and time the pages and services."""
    database = Database(url)
    started = time.perf_counter()
    generate(database, library, n, now)
    setup = time.perf_counter() - started
    app = create_app(Settings(home=home, database_url=url), library, database)
    today: date = now.date()
    with TestClient(app) as client:

        def page(path: str) -> None:
            response = client.get(path)
            assert response.status_code == 200, response.text[:500]

        def today_service() -> None:
            with database.session() as session:
                reviews.today(session, library, now)

        def stats_service() -> None:
            with database.session() as session:
                stats.overview(session, library, today)

        figures = {
            "setup_s": setup,
            "today_page": _median_ms(lambda: page("/today"), runs),
            "stats_page": _median_ms(lambda: page("/stats"), runs),
            "today_service": _median_ms(today_service, runs),
            "stats_service": _median_ms(stats_service, runs),
        }
    database.dispose()
    return figures


def _fresh_postgres(url: str) -> bool:
    parsed = make_url(url)
    try:
        admin = create_engine(
            parsed.set(drivername="postgresql+psycopg", database="postgres"),
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
        print(f"PostgreSQL skipped: cannot reach {url} ({type(exc).__name__})", file=sys.stderr)
        return False
    return True


def main() -> int:
    """Run every size on every database, print a table, fail when a ratio is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    now = clock.utcnow()
    library = load_library([BUNDLED_PACK])
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            url = f"sqlite:///{tmp}/bench-{n}.db"
            results[("sqlite", n)] = measure(url, library, n, now, args.runs, Path(tmp))
            print(f"sqlite {n:>7} attempts: ready", file=sys.stderr)
        if not args.sqlite_only:
            for n in args.sizes:
                if not _fresh_postgres(PG_URL):
                    break
                results[("postgresql", n)] = measure(PG_URL, library, n, now, args.runs, Path(tmp))
                print(f"postgresql {n:>7} attempts: ready", file=sys.stderr)

    columns = ("today_page", "stats_page", "today_service", "stats_service")
    print(f"Today and stats, median of {args.runs} runs (ms); setup builds reviews and rollups")
    print(f"{'database':<11}{'attempts':>9}{'setup s':>9}" + "".join(f"{c:>15}" for c in columns))
    for (backend, n), figures in results.items():
        print(
            f"{backend:<11}{n:>9}{figures['setup_s']:>9.1f}"
            + "".join(f"{figures[c]:>15.2f}" for c in columns)
        )
    failed = False
    small, large = min(args.sizes), max(args.sizes)
    for backend in ("sqlite", "postgresql"):
        if (backend, small) not in results or (backend, large) not in results:
            continue
        ratios = {c: results[(backend, large)][c] / results[(backend, small)][c] for c in columns}
        verdict = "ok" if max(ratios["today_page"], ratios["stats_page"]) <= MAX_RATIO else "OVER"
        failed |= verdict != "ok"
        print(
            f"{backend:<11}{'ratio':>9}{'':>9}"
            + "".join(f"{ratios[c]:>15.2f}" for c in columns)
            + f"   pages {verdict} (limit {MAX_RATIO})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
