"""Hostile submissions: each gets a clear verdict, the host is untouched, and no process of the
run outlives it (conftest.run checks that after every judge call)."""

from __future__ import annotations

import ast
import hashlib
import os
import socket
import threading
from pathlib import Path

import pytest
from conftest import SHORT, run

import mockloop
from mockloop.judge.judge import Verdict
from mockloop.settings import BUNDLED_PACK


def returned(verdict: Verdict) -> object:
    """What run() returned, read back from the visible test's `got`."""
    got = verdict.tests[0].got
    return None if got is None else ast.literal_eval(got)


def assert_carried_on(verdict: Verdict) -> None:
    """The harness survived the first test and ran the second."""
    assert verdict.tests[1].passed, verdict.tests[1].message


# --- time ---------------------------------------------------------------------------------


def test_an_infinite_loop_hits_the_time_limit() -> None:
    verdict = run("hostile", "def run():\n    while True:\n        pass\n")
    assert verdict.status == "time-limit"
    assert verdict.tests[0].message == "time limit: took longer than 1 s"
    assert_carried_on(verdict)


def test_a_loop_that_ignores_sigxcpu_and_swallows_every_exception_is_killed() -> None:
    code = (
        "import signal\n"
        "def run():\n"
        "    signal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
        "    while True:\n"
        "        try:\n"
        "            total = 0\n"
        "            for i in range(10**9):\n"
        "                total += i\n"
        "        except BaseException:\n"
        "            pass\n"
    )
    verdict = run("hostile", code)
    assert verdict.status == "time-limit"
    assert verdict.message.startswith("time limit:")
    assert verdict.tests[0].status == "time-limit"
    assert verdict.tests[1].status == "not-run"


def test_busy_threads_hit_the_time_limit() -> None:
    code = (
        "import threading\n"
        "def spin():\n"
        "    while True:\n"
        "        pass\n"
        "def run():\n"
        "    for _ in range(8):\n"
        "        threading.Thread(target=spin, daemon=True).start()\n"
        "    spin()\n"
    )
    verdict = run("hostile", code)
    assert verdict.status == "time-limit"
    assert verdict.tests[0].status == "time-limit"


def test_busy_forked_children_are_all_killed() -> None:
    code = (
        "import os\n"
        "def run():\n"
        "    for _ in range(5):\n"
        "        if os.fork() == 0:\n"
        "            while True:\n"
        "                pass\n"
    )
    verdict = run("hostile", code)
    assert verdict.passed


def test_sleeping_forever_hits_the_time_limit() -> None:
    verdict = run("hostile", "import time\ndef run():\n    time.sleep(10**6)\n")
    assert verdict.status == "time-limit"
    assert_carried_on(verdict)


def test_sleeping_with_the_alarm_blocked_hits_the_wall_clock_limit() -> None:
    code = (
        "import signal, time\n"
        "def run():\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "    time.sleep(10**6)\n"
    )
    verdict = run("hostile", code, SHORT.replace(wall_seconds=2))
    assert verdict.status == "time-limit"
    assert verdict.message == "time limit: the run took longer than 2 s during test_run"


# --- memory -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "def run():\n    return b'x' * 10**10\n",
        "def run():\n    hoard = []\n    while True:\n        hoard.append(bytearray(10**6))\n",
        "import numpy\ndef run():\n    return numpy.ones((10**5, 10**5))\n",
        "import sys\ndef dive(n):\n    pad = [0] * 1000\n    return dive(n + 1) + 1\n"
        "def run():\n    sys.setrecursionlimit(10**8)\n    dive(0)\n",
    ],
    ids=["bytes", "growing list", "numpy", "deep recursion"],
)
def test_a_memory_bomb_hits_the_memory_limit(code: str) -> None:
    # Unwinding tens of thousands of frames takes a moment on a loaded machine.
    verdict = run("hostile", code, SHORT.replace(test_seconds=5, cpu_seconds=5, wall_seconds=10))
    assert verdict.status == "memory-limit"
    assert verdict.tests[0].message.startswith("memory limit: ran out of memory (256 MB)")
    assert_carried_on(verdict)


