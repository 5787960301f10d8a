"""`mockloop circuit list|run|report`, driven as a person would, on the web app's database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pexpect
import pytest

from mockloop.practice import circuits
from mockloop.practice.schemas_circuits import CircuitCreate

SHORT = CircuitCreate(
    title="Terminal drill",
    segments=[
        {"kind": "prompt", "label": "Coding", "minutes": 30, "prompt": "lru-cache"},
        {"kind": "break", "label": "Stretch", "minutes": 5},
        {
            "kind": "choice",
            "label": "ML coding",
            "minutes": 45,
            "choices": ["k-means", "bpe-tokenizer"],
        },
    ],
)


@pytest.fixture
def env(tmp_path, database_url):
    return {
        **os.environ,
        "MOCKLOOP_HOME": str(tmp_path / "home"),
        "MOCKLOOP_DATABASE_URL": database_url,
        "COLUMNS": "120",
        "TERM": "xterm",
    }


def spawn(env, *args):
    return pexpect.spawn(
        sys.executable,
        ["-m", "mockloop", "circuit", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 120),
    )


def test_circuit_list_shows_every_circuit_with_its_time(env):
    out = subprocess.run(
        [sys.executable, "-m", "mockloop", "circuit", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    found = {c["slug"]: c for c in json.loads(out.stdout)["circuits"]}
    assert found["openai-style-loop"]["total_minutes"] == 75 + 75 + 15 + 60 + 45
    table = subprocess.run(
        [sys.executable, "-m", "mockloop", "circuit", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "pinterest-style-ml-loop" in table and "4 h 00" in table


def test_an_unknown_circuit_is_a_one_line_error(env):
    out = subprocess.run(
        [sys.executable, "-m", "mockloop", "circuit", "run", "no-such-loop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "no circuit with slug 'no-such-loop'" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_whole_circuit_in_the_terminal_with_a_resume_lands_in_the_shared_database(
    env, database, library
):
    with database.session() as s:
        circuits.create_custom(s, library, SHORT)

    child = spawn(env, "run", "terminal-drill")
    try:
        child.expect("Started circuit run")
        child.expect("LRU cache")
        child.expect("Enter: end the round")
        child.expect(r"29:5\d|30:00")
        child.send("q")  # leave mid-round: the clock keeps running
        child.expect("Left circuit run")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0

    child = spawn(env, "run", "terminal-drill")
    try:
        child.expect("Resuming circuit run")
        child.expect("LRU cache")
        child.expect("Enter: end the round")
        child.send("\r")
        child.expect("Break: Stretch")
        child.expect("Enter: end the break")
        child.send("\r")
        child.expect("choose the prompt for this round")
        child.expect("Number, or Enter")
        child.sendline("7")
        child.expect("Type a number from 1 to 2")
        child.sendline("2")
        child.expect("Byte-level BPE tokenizer")
        child.expect("Enter: end the round")
        child.send("\r")
        child.expect("Loop finished")
        child.expect("Review each prompt now")
        child.sendline("y")
        for _ in range(2):
            child.expect("Which key points did you miss")
            child.sendline("1")
            child.expect("What went well")
            child.sendline("stayed calm")
            child.expect("What I missed")
            child.sendline("")
            child.expect("next time")
            child.sendline("")
        child.expect("What went well across the loop")
        child.sendline("kept to time")
        child.expect("What I missed")
        child.sendline("")
        child.expect("before the next loop")
        child.sendline("sleep well")
        child.expect("Loop report: Terminal drill")
        child.expect("Markdown: `mockloop circuit report")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0

    with database.session() as s:
        [run] = circuits.list_runs(s)
        rep = circuits.report(circuits.load_run(s, run.id), library)
    assert rep.run.state == "finished" and rep.run.rounds_done == 2
    coding, stretch, ml = rep.rounds
    assert coding.prompts[0].marked and len(coding.prompts[0].missed) == 1
    assert coding.prompts[0].postmortem.went_well == "stayed calm"
    assert [p.slug for p in ml.prompts] == ["bpe-tokenizer"]
    assert rep.postmortem.next_time == "sleep well"

    markdown = subprocess.run(
        [sys.executable, "-m", "mockloop", "circuit", "report", str(run.id), "--markdown"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# Loop report: Terminal drill")
    assert "- Next time: sleep well" in markdown.stdout
