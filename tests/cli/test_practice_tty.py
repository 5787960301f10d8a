"""`mockloop practice` driven through a real pseudo-terminal, as a person would type."""

from __future__ import annotations

import os
import sys
import time

import pexpect

from mockloop.practice import attempts


def test_the_whole_loop_in_the_terminal_lands_in_the_shared_database(
    tmp_path, database_url, database, library
):
    env = {
        **os.environ,
        "MOCKLOOP_HOME": str(tmp_path / "home"),
        "MOCKLOOP_DATABASE_URL": database_url,
        "COLUMNS": "100",
        "TERM": "xterm",
    }
    prompt = library.get("web-crawler")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mockloop", "practice", "web-crawler"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect("Multithreaded web crawler")
        child.expect("start the 90-minute timer")
        child.sendline("")
        child.expect("Enter: stop")
        child.expect(r"1:29:5\d|1:30:00")
        child.send("h")
        child.expect("Hint 1")
        child.send("p")
        child.expect("paused")
        time.sleep(1.2)
        child.send("p")
        child.expect("running")
        time.sleep(1.0)
        child.send("\r")
        child.expect("Time: ")
        child.expect("reveal the answer")
        child.sendline("")
        child.expect("Reveal the follow-ups")
        child.sendline("y")
        child.expect(prompt.follow_ups[0].question[:30])
        child.expect("Which key points did you miss")
        child.sendline("9999")
        child.expect("Numbers go from 1 to")
        child.sendline("1 3")
        child.expect("What went well")
        child.sendline("explained the queue")
        child.expect("What I missed")
        child.sendline("the in-flight counter")
        child.expect("next time")
        child.sendline("state termination first")
        child.expect("Saved attempt")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0

    with database.session() as s:
        [attempt] = attempts.list_attempts(s)
        view = attempts.to_public(attempt, library)
    assert view.state == "stopped" and view.answer_revealed and view.follow_ups_revealed
    assert view.hints_revealed == 1
    assert view.missed == sorted([prompt.key_points[0].id, prompt.key_points[2].id])
    assert view.postmortem.next_time == "state termination first"
    # about two seconds of solving; the paused second is not counted
    assert 0.5 < view.elapsed_seconds < 15
    pause = [r for r in view.reveals if r.stage == "hint"]
    assert len(pause) == 1