def test_recursion_past_the_default_limit_is_a_runtime_error() -> None:
    code = "def dive(n):\n    return dive(n + 1)\ndef run():\n    dive(0)\n"
    verdict = run("hostile", code)
    assert verdict.status == "runtime-error"
    message = verdict.tests[0].message
    assert "more calls" in message and message.endswith("maximum recursion depth exceeded")


# --- processes ----------------------------------------------------------------------------


def test_a_fork_bomb_runs_into_the_process_limit() -> None:
    verdict = run("hostile", "import os\ndef run():\n    while True:\n        os.fork()\n")
    assert verdict.status == "runtime-error"
    message = verdict.tests[0].message
    assert "BlockingIOError" in message and "32 processes and threads" in message


def test_a_fork_bomb_that_ignores_failures_hits_the_time_limit() -> None:
    code = (
        "import os\n"
        "def run():\n"
        "    while True:\n"
        "        try:\n"
        "            os.fork()\n"
        "        except OSError:\n"
        "            pass\n"
    )
    verdict = run("hostile", code)
    assert verdict.status == "time-limit"


def test_a_thread_bomb_runs_into_the_process_limit() -> None:
    code = (
        "import threading, time\n"
        "def run():\n"
        "    while True:\n"
        "        threading.Thread(target=time.sleep, args=(60,)).start()\n"
    )
    verdict = run("hostile", code)
    assert verdict.status == "runtime-error"
    assert "can't start new thread" in verdict.tests[0].message
    assert_carried_on(verdict)


def test_a_detached_daemon_does_not_survive_the_run() -> None:
    code = (
        "import os, signal, time\n"
        "def run():\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "            signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "            time.sleep(3600)\n"
        "        os._exit(0)\n"
        "    os.wait()\n"
    )
    verdict = run("hostile", code)
    assert verdict.passed


def test_killing_the_parent_and_every_other_process_hurts_no_one_else() -> None:
    victim_verdicts: list[Verdict] = []
    victim = threading.Thread(
        target=lambda: victim_verdicts.append(
            run(
                "hostile",
                "import time\ndef run():\n    time.sleep(1.5)\n",
                SHORT.replace(test_seconds=4),
            )
        )
    )
    victim.start()
    code = (
        "import os, signal, time\n"
        "def run():\n"
        "    time.sleep(0.3)\n"
        "    for target in [os.getppid(), 1, -1, *range(2, 40000)]:\n"
        "        if target != os.getpid():\n"
        "            try:\n"
        "                os.kill(target, signal.SIGKILL)\n"
        "            except OSError:\n"
        "                pass\n"
    )
    verdict = run("hostile", code)
    victim.join()
    assert verdict.passed
    assert victim_verdicts[0].passed, victim_verdicts[0].message


def test_a_segfault_through_ctypes_is_a_runtime_error() -> None:
    verdict = run("hostile", "import ctypes\ndef run():\n    ctypes.string_at(0)\n")
    assert verdict.status == "runtime-error"
    assert verdict.message == "crashed: segmentation fault (SIGSEGV) during test_run"
    assert verdict.tests[0].message == "crashed: segmentation fault (SIGSEGV)"
    assert verdict.tests[1].status == "not-run"


# --- output and files ---------------------------------------------------------------------


def test_printing_forever_hits_the_output_limit() -> None:
    verdict = run("hostile", "def run():\n    while True:\n        print('x' * 1000)\n")
    assert verdict.status == "output-limit"
    assert verdict.tests[0].message == "output limit: printed more than 64 KB"


def test_writing_forever_to_the_stdout_descriptor_hits_the_output_limit() -> None:
    code = "import os\ndef run():\n    while True:\n        os.write(1, b'x' * 65536)\n"
    verdict = run("hostile", code)
    assert verdict.status == "output-limit"
    assert verdict.message == "output limit: printed more than 64 KB during test_run"


