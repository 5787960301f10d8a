"""Fixtures for the judge's tests: bubblewrap required (skipped locally, failed on CI when missing),
short limits, and a check that no process of a run outlives it."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockloop.judge import sandbox, warm
from mockloop.judge.judge import Verdict, judge
from mockloop.judge.sandbox import Limits

IN_CI = os.environ.get("CI", "").lower() == "true"
PROMPTS = Path(__file__).parent / "prompts"
SHORT = Limits(
    test_seconds=1,
    wall_seconds=5,
    cpu_seconds=2,
    memory_bytes=256 * 1024 * 1024,
    processes=32,
    file_bytes=1024 * 1024,
    output_bytes=64 * 1024,
    tmp_bytes=4 * 1024 * 1024,
)


def use_sandbox(wanted: str) -> sandbox.SandboxStatus:
    os.environ["MOCKLOOP_SANDBOX"] = wanted
    return sandbox.sandbox_status(refresh=True)


@pytest.fixture(scope="session", autouse=True)
def bubblewrap() -> Iterator[None]:
    """Every judge test runs in bubblewrap unless it asks for rlimits-only mode itself."""
    before = os.environ.get("MOCKLOOP_SANDBOX")
    problem = sandbox.bubblewrap_problem()
    if problem:
        message = f"bubblewrap does not work here: {problem}"
        if IN_CI:
            pytest.fail(f"required on CI: {message}")
        pytest.skip(message)
    use_sandbox("bubblewrap")
    yield
    if before is None:
        os.environ.pop("MOCKLOOP_SANDBOX", None)
    else:
        os.environ["MOCKLOOP_SANDBOX"] = before
    sandbox.sandbox_status(refresh=True)


@pytest.fixture(scope="module", autouse=True)
def no_warm_server_outlives_its_module() -> Iterator[None]:
    """Warm servers (warm.py) started by a module's tests are stopped after it: each module
    starts without them, and tests that count this process's children see only their own."""
    yield
    warm.shutdown()


@pytest.fixture
def rlimits_only() -> Iterator[None]:
    """rlimits-only mode for one test."""
    use_sandbox("rlimits")
    yield
    use_sandbox("bubblewrap")


def processes_left(run_id: str, wait: float = 2.0) -> list[int]:
    """Processes of the run still alive after up to `wait` seconds (the kernel reaps fast)."""
    deadline = time.monotonic() + wait
    while True:
        found = sandbox.processes_of(run_id)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def run(prompt: str | Path, code: str, limits: Limits = SHORT) -> Verdict:
    """Judge code on a prompt and check that none of the run's processes outlived it."""
    run_id = "test-" + secrets.token_hex(6)
    folder = prompt if isinstance(prompt, Path) else PROMPTS / prompt
    verdict = judge(folder, code, limits=limits, run_id=run_id)
    assert processes_left(run_id) == [], f"processes outlived the run of:\n{code}"
    return verdict
