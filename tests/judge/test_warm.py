"""Warm runs (warm.py): every hostile program of test_hostile.py again, through the fork server,
with the same verdicts and nothing left behind; and what a warm run is on the host: nobody, no
capabilities, seccomp, namespaces of its own, nothing shared with a concurrent run or inherited
from an earlier one."""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import PROMPTS, SHORT, processes_left

# The hostile programs, collected again in this module, where every run is warm (fixtures below).
from test_hostile import *  # noqa: F403

from mockloop.judge import sandbox, warm
from mockloop.judge.judge import Verdict, judge
from mockloop.settings import BUNDLED_PACK


@pytest.fixture(autouse=True)
def warm_always(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every judge() call of this module runs in a warm server (and fails if it cannot)."""
    monkeypatch.setenv("MOCKLOOP_WARM", "always")
    yield


@pytest.fixture(autouse=True)
def ran_warm(warm_always: None) -> Iterator[None]:
    """Each test's runs went through a warm server (the counter of forked runs moved)."""
    before = warm.runs()
    yield
    assert warm.runs() > before, "no run went through a warm server"


# --- what a warm run is on the host -------------------------------------------------------

SLEEPER = "import time\ndef run():\n    time.sleep(1.5)\n"


def in_background(code: str, run_id: str, limits=SHORT.replace(test_seconds=4)):  # type: ignore[no-untyped-def]
    verdicts: list[Verdict] = []
    worker = threading.Thread(
        target=lambda: verdicts.append(
            judge(PROMPTS / "hostile", code, limits=limits, run_id=run_id, warm=True)
        )
    )
    worker.start()
    return worker, verdicts


def status_of(run_id: str, deadline: float = 3.0) -> dict[str, str] | None:
    """/proc/PID/status of the run's harness (uid 65534), once it has dropped root."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        for pid in sandbox.processes_of(run_id):
            try:
                with open(f"/proc/{pid}/status") as file:
                    status = dict(line.split(":", 1) for line in file.read().splitlines())
                with open(f"/proc/{pid}/oom_score_adj") as file:
                    status["oom_score_adj"] = file.read()
                status["nice"] = str(os.getpriority(os.PRIO_PROCESS, pid))
            except OSError:
                continue
            if status["Uid"].split() == ["65534"] * 4 and status["Seccomp"].strip() == "2":
                return status
        time.sleep(0.02)
    return None


def test_a_warm_run_is_nobody_on_the_host_without_capabilities_under_seccomp() -> None:
    run_id = "test-" + secrets.token_hex(6)
    worker, verdicts = in_background(SLEEPER, run_id)
    status = status_of(run_id)
    worker.join()
    assert status is not None, "never saw the warm run's harness"
    assert status["Uid"].split() == ["65534"] * 4
    assert status["Gid"].split() == ["65534"] * 4
    assert status["Groups"].split() == []
    for field in ("CapEff", "CapPrm", "CapInh", "CapBnd", "CapAmb"):
        assert int(status[field], 16) == 0, field
    assert status["NoNewPrivs"].strip() == "1"
    assert status["Seccomp"].strip() == "2"
    assert status["oom_score_adj"].strip() == "1000"
    assert status["nice"] == "10"
    assert verdicts[0].passed
    assert processes_left(run_id) == []


def test_each_warm_run_has_its_own_namespaces() -> None:
    first_id, second_id = "test-" + secrets.token_hex(6), "test-" + secrets.token_hex(6)
    worker_1, _ = in_background(SLEEPER, first_id)
    worker_2, _ = in_background(SLEEPER, second_id)
    status_of(first_id), status_of(second_id)
    namespaces = []
    for run_id in (first_id, second_id):
        pid = next(p for p in sandbox.processes_of(run_id))
        namespaces.append({
            kind: os.readlink(f"/proc/{pid}/ns/{kind}")
            for kind in ("user", "pid", "mnt", "net", "ipc", "uts", "cgroup")
        })  # fmt: skip
    worker_1.join()
    worker_2.join()
    server = os.readlink(f"/proc/{os.getpid()}/ns/user")
    for kind in namespaces[0]:
        assert namespaces[0][kind] != namespaces[1][kind], kind
    assert server not in (namespaces[0]["user"], namespaces[1]["user"])


def test_concurrent_warm_runs_cannot_see_or_reach_each_other() -> None:
    """One run leaves files in /tmp and /dev/shm, a pty, an abstract socket and a loopback
    listener; a run at the same time sees none of them."""
    token = secrets.token_hex(8)
    leaver = (
        "import os, socket, time\n"
        "def run():\n"
        f"    open('/tmp/{token}', 'w').write('x')\n"
        f"    open('/dev/shm/{token}', 'w').write('x')\n"
        "    master, slave = os.openpty()\n"
        "    abstract = socket.socket(socket.AF_UNIX)\n"
        f"    abstract.bind('\\0{token}')\n"
        "    abstract.listen()\n"
        "    tcp = socket.socket()\n"
        "    tcp.bind(('127.0.0.1', 45678))\n"
        "    tcp.listen()\n"
        "    time.sleep(2.5)\n"
    )
    looker = (
        "import os, socket, time\n"
        "def run():\n"
        "    time.sleep(1.0)\n"
        "    seen = []\n"
        "    for folder in ('/tmp', '/dev/shm'):\n"
        f"        if '{token}' in os.listdir(folder):\n"
        "            seen.append(folder)\n"
        "    if os.listdir('/dev/pts') != ['ptmx']:\n"
        "        seen.append(sorted(os.listdir('/dev/pts')))\n"
        "    for family, address in [(socket.AF_UNIX, '\\0"
        + token
        + "'), (socket.AF_INET, ('127.0.0.1', 45678))]:\n"
        "        s = socket.socket(family)\n"
        "        try:\n"
        "            s.connect(address)\n"
        "            seen.append(str(address))\n"
        "        except OSError:\n"
        "            pass\n"
        "    return seen or None\n"
    )
    limits = SHORT.replace(test_seconds=4, wall_seconds=8)
    first_id, second_id = "test-" + secrets.token_hex(6), "test-" + secrets.token_hex(6)
    worker_1, leaver_verdicts = in_background(leaver, first_id, limits)
    worker_2, looker_verdicts = in_background(looker, second_id, limits)
    worker_1.join()
    worker_2.join()
    assert leaver_verdicts[0].passed, leaver_verdicts[0].tests[0].message
    assert looker_verdicts[0].passed, looker_verdicts[0].tests[0].got


def test_a_warm_run_inherits_nothing_of_another_runs_code_or_tests() -> None:
    """The server never reads a run's secret, tests or code: a later run finds no trace of an
    earlier one anywhere in its Python objects."""
    token = "canary" + secrets.token_hex(8)
    first = judge(PROMPTS / "hostile", f"def run():\n    return None  # {token}\n", warm=True)
    assert first.passed
    looker = (
        "import gc, sys\n"
        "def run():\n"
        f"    token = 'canary' + {token[6:]!r}\n"
        "    found = []\n"
        "    for obj in gc.get_objects() + list(sys.modules.values()):\n"
        "        for value in [obj, *(gc.get_referents(obj) if not isinstance(obj, (str, bytes)) else [])]:\n"
        "            if isinstance(value, (str, bytes, bytearray)) and value is not token:\n"
        "                text = value if isinstance(value, str) else bytes(value).decode('latin-1')\n"
        "                if token in text and 'found' not in text:\n"
        "                    found.append(text[:80])\n"
        "    return found or None\n"
    )
    second = judge(PROMPTS / "hostile", looker, warm=True)
    assert second.passed, second.tests[0].got


def test_the_server_survives_a_run_that_kills_everything_it_can() -> None:
    before = [state for state in warm.status() if state["alive"]]
    killer = (
        "import os, signal\n"
        "def run():\n"
        "    for target in [os.getppid(), 1, -1, *range(2, 5000)]:\n"
        "        if target != os.getpid():\n"
        "            try:\n"
        "                os.kill(target, signal.SIGKILL)\n"
        "            except OSError:\n"
        "                pass\n"
    )
    assert judge(PROMPTS / "hostile", killer, limits=SHORT, warm=True).passed
    after = judge(PROMPTS / "hostile", "def run():\n    return None\n", warm=True)
    assert after.passed
    assert [state["runs"] > 0 for state in warm.status() if state["alive"]]
    assert len([state for state in warm.status() if state["alive"]]) >= len(before)


def test_a_dead_server_is_replaced_and_auto_mode_falls_back_to_a_cold_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    judge(PROMPTS / "hostile", "def run():\n    return None\n", warm=True)
    warm.shutdown()  # as if the servers had died
    monkeypatch.setenv("MOCKLOOP_WARM", "auto")
    # auto: a prompt without ML packages runs cold and passes
    assert judge(PROMPTS / "hostile", "def run():\n    return None\n").passed
    # auto, an ML prompt, no server ready: this submission runs cold (the server starts meanwhile)
    k_means = BUNDLED_PACK / "prompts" / "ml-coding" / "k-means"
    runs_before = warm.runs()
    assert judge(k_means, (k_means / "solution.py").read_text()).passed
    assert warm.runs() == runs_before
    # asked for: a new server starts, and the run is warm
    runs_before = warm.runs()
    assert judge(PROMPTS / "hostile", "def run():\n    return None\n", warm=True).passed
    assert warm.runs() == runs_before + 1
