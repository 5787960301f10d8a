"""Judge a submission: run a prompt's tests on it in the sandbox and decide the verdict outside.

A runnable prompt's folder holds `tests.py` (see docs/judge.md for the format); `judge()` reads
the list of tests from it statically, runs the harness in the sandbox, and builds the verdict
from the harness's signed result lines alone. Nothing the submission prints can pass a test.
"""

from __future__ import annotations

import ast
import collections
import importlib.util
import itertools
import json
import os
import secrets
import signal
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel

from mockloop.judge import sandbox
from mockloop.judge import warm as warm_runs
from mockloop.judge.harness import CHANNEL_BROKEN, HARNESS_FAILED
from mockloop.judge.sandbox import Limits, RunResult, SandboxError, SandboxKind

MAX_CODE_BYTES = 256 * 1024

Status = Literal[
    "passed", "failed", "time-limit", "memory-limit", "output-limit", "runtime-error", "error"
]
TestStatus = Literal[
    "passed", "failed", "time-limit", "memory-limit", "output-limit", "runtime-error", "not-run"
]


class TestResult(BaseModel):
    """One test's outcome. Hidden tests carry a hint of what was checked, never their data."""

    __test__ = False  # not a pytest class

    name: str
    passed: bool
    status: TestStatus
    message: str
    duration_ms: float
    hidden: bool
    input: str | None = None  # visible tests: what was called
    expected: str | None = None  # visible tests: the expected value, as Python
    got: str | None = None  # visible tests: the value the submission returned
    output: str | None = None  # visible tests: what the submission printed


class Verdict(BaseModel):
    """The judge's answer to a submission; `model_dump()` gives the API's JSON object."""

    prompt: str
    passed: bool
    status: Status
    message: str
    tests: list[TestResult]
    duration_ms: float
    sandbox: SandboxKind


class SubmissionRejected(ValueError):
    """The submission cannot be judged at all: too large, or the prompt is not runnable."""


# --- the tests of a prompt ----------------------------------------------------------------


@dataclass(frozen=True)
class TestInfo:
    """A test as declared in tests.py: its name, its hint (docstring) and whether it is visible."""

    __test__ = False

    name: str
    hint: str
    visible: bool


@dataclass(frozen=True)
class TestSuite:
    """A prompt's tests.py, read without running it."""

    __test__ = False

    prompt: str
    bytecode: bytes  # tests.py compiled, as .pyc bytes
    tests: tuple[TestInfo, ...]
    limits: Limits
    packages: tuple[str, ...]
    declared: tuple[str, ...] = ()  # the packages tests.py names in PACKAGES


