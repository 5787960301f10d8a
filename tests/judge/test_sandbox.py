"""The sandbox itself: who the run is on the host, what it can see and do, and the rlimits-only
mode that runs where bubblewrap cannot, and says so."""

from __future__ import annotations

import ast
import os
import secrets
import threading
import time

import pytest
from conftest import PROMPTS, SHORT, processes_left, run, use_sandbox

from mockloop.judge import sandbox
from mockloop.judge.judge import Verdict, judge

SLEEPER = "import time\ndef run():\n    time.sleep(1.5)\n"


def test_the_submission_runs_as_nobody_on_the_host_without_capabilities() -> None:
    run_id = "test-" + secrets.token_hex(6)
    verdicts: list[Verdict] = []
    limits = SHORT.replace(test_seconds=4)
    worker = threading.Thread(
        target=lambda: verdicts.append(
            judge(PROMPTS / "hostile", SLEEPER, limits=limits, run_id=run_id)
        )
    )
    worker.start()
    status = None
    deadline = time.monotonic() + 3
    while status is None and time.monotonic() < deadline:
        for pid in sandbox.processes_of(run_id):
            with open(f"/proc/{pid}/cmdline", "rb") as file:
                if b"/judge/harness.pyc" not in file.read():
                    continue  # bwrap itself, setting up
            with open(f"/proc/{pid}/status") as file:
                status = dict(line.split(":", 1) for line in file.read().splitlines())
            with open(f"/proc/{pid}/oom_score_adj") as file:
                status["oom_score_adj"] = file.read()
            status["nice"] = str(os.getpriority(os.PRIO_PROCESS, pid))
            if status["Uid"].split() == ["0"] * 4:
                status = None  # not yet past its first lines, where it drops root
        time.sleep(0.02)
    worker.join()
    assert status is not None, "never saw the harness running"
    assert status["Uid"].split() == ["65534"] * 4
    assert status["Gid"].split() == ["65534"] * 4
    assert status["Groups"].split() == []
    assert int(status["CapEff"], 16) == int(status["CapPrm"], 16) == 0
    assert status["NoNewPrivs"].strip() == "1"
    assert status["Seccomp"].strip() == "2"
    # If the host runs short of memory, the kernel kills the run first, never the app.
    assert status["oom_score_adj"].strip() == "1000"
    assert status["nice"] == "10"
    assert verdicts[0].passed
    assert processes_left(run_id) == []


def test_root_cannot_be_regained_and_the_kernel_surface_is_narrowed() -> None:
    # Each attempt's errno: EPERM (1) from the kernel or the seccomp filter. Arguments are
    # chosen so that without the filter most calls would fail differently (EFAULT, EINVAL).
    code = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "def errno_of(call):\n"
        "    try:\n"
        "        result = call()\n"
        "    except OSError as error:\n"
        "        return error.errno\n"
        "    return ctypes.get_errno() if result == -1 else 0\n"
        "def run():\n"
        "    return {\n"
        "        'setuid': errno_of(lambda: os.setuid(0)),\n"
        "        'setgid': errno_of(lambda: os.setgid(0)),\n"
        "        'unshare user': errno_of(lambda: libc.unshare(0x10000000)),\n"
        "        'unshare mount': errno_of(lambda: libc.unshare(0x00020000)),\n"
        "        'clone new net': errno_of(lambda: libc.syscall(56, 0x40000000 | 17, 0, 0, 0, 0)),\n"
        "        'clone3': errno_of(lambda: libc.syscall(435, 0, 0)),\n"
        "        'ptrace': errno_of(lambda: libc.syscall(101, 0, 0, 0, 0)),\n"
        "        'mount': errno_of(lambda: libc.syscall(165, 0, 0, 0, 0, 0)),\n"
        "        'bpf': errno_of(lambda: libc.syscall(321, 0, 0, 0)),\n"
        "        'io_uring_setup': errno_of(lambda: libc.syscall(425, 1, 0)),\n"
        "        'keyctl': errno_of(lambda: libc.syscall(250, 0, 0)),\n"
        "        'perf_event_open': errno_of(lambda: libc.syscall(298, 0, 0, -1, -1, 0)),\n"
        "    }\n"
    )
    verdict = run("hostile", code)
    errors = ast.literal_eval(verdict.tests[0].got or "None")
    assert errors.pop("clone3") == 38  # ENOSYS, so the C library falls back to clone
    assert errors == dict.fromkeys(errors, 1), errors


