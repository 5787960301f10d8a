"""The CLI's stable interface: list, show, random, history, validate; the same database as the web app."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mockloop.library.models import CATEGORIES


@pytest.fixture
def run(tmp_path, database_url):
    env = {
        **os.environ,
        "MOCKLOOP_HOME": str(tmp_path / "home"),
        "MOCKLOOP_DATABASE_URL": database_url,
        "COLUMNS": "200",
    }

    def run(*args: str, expect: int = 0, **more_env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "mockloop", *args],
            capture_output=True,
            text=True,
            env={**env, **more_env},
            timeout=60,
        )
        assert result.returncode == expect, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        return result

    return run


def test_a_bad_setting_is_named_with_what_was_expected(run):
    err = run("list", expect=2, MOCKLOOP_TIMEZONE="Mars/Olympus").stderr
    assert "MOCKLOOP_TIMEZONE: 'Mars/Olympus' is not a time zone name" in err
    assert "Europe/Berlin" in err
    err = run("list", expect=2, MOCKLOOP_MAX_BODY_BYTES="lots").stderr
    assert "MOCKLOOP_MAX_BODY_BYTES:" in err and "integer" in err
    assert run("list", MOCKLOOP_TIMEZONE="Asia/Kolkata").stdout  # a real zone is fine


def test_show_answer_json_has_every_field_other_tools_rely_on(run, library):
    data = json.loads(run("show", "web-crawler", "--answer", "--json").stdout)
    for field in (
        "slug",
        "title",
        "category",
        "difficulty",
        "minutes",
        "companies",
        "tags",
        "prompt",
        "hints",
        "answer",
        "key_points",
        "follow_ups",
    ):
        assert field in data, field
    assert data["key_points"] == [kp.model_dump() for kp in library.get("web-crawler").key_points]
    assert set(data["follow_ups"][0]) == {"question", "answer"}


def test_show_without_answer_keeps_the_answer_hidden(run):
    data = json.loads(run("show", "web-crawler", "--json").stdout)
    assert "answer" not in data and "key_points" not in data
    assert "Multithreaded" in run("show", "web-crawler").stdout


def test_an_unknown_slug_exits_1_with_one_line(run):
    result = run("show", "no-such-prompt", expect=1)
    assert result.stderr.strip().count("\n") == 0 and "no-such-prompt" in result.stderr


def test_list_filters_by_category_and_prints_json(run, library):
    data = json.loads(run("list", "--category", "coding", "--json").stdout)["prompts"]
    assert {p["slug"] for p in data} == {
        p.slug for p in library.prompts.values() if p.category == "coding"
    }
    assert "web-crawler" in run("list").stdout
    result = run("list", "--category", "cooking", expect=1)
    assert all(c in result.stderr for c in CATEGORIES)


def test_random_json_respects_the_category(run):
    for _ in range(3):
        assert (
            json.loads(run("random", "--category", "theory", "--json").stdout)["category"]
            == "theory"
        )


def test_history_shows_attempts_made_through_the_api(run, database, library):
    from mockloop.practice import attempts

    with database.session() as s:
        attempts.start(s, library, "web-crawler")
    data = json.loads(run("history", "--json").stdout)["attempts"]
    assert [a["prompt"] for a in data] == ["web-crawler"]
    assert "Multithreaded web crawler" in run("history").stdout