@pytest.mark.parametrize("folder", ["/tmp", "/dev/shm"])
def test_filling_a_private_tmpfs_stops_at_its_size(folder: str) -> None:
    host_before = set(os.listdir(folder))
    code = (
        "def run():\n"
        "    n = 0\n"
        "    while True:\n"
        f"        with open('{folder}/mockloop-fill-' + str(n), 'wb') as f:\n"
        "            f.write(b'x' * 500_000)\n"
        "        n += 1\n"
    )
    verdict = run("hostile", code)
    assert verdict.status == "runtime-error"
    assert "No space left on device" in verdict.tests[0].message
    assert not any(
        name.startswith("mockloop-fill-") for name in set(os.listdir(folder)) - host_before
    )


def test_one_huge_file_runs_into_the_file_size_limit() -> None:
    code = "def run():\n    with open('/tmp/big', 'wb') as f:\n        f.write(b'x' * 2_000_000)\n"
    verdict = run("hostile", code)
    assert verdict.status == "runtime-error"
    assert "File too large" in verdict.tests[0].message


def test_the_package_and_the_solution_file_cannot_be_written() -> None:
    package = Path(mockloop.__file__).parent
    targets = [
        "/judge/solution.py", "/judge/tests.py", "/judge/harness.pyc",
        str(package / "judge" / "harness.py"), str(package / "__init__.py"),
        str(BUNDLED_PACK / "prompts" / "coding" / "lru-cache" / "tests.py"), "/etc/passwd",
    ]  # fmt: skip
    before = {path: hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in targets[3:]}
    code = (
        "import os\n"
        "def run():\n"
        "    written = []\n"
        f"    for path in {targets!r} + [__file__]:\n"
        "        try:\n"
        "            with open(path, 'a') as f:\n"
        "                f.write('# owned')\n"
        "            written.append(path)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return written or None\n"
    )
    verdict = run("hostile", code)
    assert verdict.passed, returned(verdict)
    after = {path: hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in targets[3:]}
    assert after == before


# --- seeing the host ----------------------------------------------------------------------


def test_host_files_the_repository_and_other_prompts_tests_cannot_be_read() -> None:
    package = Path(mockloop.__file__).parent
    targets = [
        "/etc/shadow", "/etc/passwd", "/etc/hostname", "/root", "/home", "/proc/1/environ",
        "/proc/self/environ", "/sys/kernel", "/var/run/docker.sock", "/run", "/work",
        str(package), str(package.parent.parent), "/judge/tests.py", "/judge/harness.pyc",
        str(BUNDLED_PACK / "prompts" / "coding" / "web-crawler" / "tests.py"),
        os.path.expanduser("~/.ssh"),
    ]  # fmt: skip
    code = (
        "import os\n"
        "def run():\n"
        "    seen = []\n"
        f"    for path in {targets!r}:\n"
        "        try:\n"
        "            if os.path.isdir(path):\n"
        "                os.listdir(path)\n"
        "            else:\n"
        "                open(path, 'rb').read(1)\n"
        "            seen.append(path)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return seen or None\n"
    )
    verdict = run("hostile", code)
    assert verdict.passed, returned(verdict)


def test_environment_secrets_are_not_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKLOOP_TEST_SECRET", "hunter2-secret-token")
    verdict = run("hostile", "import os\ndef run():\n    return dict(os.environ)\n")
    environment = returned(verdict)
    assert isinstance(environment, dict)
    assert "MOCKLOOP_TEST_SECRET" not in environment
    assert "hunter2" not in str(verdict.model_dump())
    assert environment["HOME"] == "/tmp"


# --- network ------------------------------------------------------------------------------


def test_the_network_is_unreachable_outside_and_on_the_hosts_loopback() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        code = (
            "import socket\n"
            "def run():\n"
            "    reached = []\n"
            f"    for address in [('127.0.0.1', {port}), ('1.1.1.1', 53), ('8.8.8.8', 443)]:\n"
            "        try:\n"
            "            socket.create_connection(address, timeout=1).close()\n"
            "            reached.append(address)\n"
            "        except OSError:\n"
            "            pass\n"
            "    try:\n"
            "        socket.getaddrinfo('example.com', 80)\n"
            "        reached.append('dns')\n"
            "    except OSError:\n"
            "        pass\n"
            "    return reached or None\n"
        )
        verdict = run("hostile", code)
        assert verdict.passed, returned(verdict)
        with pytest.raises(TimeoutError):
            listener.accept()
