"""`mockloop today|stats|rate|export|import` and `practice --due`, as real processes on the database
the web app uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pexpect
import pytest

from mockloop.practice import attempts, circuits, clock
from mockloop.practice.schemas_circuits import CircuitRunCreate

SLUG = "web-crawler"


@pytest.fixture
def run(tmp_path, database_url):
    def run(*args: str, expect: int = 0, url: str = database_url) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "MOCKLOOP_HOME": str(tmp_path / "home"),
            "MOCKLOOP_DATABASE_URL": url,
            "COLUMNS": "160",
        }
        result = subprocess.run(
            [sys.executable, "-m", "mockloop", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == expect, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        return result

    return run


def finish(database, library, slug=SLUG, missed=2) -> int:
    with database.session() as s:
        attempt_id = attempts.start(s, library, slug).id
    with database.session() as s:
        attempts.stop(s, attempt_id)
        attempts.set_marks(s, library, attempt_id, library.get(slug).key_point_ids()[:missed])
    return attempt_id


def test_today_and_stats_show_what_was_practised(run, database, library):
    assert "Nothing is due" in run("today").stdout
    finish(database, library, missed=2)
    crawler = library.get(SLUG)
    out = run("today").stdout
    assert "Coming up this week (1)" in out and crawler.title in out
    assert crawler.key_points[0].text[:40] in out
    assert "Random weak mock draws" in out
    data = json.loads(run("today", "--json").stdout)
    assert data["upcoming"][0]["prompt"]["slug"] == SLUG and data["attempts"] == 1

    stats = run("stats").stdout
    assert "1 stopped attempts" in stats and "Most-missed key points" in stats
    assert "2/1" not in stats and "1/1" in stats
    assert any(bar in stats for bar in "▁▂▃▄▅▆▇█")
    figures = json.loads(run("stats", "--json").stdout)
    assert figures["attempts_per_week"][-1]["attempts"] == 1


def test_rate_overrides_and_refuses_what_it_cannot_rate(run, database, library):
    attempt_id = finish(database, library, missed=0)
    assert "again (your call)" in run("rate", str(attempt_id), "again").stdout
    out = run("rate", str(attempt_id), "hard").stdout
    assert "hard" in out and "your call" in out
    assert "from the marks" in run("rate", str(attempt_id), "auto").stdout
    assert "no attempt with id 999999" in run("rate", "999999", "good", expect=1).stderr
    assert run("rate", str(attempt_id), "perfect", expect=2).returncode == 2


def test_export_and_import_move_the_history_to_an_empty_database(run, database, library, tmp_path):
    finish(database, library, missed=2)
    first = finish(database, library, slug="lru-cache", missed=0)
    run("rate", str(first), "hard")
    with database.session() as s:
        run_id = circuits.start_run(s, library, CircuitRunCreate(circuit="phone-screen-60")).id
        circuits.finish(s, run_id)
    exported = tmp_path / "journal.json"
    assert "wrote" in run("export", "--format", "json", "--output", str(exported)).stdout
    md = run("export", "--format", "md").stdout
    assert md.startswith("# mockloop journal") and md.count("\n## ") == 3

    elsewhere = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    out = run("import", str(exported), url=elsewhere).stdout
    assert "Imported 3 attempts; 0 already here." in out  # the loop's first round is one
    assert "Imported 1 circuit run; 0 already here." in out
    assert run("export", "--format", "json", url=elsewhere).stdout == exported.read_text()
    assert run("export", "--format", "md", url=elsewhere).stdout == md
    again = run("import", str(exported), url=elsewhere).stdout
    assert "Imported 0 attempts; 3 already here." in again
    assert "Imported 0 circuit runs; 1 already here." in again
    csv_out = run("export", "-f", "csv", url=elsewhere).stdout
    assert csv_out.splitlines()[0].startswith("started_at,prompt,title")


def test_a_malformed_file_is_refused_with_a_clear_message(run, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "mockloop-journal", "version": 1, "attempts": [{"prompt": 3}]}')
    err = run("import", str(broken), expect=1).stderr
    assert "error:" in err and "attempts[0].prompt" in err
    broken.write_text("not json at all")
    assert "not a JSON file" in run("import", str(broken), expect=1).stderr
    assert "cannot read" in run("import", str(tmp_path / "missing.json"), expect=1).stderr
    assert "Nothing is due" in run("today").stdout  # nothing was imported


def test_practice_due_starts_on_what_is_due(tmp_path, database_url, database, library, monkeypatch):
    env = {
        **os.environ,
        "MOCKLOOP_HOME": str(tmp_path / "home"),
        "MOCKLOOP_DATABASE_URL": database_url,
        "COLUMNS": "100",
        "TERM": "xterm",
    }
    nothing = subprocess.run(
        [sys.executable, "-m", "mockloop", "practice", "--due"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert nothing.returncode == 0 and "Nothing is due for review" in nothing.stdout

    three_days_ago = clock.utcnow() - timedelta(days=3)
    monkeypatch.setattr(clock, "utcnow", lambda: three_days_ago)
    finish(database, library, slug="lru-cache", missed=3)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mockloop", "practice", "--due", "--cram"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect(library.get("lru-cache").title)
        child.expect("start the")
        child.sendline("")
        child.expect("Enter: stop")
    finally:
        child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
    with database.session() as s:
        newest = attempts.list_attempts(s, limit=1)[0]
        assert newest.prompt_slug == "lru-cache" and newest.cram
