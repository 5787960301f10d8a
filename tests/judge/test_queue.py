"""The judge queue: at most N submissions run at once, the rest wait and know their place."""

from __future__ import annotations

import os
import time

import pytest
from conftest import PROMPTS, SHORT

from mockloop.judge import warm
from mockloop.judge.judge import MAX_CODE_BYTES, JudgeQueue, SubmissionRejected

ADD = "def add(a, b):\n    return a + b\ndef divide(a, b):\n    return a // b\n"
SLOW_ADD = "import time\ntime.sleep(0.8)\n" + ADD


def wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def test_the_queue_runs_one_at_a_time_and_reports_each_waiting_position() -> None:
    queue = JudgeQueue(max_running=1)
    limits = SHORT.replace(test_seconds=3)
    first = queue.submit(PROMPTS / "calc", SLOW_ADD, limits=limits)
    wait_until(lambda: first.state == "running")
    second = queue.submit(PROMPTS / "calc", ADD, limits=limits)
    third = queue.submit(PROMPTS / "calc", ADD, limits=limits)
    assert (first.position, second.position, third.position) == (0, 1, 2)
    assert queue.waiting() == 2
    assert first.result(timeout=20).tests[0].passed
    wait_until(lambda: third.position == 1 or third.done())
    assert [s.result(timeout=20).tests[0].passed for s in (second, third)] == [True, True]
    assert (first.position, second.position, third.position) == (0, 0, 0)
    queue.shutdown()


def test_a_hostile_submission_does_not_hold_up_the_others() -> None:
    queue = JudgeQueue(max_running=2)
    stuck = queue.submit(
        PROMPTS / "hostile",
        "import signal, time\ndef run():\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n    time.sleep(60)\n",
        limits=SHORT.replace(wall_seconds=4),
    )
    wait_until(lambda: stuck.state == "running")
    quick = queue.submit(PROMPTS / "calc", ADD, limits=SHORT)
    assert quick.result(timeout=10).tests[0].passed
    assert not stuck.done()
    assert stuck.result(timeout=10).status == "time-limit"
    queue.shutdown()


def test_the_default_limit_is_the_number_of_cores() -> None:
    assert JudgeQueue().max_running == (os.cpu_count() or 1)


def test_an_oversized_submission_is_rejected_before_it_queues() -> None:
    queue = JudgeQueue(max_running=1)
    with pytest.raises(SubmissionRejected):
        queue.submit(PROMPTS / "calc", "#" * (MAX_CODE_BYTES + 1))
    assert queue.waiting() == 0


def test_many_submissions_at_once_leak_no_descriptors_and_leave_no_process() -> None:
    descriptors = len(os.listdir("/proc/self/fd"))
    before = set(children())  # e.g. the Playwright driver the browser tests keep for the session
    queue = JudgeQueue(max_running=4)
    programs = {
        "def run():\n    return None\n": "passed",
        "def run():\n    while True:\n        pass\n": "time-limit",
        "import os\ndef run():\n    while True:\n        os.fork()\n": "runtime-error",
        "def run():\n    return b'x' * 10**10\n": "memory-limit",
        "import os\ndef run():\n    while True:\n        os.write(1, b'x' * 65536)\n": "output-limit",
    }
    submitted = [
        (queue.submit(PROMPTS / "hostile", code, limits=SHORT), status)
        for _ in range(4)
        for code, status in programs.items()
    ]
    for submission, status in submitted:
        assert submission.result(timeout=60).status == status
    queue.shutdown()
    warm.shutdown()  # a queue may start warm servers for ML prompts: the app's, not a submission's
    deadline = time.monotonic() + 5  # a loaded machine may take a moment to reap the last one
    while set(children()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(set(children()) - before) == []
    assert len(os.listdir("/proc/self/fd")) == descriptors


def children() -> list[str]:
    """This process's children, zombies included, as "pid:start-time" so a reused pid is not mistaken."""
    found = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as file:
            for pid in file.read().split():
                try:
                    with open(f"/proc/{pid}/stat") as stat:
                        started = stat.read().rsplit(")", 1)[1].split()[19]
                except FileNotFoundError:  # reaped since it was listed
                    continue
                found.append(f"{pid}:{started}")
    return found
