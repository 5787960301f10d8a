"""Warm runs: a fork server per set of packages, started once, that forks each submission's run.

Importing torch takes seconds; forking a process that has already imported it takes
milliseconds. The server (warm_server.py) lives in a bubblewrap sandbox built like a cold
run's, and every run it forks gets the isolation of a cold run: its own user, PID, mount,
network, IPC and UTS namespaces, its own /tmp and /dev/shm, uid 65534 with no capabilities,
no_new_privs, the same seccomp filter and the same rlimits (docs/judge.md, "Warm runs").

`MOCKLOOP_WARM`: `auto` (the default) uses warm runs for prompts whose tests declare numpy or
torch in PACKAGES; a serving process (one that made a JudgeQueue, or called start()) starts the
server in the background on first use (that submission runs cold), a one-shot command (the CLI's
`mockloop check`) only uses a server already running; `always` uses them for every prompt (the judge's tests do, to run the hostile programs
through this path); `off` never. Warm runs need bubblewrap: rlimits-only mode always runs cold.
"""

from __future__ import annotations

import array
import contextlib
import json
import logging
import os
import secrets
import select
import signal
import socket
import subprocess
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path

from mockloop.judge import sandbox
from mockloop.judge.sandbox import (
    PYTHON_FLAGS,
    RUN_MARKER,
    SANDBOX_DIR,
    SITE_DIR,
    Limits,
    RunResult,
    SandboxError,
)

log = logging.getLogger(__name__)

WARM_ENV = "MOCKLOOP_WARM"
PRELOADABLE = ("numpy", "torch")  # what a server imports before forking (in this order)
START_SECONDS = 180.0  # importing torch on a loaded machine can take a while
STARTED_SECONDS = 10.0  # from a request to the run's first process


class WarmUnavailable(RuntimeError):
    """No warm run this time: the server is not ready, failed to start, or died."""


def mode() -> str:
    """`auto`, `always` or `off`, from MOCKLOOP_WARM."""
    value = os.environ.get(WARM_ENV, "auto").strip().lower()
    if value in ("0", "off", "no", "false", "never"):
        return "off"
    if value in ("always", "all"):
        return "always"
    return "auto"


def preload_for(packages: tuple[str, ...]) -> tuple[str, ...]:
    """What a server for these packages imports up front."""
    return tuple(name for name in PRELOADABLE if name in packages)


@lru_cache(maxsize=1)
def server_bytecode() -> bytes:
    source = (Path(__file__).parent / "warm_server.py").read_bytes()
    return sandbox.compiled(source, "warm_server.py")


# --- the server ---------------------------------------------------------------------------