def load_tests(prompt_dir: Path) -> TestSuite:
    """Read a runnable prompt's tests.py; raises SubmissionRejected when there is none."""
    path = Path(prompt_dir) / "tests.py"
    try:
        stat = path.stat()
    except OSError:
        raise SubmissionRejected(f"prompt {Path(prompt_dir).name!r} is not runnable") from None
    return _load_tests(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_tests(path: Path, mtime_ns: int, size: int) -> TestSuite:
    source = path.read_bytes()
    module = ast.parse(source, filename=str(path))
    tests: list[TestInfo] = []
    settings: dict[str, Any] = {}
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            hint = (ast.get_docstring(node) or "").strip().splitlines()
            if not hint:
                raise ValueError(f"{path}: {node.name} needs a docstring: its one-line hint")
            visible = any(_decorator_name(d) == "visible" for d in node.decorator_list)
            tests.append(TestInfo(node.name, hint[0], visible))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("LIMITS", "PACKAGES"):
                settings[target.id] = ast.literal_eval(node.value)
    if not tests:
        raise ValueError(f"{path}: expected at least one test_* function")
    names = [t.name for t in tests]
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: a test name is used twice")
    limits = Limits().replace(**settings.get("LIMITS", {}))
    packages = tuple(dict.fromkeys([*_default_packages(), *settings.get("PACKAGES", [])]))
    bytecode = sandbox.compiled(source, "tests.py")
    declared = tuple(settings.get("PACKAGES", []))
    return TestSuite(path.parent.name, bytecode, tuple(tests), limits, packages, declared)


def _decorator_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


@lru_cache(maxsize=1)
def _default_packages() -> tuple[str, ...]:
    """numpy when installed: binding it is cheap, and it is imported only if the code does."""
    return ("numpy",) if importlib.util.find_spec("numpy") is not None else ()


# --- judging ------------------------------------------------------------------------------


def judge(
    prompt_dir: Path,
    code: str,
    *,
    limits: Limits | None = None,
    run_id: str | None = None,
    warm: bool | None = None,
) -> Verdict:
    """Run the prompt's tests on `code` in the sandbox and return the verdict.

    `limits` replaces the prompt's own limits; `run_id` names the run's processes (for logs).
    `warm`: True runs the code in a warm fork server (starting it and waiting for it if need
    be), False runs it cold, None follows MOCKLOOP_WARM (see warm.py).
    """
    suite = load_tests(Path(prompt_dir))
    encoded = code.encode("utf-8", errors="surrogatepass")
    if len(encoded) > MAX_CODE_BYTES:
        raise SubmissionRejected(f"the code is over {MAX_CODE_BYTES // 1024} KB")
    limits = limits or suite.limits
    started = time.perf_counter()
    missing = sandbox.missing_packages(suite.packages)
    if missing:
        return _missing_packages_verdict(suite, missing, started)
    secret = secrets.token_hex(16)
    files = {"harness.pyc": sandbox.harness_bytecode(), "solution.py": encoded}
    # The tests, like the secret, are read once from a descriptor: never a file in the sandbox.
    private = {"secret": secret.encode(), "tests": suite.bytecode}
    args = [f"--test-seconds={limits.test_seconds}"]
    run_id = run_id or secrets.token_hex(8)
    try:
        run = None
        required = warm is True or (warm is None and warm_runs.mode() == "always")
        server = _warm_server(suite, warm)
        if server is not None:
            try:
                run = server.run(args, limits, private, encoded, run_id)
            except (warm_runs.WarmUnavailable, SandboxError):
                if required:
                    raise  # asked for a warm run: say why there was none
                # otherwise the run goes cold
        elif required:
            raise SandboxError("no warm server: " + _warm_failure(suite))
        if run is None:
            run = sandbox.run(
                "harness.pyc", args, files, limits, private,
                packages=suite.packages, run_id=run_id,
            )  # fmt: skip
    except (SandboxError, OSError, warm_runs.WarmUnavailable) as error:
        return _error_verdict(suite, f"the judge could not run the code: {error}", started)
    try:
        return _decide(suite, run, secret, limits, started)
    except (ValueError, TypeError, KeyError) as error:  # a report the judge cannot read
        return _error_verdict(suite, f"the judge could not read the run's report: {error}", started)


def _warm_server(suite: TestSuite, wanted: bool | None) -> warm_runs.WarmServer | None:
    """The warm server to run this suite in, or None to run it cold."""
    if wanted is False:
        return None
    setting = warm_runs.mode()
    if wanted is None:
        if setting == "off":
            return None
        if setting == "auto" and not warm_runs.preload_for(suite.declared):
            return None
    if sandbox.sandbox_status().kind != "bubblewrap":
        return None
    required = bool(wanted) or setting == "always"
    # Starting a server pays off in a process that serves many submissions (it made a queue), not
    # in a one-shot command: there it would import torch a second time, beside the cold run.
    return warm_runs.server_for(suite.packages, wait=required, start=required or _serving[0])


_serving = [False]  # set once a JudgeQueue exists: this process serves submissions


def _warm_failure(suite: TestSuite) -> str:
    try:
        kind = sandbox.sandbox_status().kind
    except SandboxError as error:
        return str(error)
    if kind != "bubblewrap":
        return "warm runs need bubblewrap"
    for state in warm_runs.status():
        if state["packages"] == suite.packages and state["failure"]:
            return str(state["failure"])
    return "the server is not ready"


# What to install for a package a prompt needs (the extra brings its dependencies).
INSTALL_HINTS = {"torch": "pip install 'mockloop[ml]'"}


def _missing_packages_verdict(suite: TestSuite, missing: list[str], started: float) -> Verdict:
    names = " and ".join(missing)
    verb = "is" if len(missing) == 1 else "are"
    hints = dict.fromkeys(INSTALL_HINTS.get(name, f"pip install {name}") for name in missing)
    message = (
        f"this prompt needs {names}, which {verb} not installed here; "
        f"install it with: {' and '.join(hints)}"
    )
    try:
        kind = sandbox.sandbox_status().kind
    except SandboxError:
        kind = "rlimits-only"
    tests = [_not_run(info, f"not run: {names} {verb} not installed") for info in suite.tests]
    return Verdict(
        prompt=suite.prompt, passed=False, status="error", message=message, tests=tests,
        duration_ms=_ms(started), sandbox=kind,
    )  # fmt: skip


def _error_verdict(suite: TestSuite, message: str, started: float) -> Verdict:
    try:
        kind = sandbox.sandbox_status().kind
    except SandboxError:
        kind = "rlimits-only"
    tests = [_not_run(info, "not run: the judge failed") for info in suite.tests]
    return Verdict(
        prompt=suite.prompt, passed=False, status="error", message=message, tests=tests,
        duration_ms=_ms(started), sandbox=kind,
    )  # fmt: skip


def _decide(
    suite: TestSuite, run: RunResult, secret: str, limits: Limits, started: float
) -> Verdict:
    events, tampered = _read_channel(run, secret)
    known = {info.name for info in suite.tests}
    results: dict[str, dict[str, Any]] = {}
    running: str | None = None
    load_error: dict[str, Any] | None = None
    done = False
    unknown: set[str] = set()  # tests the harness ran that the static reading missed
    for event in events:
        kind, name = event.get("event"), event.get("test")
        if kind in ("start", "result"):
            if not isinstance(name, str) or name in results:
                tampered = True
            elif name not in known:
                unknown.add(name)
            elif kind == "start":
                running = name
            else:
                results[name] = event
                running = None
        elif kind == "load-error" and load_error is None:
            load_error = event
        elif kind == "done":
            done = True
        else:
            tampered = True
    if done and load_error is None and set(results) != known:
        tampered = True

    stopped = None if done else _why_stopped(run, limits)
    tests: list[TestResult] = []
    for info in suite.tests:
        if info.name in results:
            tests.append(_test_result(info, results[info.name], limits))
        elif info.name == running and stopped is not None:
            elapsed = run.duration_ms - sum(t.duration_ms for t in tests)
            tests.append(_stopped_test(info, stopped, max(0.0, round(elapsed, 1))))
        elif load_error is not None:
            tests.append(_not_run(info, "not run: the submission did not load"))
        else:
            tests.append(_not_run(info, f"not run: {stopped[1] if stopped else 'the run stopped'}"))

    status: Status
    if unknown and not tampered:
        status = "error"
        message = f"tests.py defines tests the judge did not find: {', '.join(sorted(unknown))}"
    elif tampered:
        status = "runtime-error"
        message = "the submission wrote to the judge's result channel; its results are void"
        tests = [
            _not_run(info, "not run: the result channel was tampered with") for info in suite.tests
        ]
    elif load_error is not None:
        status = load_error.get("status", "runtime-error")
        if status not in ("time-limit", "memory-limit", "output-limit"):
            status = "runtime-error"
        message = "the submission did not load: " + _load_error_text(load_error, limits)
    elif stopped is not None:
        status, reason = stopped
        where = f"during {running}" if running else "between tests" if results else "while loading"
        message = f"{reason} {where}"
        if run.exit_code == HARNESS_FAILED and b"harness: " in run.stderr:
            status, message = "error", "the judge's harness failed: " + _tail(run.stderr, 2)
    elif all(test.passed for test in tests):
        status, message = "passed", f"all {len(tests)} tests passed"
    else:
        first = next(test for test in tests if not test.passed)
        status = first.status if first.status != "not-run" else "error"
        count = sum(test.passed for test in tests)
        message = f"{count} of {len(tests)} tests passed; first failure: {first.name}"
    return Verdict(
        prompt=suite.prompt, passed=status == "passed", status=status, message=message,
        tests=tests, duration_ms=_ms(started), sandbox=run.sandbox,
    )  # fmt: skip


def _read_channel(run: RunResult, secret: str) -> tuple[list[dict[str, Any]], bool]:
    """The harness's lines, in order; and whether any line lacked this run's secret."""
    if run.channel_exceeded:
        return [], True
    lines = run.channel.split(b"\n")
    if lines and lines[-1]:
        lines.pop()  # cut short by a kill: nothing to judge in half a line
    events, tampered = [], False
    for line in lines:
        if not line:
            continue
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            tampered = True
            continue
        if not isinstance(event, dict) or event.get("secret") != secret:
            tampered = True
            continue
        events.append(event)
    return events, tampered


def _why_stopped(run: RunResult, limits: Limits) -> tuple[Status, str]:
    """How a run that never reported "done" ended, as a status and a reason."""
    if run.timed_out:
        return "time-limit", f"time limit: the run took longer than {limits.wall_seconds:g} s"
    if run.output_exceeded:
        return "output-limit", f"output limit: printed more than {_size(limits.output_bytes)}"
    if run.memory_exceeded:
        return "memory-limit", f"memory limit: the run used more than {_size(limits.memory_bytes)}"
    number = run.signal
    if run.exit_code == CHANNEL_BROKEN:
        return "runtime-error", "the submission closed the judge's result channel"
    if number is None:
        return "runtime-error", f"the program exited (exit code {run.exit_code})"
    stderr = run.stderr.decode(errors="replace")
    if number == signal.SIGXCPU or (
        number == signal.SIGKILL and run.duration_ms >= limits.cpu_seconds * 1000
    ):
        return "time-limit", f"time limit: used more than {limits.cpu_seconds} s of CPU"
    if number == signal.SIGXFSZ:
        return "output-limit", f"file limit: wrote a file larger than {_size(limits.file_bytes)}"
    if "MemoryError" in stderr or "Cannot allocate memory" in stderr:
        return "memory-limit", f"memory limit: ran out of memory ({_size(limits.memory_bytes)})"
    name = _signal_name(number)
    if number == signal.SIGSEGV:
        hint = " (deep recursion overflows the stack)" if "recursion" in stderr.lower() else ""
        return "runtime-error", f"crashed: segmentation fault ({name}){hint}"
    return "runtime-error", f"crashed: killed by {name}"


def _test_result(info: TestInfo, event: dict[str, Any], limits: Limits) -> TestResult:
    status = _test_status(event.get("status"))
    passed = status == "passed"
    duration = event.get("duration_ms")
    duration = float(duration) if isinstance(duration, int | float) else 0.0
    if info.visible:
        return TestResult(
            name=info.name, passed=passed, status=status,
            message=info.hint if passed else _visible_message(status, event, limits),
            duration_ms=duration, hidden=False,
            input=_text(event.get("input")), expected=_text(event.get("expected")),
            got=_text(event.get("got")), output=_text(event.get("output")),
        )  # fmt: skip
    message = info.hint if passed else f"{info.hint} — {_hidden_summary(status, event, limits)}"
    return TestResult(
        name=info.name, passed=passed, status=status, message=message,
        duration_ms=duration, hidden=True,
    )  # fmt: skip


def _test_status(value: object) -> TestStatus:
    """A status the harness reported, if it is one a finished test can have."""
    for status in get_args(TestStatus):
        if value == status and status != "not-run":
            return status  # type: ignore[no-any-return]
    return "runtime-error"


def _visible_message(status: str, event: dict[str, Any], limits: Limits) -> str:
    if status == "failed":
        if isinstance(event.get("summary"), str):
            return event["summary"]
        if event.get("expected") is not None:
            return f"expected {event['expected']}, got {event.get('got')}"
        return _text(event.get("error")) or "a check failed"
    if status == "time-limit":
        return f"time limit: took longer than {limits.test_seconds:g} s"
    if status == "output-limit":
        return f"output limit: printed more than {_size(limits.output_bytes)}"
    if status == "memory-limit":
        text = f"memory limit: ran out of memory ({_size(limits.memory_bytes)})"
        return text + ("\n" + event["traceback"] if event.get("traceback") else "")
    text = _text(event.get("traceback")) or _error_line(event)
    if event.get("note") == "process limit":
        text += f"\n(the sandbox allows {limits.processes} processes and threads in all)"
    return text


def _hidden_summary(status: str, event: dict[str, Any], limits: Limits) -> str:
    if status == "failed":
        # A summary says what differs (a shape, an error and where, an outcome drawn that
        # should never appear); tests.py writes it without the test's data.
        summary = event.get("summary")
        return f"wrong answer: {summary}" if isinstance(summary, str) else "wrong answer"
    if status == "time-limit":
        return f"took longer than {limits.test_seconds:g} s"
    if status == "memory-limit":
        return "ran out of memory"
    if status == "output-limit":
        return "printed too much"
    # The exception's type and where it was raised, but not its text: that may hold test data.
    where = ""
    if isinstance(event.get("line"), int):
        function = event.get("function")
        where = f" in {function}()" if isinstance(function, str) and function != "<module>" else ""
        where += f" at line {event['line']}"
    return f"raised {_text(event.get('error_type')) or 'an exception'}{where}"


def _load_error_text(event: dict[str, Any], limits: Limits) -> str:
    status = event.get("status")
    if status == "time-limit":
        return f"loading took longer than {limits.test_seconds:g} s"
    if status == "output-limit":
        return f"printed more than {_size(limits.output_bytes)} while loading"
    return _text(event.get("traceback")) or _error_line(event)


def _stopped_test(info: TestInfo, stopped: tuple[Status, str], duration: float) -> TestResult:
    status, reason = stopped
    message = reason if info.visible else f"{info.hint} — {reason}"
    return TestResult(
        name=info.name, passed=False, status=status if status != "error" else "runtime-error",
        message=message, duration_ms=duration, hidden=not info.visible,
    )  # fmt: skip


def _not_run(info: TestInfo, message: str) -> TestResult:
    return TestResult(
        name=info.name, passed=False, status="not-run", message=message, duration_ms=0.0,
        hidden=not info.visible,
    )  # fmt: skip


def _error_line(event: dict[str, Any]) -> str:
    kind = _text(event.get("error_type")) or "error"
    text = _text(event.get("error"))
    return f"{kind}: {text}" if text else kind


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _tail(data: bytes, lines: int = 5) -> str:
    return "\n".join(data.decode(errors="replace").strip().splitlines()[-lines:])


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:g} MB" if count >= 1024 * 1024 else f"{count / 1024:g} KB"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


