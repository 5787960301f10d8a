"""How the Today, stats and postmortem search pages scale: 100 against 100,000 generated attempts,
SQLite and PostgreSQL.

Each database gets attempts spread over the last 365 days, every one stopped and marked (a share
of key points missed per category), some with a postmortem, 5% in cram mode; then the reviews and
rollups are built from them (`reviews.rebuild`, the same code an upgrade or an import runs). The
pages are fetched in-process through the real app (routing, SQL, templates, SVG); the service calls
alone are timed too. The page times with 100,000 attempts must stay within 2x of those with 100.
The search looks for a word that 20 postmortems hold at every size; `like_scan` is what a search
without the full-text index costs (a substring scan), shown for comparison.

    .venv/bin/python benchmarks/stats_bench.py            # both sizes, both databases
    MOCKLOOP_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/mockloop_bench_progress \\
        .venv/bin/python benchmarks/stats_bench.py   # uses mockloop_bench_progress_100 and _100000

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
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from mockloop.library import Library, load_library
from mockloop.practice import clock, reviews, stats
from mockloop.practice.db import Database
from mockloop.practice.tables import Attempt, Mark, Postmortem
from mockloop.practice.tables_progress import ProgressAttempt
from mockloop.settings import BUNDLED_PACK, Settings
from mockloop.web.app import create_app

SIZES = (100, 100_000)
MAX_RATIO = 2.0
PG_URL = os.environ.get(
    "MOCKLOOP_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/mockloop_bench_progress"
)  # the benchmark drops and creates <database>_100 and <database>_100000 on that server
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
    rare = set(range(1, n + 1, max(1, n // SEARCH_HITS)))  # the same number of hits at any size
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
        if rng.random() < 0.5 or attempt_id in rare:
            postmortem_rows.append(
                {
                    "attempt_id": attempt_id,
                    "went_well": f"clear structure {attempt_id}"
                    + (", drew the crawl frontier first" if attempt_id in rare else ""),
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


FIGURES = ("today_page", "stats_page", "search_page", "today_service", "stats_service", "like_scan")
CHECKED = ("today_page", "stats_page", "search_page")  # the pages whose ratio must stay <= 2
SEARCH_HITS = 20  # postmortems that mention "frontier", at every size


def _timers(stack: ExitStack, url: str, library: Library, now: datetime, home: Path) -> dict:  # type: ignore[type-arg]
    """The four timed actions on one database, in an app that stays open for the stack's life."""
    database = Database(url, run_migrations=False)
    stack.callback(database.dispose)
    app = create_app(Settings(home=home, database_url=url), library, database)
    client = stack.enter_context(TestClient(app))

    def page(path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200, response.text[:500]

    def today_service() -> None:
        with database.session() as session:
            reviews.today(session, library, now)

    def stats_service() -> None:
        with database.session() as session:
            stats.overview(session, library, now.date())

    def like_scan() -> None:
        """The baseline a full-text index replaces: a substring scan of every postmortem."""
        with database.session() as session:
            session.execute(
                select(ProgressAttempt.attempt_id)
                .where(ProgressAttempt.search_text.like("%frontier%"))
                .order_by(ProgressAttempt.attempt_id.desc())
                .limit(200)
            ).all()

    return {
        "today_page": lambda: page("/today"),
        "stats_page": lambda: page("/stats"),
        "search_page": lambda: page("/history/search?q=frontier"),
        "today_service": today_service,
        "stats_service": stats_service,
        "like_scan": like_scan,
    }


def measure(urls: dict[int, str], library: Library, now: datetime, runs: int, home: Path) -> dict:  # type: ignore[type-arg]
    """Median milliseconds per size and figure. The sizes take turns run by run, so a busy
    neighbour on the machine slows both alike instead of skewing the ratio."""
    samples: dict[int, dict[str, list[float]]] = {n: {f: [] for f in FIGURES} for n in urls}
    with ExitStack() as stack:
        timers = {n: _timers(stack, url, library, now, home) for n, url in urls.items()}
        for run in range(runs + 3):
            for figure in FIGURES:
                for n in urls:
                    start = time.perf_counter()
                    timers[n][figure]()
                    if run >= 3:  # the first runs warm caches and compile statements
                        samples[n][figure].append((time.perf_counter() - start) * 1000)
    return {n: {f: statistics.median(v) for f, v in by.items()} for n, by in samples.items()}


def build(url: str, library: Library, n: int, now: datetime) -> float:
    """Create the database at url with n attempts; the seconds it took."""
    database = Database(url)
    started = time.perf_counter()
    generate(database, library, n, now)
    database.dispose()
    return time.perf_counter() - started


def _fresh_postgres(url: str, create: bool = True) -> bool:
    parsed = make_url(url)
    try:
        admin = create_engine(
            parsed.set(drivername="postgresql+psycopg", database="postgres"),
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            if create:
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
        backends = {"sqlite": {n: f"sqlite:///{tmp}/bench-{n}.db" for n in args.sizes}}
        if not args.sqlite_only:
            pg = make_url(PG_URL)
            urls = {
                n: pg.set(database=f"{pg.database}_{n}").render_as_string(hide_password=False)
                for n in args.sizes
            }
            if all(_fresh_postgres(url) for url in urls.values()):
                backends["postgresql"] = urls
        for backend, urls in backends.items():
            setup = {n: build(url, library, n, now) for n, url in urls.items()}
            print(f"{backend}: built {', '.join(map(str, urls))} attempts", file=sys.stderr)
            for n, figures in measure(urls, library, now, args.runs, Path(tmp)).items():
                results[(backend, n)] = {"setup_s": setup[n], **figures}
            if backend == "postgresql":
                for url in urls.values():
                    _fresh_postgres(url, create=False)  # a 100,000-attempt database is big

    columns = FIGURES
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
        verdict = "ok" if max(ratios[c] for c in CHECKED) <= MAX_RATIO else "OVER"
        failed |= verdict != "ok"
        print(
            f"{backend:<11}{'ratio':>9}{'':>9}"
            + "".join(f"{ratios[c]:>15.2f}" for c in columns)
            + f"   pages {verdict} (limit {MAX_RATIO})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