class WarmServer:
    """One fork server: a bubblewrap sandbox running warm_server.py for a set of packages."""

    def __init__(self, packages: tuple[str, ...]) -> None:
        self.packages = packages
        self.preload = preload_for(packages)
        self.ready = threading.Event()
        self.failure: str | None = None
        self.info: dict[str, object] = {}
        self.runs = 0
        self._lock = threading.Lock()
        self._ctl: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open for the server's lifetime
        self.started_at = time.monotonic()

    # -- starting and stopping --

    def start(self) -> None:
        """Start the server and wait until it has imported its packages (or failed)."""
        try:
            self._start()
        except BaseException as error:  # noqa: BLE001 - recorded, and the judge runs cold
            self.failure = f"{type(error).__name__}: {error}"
            log.warning("warm judge server for %s did not start: %s", self.packages, self.failure)
            self.stop()
        finally:
            self.ready.set()

    def _start(self) -> None:
        as_root = os.geteuid() == 0
        theirs: list[int] = []
        ours: list[int] = []
        ctl, server_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        files = {"harness.pyc": sandbox.harness_bytecode(), "warm.pyc": server_bytecode()}
        seccomp = sandbox._seccomp_program()
        if seccomp:
            files["seccomp.bpf"] = seccomp
        try:
            argv, info_r, block_w = sandbox._bubblewrap_argv(
                files, Limits(tmp_bytes=1024 * 1024), self.packages, theirs, ours, server=True
            )
            argv += [sandbox._interpreter(), *PYTHON_FLAGS, f"{SANDBOX_DIR}/warm.pyc"]
            argv += [f"--ctl-fd={server_end.fileno()}", f"--preload={','.join(self.preload)}"]
            argv += [f"--site={SITE_DIR}", RUN_MARKER + "warm-server-" + secrets.token_hex(4)]
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
                pass_fds=[*theirs, server_end.fileno()],
                start_new_session=True,
                extra_groups=[] if as_root else None,
            )
        except BaseException:
            for fd in ours:
                os.close(fd)
            ctl.close()
            raise
        finally:
            for fd in theirs:
                os.close(fd)
            server_end.close()
        self._process = process
        self._ctl = ctl
        try:
            sandbox._start_namespace(process, info_r, block_w, as_root)
        finally:
            os.close(info_r)
            if block_w >= 0:
                os.close(block_w)
        ready = _receive(ctl, START_SECONDS)
        if ready is None or ready[0].get("event") != "ready":
            raise SandboxError(f"the server did not report ready: {self.stderr() or 'no reason'}")
        self.info = ready[0]
        if self.info.get("threads", 1) != 1:
            raise SandboxError(
                f"the server runs {self.info.get('threads')} threads: forking is unsafe"
            )

    def stderr(self) -> str:
        with contextlib.suppress(OSError, ValueError):
            self._stderr.seek(0)
            return self._stderr.read()[-2000:].decode(errors="replace").strip()
        return ""

    def alive(self) -> bool:
        return self.failure is None and self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """Stop the server: its runs end with it (its namespace holds theirs)."""
        if self._ctl is not None:
            with contextlib.suppress(OSError):
                self._ctl.close()
        if self._process is not None:
            with contextlib.suppress(OSError):
                os.killpg(self._process.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                self._process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        with contextlib.suppress(OSError):
            self._stderr.close()

    # -- running --

    def run(
        self,
        args: list[str],
        limits: Limits,
        private: dict[str, bytes],
        solution: bytes,
        run_id: str,
    ) -> RunResult:
        """Run the harness on a submission in a fresh forked run; raises WarmUnavailable when
        the server cannot take it (the judge then runs it cold)."""
        if not self.alive() or self._ctl is None:
            raise WarmUnavailable(self.failure or "the warm server is not running")
        options: dict[str, str] = {"dir": SANDBOX_DIR}
        for arg in [*args, *sandbox._limit_args(limits, limits.processes)]:
            key, _, value = arg[2:].partition("=")
            options[key] = value
        # The packages the server imported before forking are part of the run's starting
        # point, like the interpreter itself: the run's limit is on top of them.
        for key, extra in (("memory", "preloaded_address_space"), ("data", "preloaded_data")):
            if key in options:
                options[key] = str(int(options[key]) + int(self.info.get(extra, 0) or 0))
        header = json.dumps({"options": options, "tmp_bytes": limits.tmp_bytes, "run": run_id})
        reply, reply_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        result_r, result_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        theirs = [reply_theirs.fileno(), result_w, out_w, err_w]
        theirs += [sandbox._memfd(name, private[name]) for name in ("secret", "tests")]
        theirs.append(sandbox._memfd("solution", solution))
        started = time.perf_counter()
        try:
            with self._lock:
                self._ctl.sendmsg(
                    [header.encode()],
                    [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", theirs))],
                )
        except OSError as error:
            for fd in (result_r, out_r, err_r):
                os.close(fd)
            reply.close()
            self.failure = f"the warm server is gone ({error})"
            raise WarmUnavailable(self.failure) from error
        finally:
            reply_theirs.close()
            for fd in theirs[1:]:
                os.close(fd)
        self.runs += 1
        _count_run()
        first = _receive(reply, STARTED_SECONDS)
        if first is None or first[0].get("event") != "started" or not first[1]:
            for fd in (result_r, out_r, err_r):
                os.close(fd)
            reply.close()
            why = first[0].get("message") if first else "no answer"
            if first is None and not self.alive():
                self.failure = f"the warm server died: {self.stderr() or 'no reason given'}"
            raise SandboxError(f"a warm run did not start: {why}")
        pidfd = first[1][0]
        for extra in first[1][1:]:
            os.close(extra)
        host_pid = _pidfd_pid(pidfd)
        if host_pid is not None:
            with contextlib.suppress(OSError):
                sandbox._remember_namespace(run_id, os.stat(f"/proc/{host_pid}/ns/pid").st_ino)
        process = WarmProcess(reply, out_r, err_r)

        def kill() -> None:
            # PID 1 of the run's namespace: the kernel then kills everything in it.
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)

        try:
            return sandbox._collect(
                process, result_r, limits, kill, started, "bubblewrap", memory_root=host_pid
            )
        finally:
            os.close(pidfd)
            reply.close()


class WarmProcess:
    """What sandbox._collect needs of a process, for a warm run: its end is reported by the
    run's middle process on the reply socket (a wait status), and its output comes on pipes."""

    def __init__(self, reply: socket.socket, stdout: int, stderr: int) -> None:
        self.reply = reply
        self.stdout = os.fdopen(stdout, "rb", buffering=0)
        self.stderr = os.fdopen(stderr, "rb", buffering=0)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self._read(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired("warm run", timeout or 0)
            self._read(left if left is not None else 1.0)
        return self.returncode

    def _read(self, timeout: float) -> None:
        readable, _, _ = select.select([self.reply], [], [], timeout)
        if not readable:
            return
        try:
            data = self.reply.recv(4096)
        except OSError:
            data = b""
        if not data:  # the middle process is gone without a word: count the run as killed
            self.returncode = -signal.SIGKILL
            return
        with contextlib.suppress(ValueError):
            event = json.loads(data)
            if event.get("event") == "exit":
                self.returncode = os.waitstatus_to_exitcode(int(event["status"]))


def _receive(sock: socket.socket, timeout: float) -> tuple[dict, list[int]] | None:  # type: ignore[type-arg]
    """One message and the descriptors that came with it; None on a timeout or a closed socket."""
    readable, _, _ = select.select([sock], [], [], timeout)
    if not readable:
        return None
    try:
        data, fds, _, _ = socket.recv_fds(sock, 65536, 8)
    except OSError:
        return None
    if not data:
        return None
    try:
        return json.loads(data), fds
    except ValueError:
        for fd in fds:
            os.close(fd)
        return None


def _pidfd_pid(pidfd: int) -> int | None:
    """The host PID a pidfd refers to (Linux: /proc/self/fdinfo)."""
    with contextlib.suppress(OSError, ValueError), open(f"/proc/self/fdinfo/{pidfd}") as file:
        for line in file:
            if line.startswith("Pid:"):
                pid = int(line.split()[1])
                return pid if pid > 0 else None
    return None


# --- the pool -----------------------------------------------------------------------------

_servers: dict[tuple[str, ...], WarmServer] = {}
_pool_lock = threading.Lock()
_runs = [0]  # warm runs started by this process, over every server it ever had


def _count_run() -> None:
    with _pool_lock:
        _runs[0] += 1


def runs() -> int:
    """How many warm runs this process has started (tests check their runs were warm)."""
    with _pool_lock:
        return _runs[0]


def server_for(packages: tuple[str, ...], *, wait: bool, start: bool = True) -> WarmServer | None:
    """The server for these packages: started if there is none (or it died). With wait=False,
    returns None until it is ready (it starts in the background meanwhile). With start=False,
    only a server already running is returned (a one-shot command should not start one)."""
    with _pool_lock:
        server = _servers.get(packages)
        if not start and (server is None or not server.ready.is_set() or not server.alive()):
            return None
        if server is not None and server.ready.is_set() and not server.alive():
            # Failed to start or died: try again, but not more than once a minute.
            if server.failure and time.monotonic() - server.started_at < 60 and not wait:
                return None
            server.stop()
            server = None
        if server is None:
            server = WarmServer(packages)
            _servers[packages] = server
            threading.Thread(target=server.start, name="warm-judge-start", daemon=True).start()
    if wait:
        server.ready.wait(START_SECONDS + 30)
    if not server.ready.is_set() or not server.alive():
        return None
    return server


def status() -> list[dict[str, object]]:
    """The servers: packages, state, runs, import time (for logs and the benchmark)."""
    with _pool_lock:
        servers = list(_servers.values())
    return [
        {
            "packages": server.packages, "preload": server.preload, "ready": server.ready.is_set(),
            "alive": server.alive(), "failure": server.failure, "runs": server.runs,
            "import_ms": server.info.get("import_ms"),
        }
        for server in servers
    ]  # fmt: skip


def start(packages: tuple[str, ...]) -> None:
    """Start a server now (say, when the app starts) so the first submission finds it warm."""
    server_for(packages, wait=False)


def shutdown() -> None:
    """Stop every server (tests; the app's shutdown)."""
    with _pool_lock:
        servers = list(_servers.values())
        _servers.clear()
    for server in servers:
        server.stop()


__all__ = [
    "WarmServer",
    "WarmUnavailable",
    "mode",
    "runs",
    "server_for",
    "shutdown",
    "start",
    "status",
]