# --- a queue of submissions ---------------------------------------------------------------


class QueuedSubmission:
    """A submission waiting for, or holding, its verdict."""

    def __init__(self, queue: JudgeQueue, prompt_dir: Path, code: str, limits: Limits | None):
        self.id = secrets.token_hex(8)
        self.prompt_dir = prompt_dir
        self.code = code
        self.limits = limits
        self.state: Literal["queued", "running", "done"] = "queued"
        self._queue = queue
        self._finished = threading.Event()
        self._verdict: Verdict | None = None
        self._error: BaseException | None = None

    @property
    def position(self) -> int:
        """1 for the next to run, 2 for the one after; 0 once running or done."""
        return self._queue.position(self)

    def done(self) -> bool:
        """Whether the verdict is ready."""
        return self._finished.is_set()

    def result(self, timeout: float | None = None) -> Verdict:
        """Wait for the verdict; re-raises what judge() raised for this submission."""
        if not self._finished.wait(timeout):
            raise TimeoutError(f"submission {self.id} has no verdict yet")
        if self._error is not None:
            raise self._error
        assert self._verdict is not None
        return self._verdict


class JudgeQueue:
    """Runs at most `max_running` submissions at once (default: the number of cores); the rest wait."""

    def __init__(self, max_running: int | None = None) -> None:
        _serving[0] = True  # warm servers are worth starting here (see _warm_server)
        self.max_running = max_running or os.cpu_count() or 1
        self._waiting: collections.deque[QueuedSubmission] = collections.deque()
        self._lock = threading.Condition()
        self._workers: list[threading.Thread] = []
        self._idle = 0
        self._closed = False
        self._names = itertools.count(1)

    def submit(
        self, prompt_dir: Path, code: str, *, limits: Limits | None = None
    ) -> QueuedSubmission:
        """Queue a submission; rejects it at once when it cannot be judged (SubmissionRejected)."""
        load_tests(Path(prompt_dir))
        if len(code.encode("utf-8", errors="surrogatepass")) > MAX_CODE_BYTES:
            raise SubmissionRejected(f"the code is over {MAX_CODE_BYTES // 1024} KB")
        submission = QueuedSubmission(self, Path(prompt_dir), code, limits)
        with self._lock:
            if self._closed:
                raise RuntimeError("the judge queue is shut down")
            self._waiting.append(submission)
            if self._idle == 0 and len(self._workers) < self.max_running:
                worker = threading.Thread(
                    target=self._work, name=f"judge-{next(self._names)}", daemon=True
                )
                self._workers.append(worker)
                worker.start()
            self._lock.notify()
        return submission

    def position(self, submission: QueuedSubmission) -> int:
        """Where a submission stands in the line: 1 is next; 0 once running or done."""
        with self._lock:
            for index, waiting in enumerate(self._waiting):
                if waiting is submission:
                    return index + 1
        return 0

    def waiting(self) -> int:
        """How many submissions wait for a free slot."""
        with self._lock:
            return len(self._waiting)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking submissions; let the running ones finish (and the queued ones, if wait)."""
        with self._lock:
            self._closed = True
            if not wait:
                self._waiting.clear()
            self._lock.notify_all()
            workers = list(self._workers)
        if wait:
            for worker in workers:
                worker.join()

    def _work(self) -> None:
        while True:
            with self._lock:
                self._idle += 1
                while not self._waiting and not self._closed:
                    self._lock.wait()
                self._idle -= 1
                if not self._waiting:
                    self._workers.remove(threading.current_thread())
                    return
                submission = self._waiting.popleft()
                submission.state = "running"
            try:
                submission._verdict = judge(
                    submission.prompt_dir, submission.code, limits=submission.limits
                )
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                submission._error = error
            submission.state = "done"
            submission._finished.set()
