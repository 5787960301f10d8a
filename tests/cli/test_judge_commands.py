"""`mockloop start` and `mockloop check`: solving a runnable prompt from your own editor."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mockloop.practice import attempts, submissions
from mockloop.settings import BUNDLED_PACK

LRU = BUNDLED_PACK / "prompts" / "coding" / "lru-cache"


@pytest.fixture
def run(tmp_path, database_url):
    env = {**os.environ, "MOCKLOOP_HOME": str(tmp_path / "home"), "MOCKLOOP_DATABASE_URL": database_url,
           "COLUMNS": "200"}  # fmt: skip

    def run(*args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, "-m", "mockloop", *args], capture_output=True, text=True,
                                env=env, cwd=tmp_path, timeout=120)  # fmt: skip
        assert result.returncode == expect, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        return result

    return run


def test_start_writes_the_starter_and_check_records_verdicts_on_that_attempt(
    run, tmp_path, database, library
):
    run("start", "lru-cache")
    solution_file = tmp_path / "lru_cache.py"
    assert solution_file.read_text() == (LRU / "starter.py").read_text()

    solution_file.write_text(sorted((LRU / "mutants").glob("*.py"))[0].read_text())
    wrong = json.loads(
        run("check", "lru_cache.py", "--prompt", "lru-cache", "--json", expect=1).stdout
    )
    assert wrong["passed"] is False and wrong["prompt"] == "lru-cache"
    assert wrong["sandbox"] in ("bubblewrap", "rlimits-only")
    assert all({"name", "passed", "message", "duration_ms"} <= set(t) for t in wrong["tests"])

    solution_file.write_text((LRU / "solution.py").read_text())
    right = run("check", "lru_cache.py")  # the prompt comes from the file name
    assert "all" in right.stdout and "passed" in right.stdout

    with database.session() as s:
        [attempt] = attempts.list_attempts(s)
        latest = submissions.latest_for_attempt(s, attempt.id)
        assert latest is not None and latest.passed is True
        assert submissions.load(s, wrong["id"]).attempt_id == attempt.id


def test_start_keeps_an_existing_file(run, tmp_path):
    (tmp_path / "mine.py").write_text("# my work\n")
    result = run("start", "lru-cache", "mine.py")
    assert "keeping it" in result.stdout
    assert (tmp_path / "mine.py").read_text() == "# my work\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("check", "missing.py", "--prompt", "lru-cache"), "cannot read"),
        (("check", "x.py", "--prompt", "why-leaving"), "not runnable"),
        (("check", "x.py", "--prompt", "no-such-prompt"), "no-such-prompt"),
        (("start", "why-leaving"), "not runnable"),
    ],
)
def test_what_cannot_be_checked_is_one_line_and_exit_1(run, tmp_path, args, words):
    (tmp_path / "x.py").write_text("x = 1\n")
    result = run(*args, expect=1)
    assert words in result.stderr