def test_the_sandbox_shows_only_what_python_needs() -> None:
    code = (
        "import os\n"
        "def run():\n"
        "    found = {'/': sorted(os.listdir('/')), '/dev': sorted(os.listdir('/dev'))}\n"
        "    for path in ['/etc/passwd', '/etc/hosts', '/etc/resolv.conf', '/usr/bin/sh', '/bin/sh']:\n"
        "        found[path] = os.path.exists(path)\n"
        "    return found\n"
    )
    verdict = run("hostile", code)
    found = ast.literal_eval(verdict.tests[0].got or "None")
    forbidden = {"home", "work", "proc", "sys", "var", "run", "mnt", "srv", "boot", "opt", "bin"}
    assert not forbidden & set(found.pop("/"))
    assert {"null", "zero", "urandom", "shm"} <= set(found.pop("/dev"))
    assert not any(found.values()), found


def test_numpy_is_importable_in_the_sandbox() -> None:
    code = "import numpy\ndef run():\n    return int(numpy.arange(10).sum())\n"
    verdict = run("hostile", code)
    assert verdict.tests[0].got == "45"


@pytest.mark.usefixtures("rlimits_only")
def test_rlimits_only_mode_says_so_in_every_verdict_and_still_enforces_limits() -> None:
    assert sandbox.sandbox_status().kind == "rlimits-only"
    passed = run("hostile", "def run():\n    return None\n")
    assert passed.passed and passed.sandbox == "rlimits-only"
    looping = run("hostile", "def run():\n    while True:\n        pass\n")
    assert looping.status == "time-limit" and looping.sandbox == "rlimits-only"
    memory = run("hostile", "def run():\n    return b'x' * 10**10\n")
    assert memory.status == "memory-limit"


@pytest.mark.usefixtures("rlimits_only")
def test_rlimits_only_mode_still_reaps_detached_daemons() -> None:
    code = (
        "import os, time\n"
        "def run():\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(3600)\n"
        "        os._exit(0)\n"
        "    os.wait()\n"
    )
    verdict = run("hostile", code)  # run() asserts that no process of the run is left
    assert verdict.passed


def test_forcing_bubblewrap_where_it_is_missing_gives_an_error_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    try:
        with pytest.raises(sandbox.SandboxError, match="bwrap binary is not installed"):
            use_sandbox("bubblewrap")
        verdict = judge(PROMPTS / "calc", "def add(a, b):\n    return a + b\n")
        assert verdict.status == "error"
        assert "MOCKLOOP_SANDBOX=bubblewrap but bubblewrap does not work here" in verdict.message
        assert all(test.status == "not-run" for test in verdict.tests)
    finally:
        monkeypatch.undo()
        use_sandbox("bubblewrap")


def test_without_bubblewrap_the_judge_falls_back_to_rlimits_only_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    try:
        status = use_sandbox("")
        assert status.kind == "rlimits-only"
        assert status.reason == "no isolation: the bwrap binary is not installed"
    finally:
        monkeypatch.undo()
        use_sandbox("bubblewrap")


@pytest.mark.usefixtures("rlimits_only")
def test_rlimits_only_mode_works_without_memfd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no memfd_create (macOS), tests and secret travel in deleted temp files."""
    monkeypatch.delattr(os, "memfd_create")
    verdict = run(
        "calc", "def add(a, b):\n    return a + b\ndef divide(a, b):\n    return a // b\n"
    )
    assert verdict.passed and verdict.sandbox == "rlimits-only"
