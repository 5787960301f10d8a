"""The warm fork server: runs inside bubblewrap, imports numpy (and torch) once, and forks a
fresh run per submission, isolated as a cold run is. `warm.py` starts and talks to it.

Started as `python -I -S -B /judge/warm.pyc --ctl-fd=N --preload=numpy,torch --site=...` in a
bubblewrap sandbox built like a cold run's (the same read-only view, namespaces, cleared
environment, uid map), with two differences: no seccomp filter yet (it must create namespaces
for each run) and a procfs under its own /tmp (to write each run's uid map).

Per submission the judge sends one message on the control socket: a JSON header (the
harness's options) and descriptors (a reply socket, the result pipe, stdout, stderr, and the
secret, tests and solution as memfds). The server never reads the secret, the tests or the
solution, so its memory, which every run inherits, holds no other run's data. Then:

    server ── fork ──> middle: unshare(user, mount, PID, network, IPC, UTS, cgroup); the
                       server writes its uid/gid map {0 -> 0, 65534 -> 65534}; it mounts a
                       private size-limited /tmp (covering the server's procfs), /dev/shm and a
                       new devpts instance, brings up loopback, and forks
      middle ── fork ──> init (PID 1 of the run's namespace): reaps, and forks
        init ── fork ──> harness: drops the capability bounding set, drops to uid 65534,
                         clears every capability, sets no_new_privs, installs the same seccomp
                         filter bwrap installs on a cold run, sets the rlimits, closes every
                         other descriptor and runs the harness on the submission.

The middle process sends a pidfd of the run's init to the judge, which kills the run by
killing it (the kernel then kills everything in the run's PID namespace), and reports its exit
status. When init's harness exits, init exits with its status (128 + N for a signal, as bwrap
reports it), and the run's namespace dies with it.
"""

import contextlib
import ctypes
import fcntl
import gc
import json
import marshal
import os
import posix
import signal
import socket
import struct
import sys
import time

SANDBOX_UID = 65534
CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMESPACES = (
    CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    | CLONE_NEWCGROUP
)  # fmt: skip
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x8, 0x4000, 0x40000
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, PR_CAP_AMBIENT = 24, 38, 22, 47
PR_CAP_AMBIENT_CLEAR_ALL, SECCOMP_MODE_FILTER = 4, 2
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
HARNESS_FAILED = 70
FDS_PER_REQUEST = 7  # reply, result, stdout, stderr, secret, tests, solution

libc = ctypes.CDLL(None, use_errno=True)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]  # fmt: skip


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _prctl(option: int, a: int = 0, b: int = 0, c: int = 0, d: int = 0) -> int:
    args = [ctypes.c_ulong(x) for x in (a, b, c, d)]
    return libc.prctl(ctypes.c_int(option), *args)


# --- the server ---------------------------------------------------------------------------


def serve(options: dict[str, str]) -> None:
    ctl = socket.socket(fileno=int(options["ctl-fd"]))
    with open("/judge/harness.pyc", "rb") as file:
        code = marshal.loads(file.read()[16:])
    harness = type(sys)("harness")
    harness.__file__ = "/judge/harness.py"
    sys.modules["harness"] = harness
    exec(code, harness.__dict__)
    seccomp = b""
    if os.path.exists("/judge/seccomp.bpf"):
        with open("/judge/seccomp.bpf", "rb") as file:
            seccomp = file.read()
    if options.get("site"):
        sys.path.append(options["site"])
    started = time.perf_counter()
    before = _memory()
    preloaded = preload([name for name in options.get("preload", "").split(",") if name])
    gc.collect()
    gc.freeze()  # runs need not scan (and so copy) the pages of everything imported here
    after = _memory()
    threads = _thread_count()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the middle processes reap themselves
    ready = {
        "event": "ready", "preloaded": preloaded, "threads": threads,
        "import_ms": round((time.perf_counter() - started) * 1000, 1),
        # What the preloaded packages take of the address space and of the data segment: a
        # run's rlimits get it on top, so it has the room a cold run has before any import.
        "preloaded_address_space": max(0, after[0] - before[0]),
        "preloaded_data": max(0, after[1] - before[1]),
    }  # fmt: skip
    ctl.send(json.dumps(ready).encode())
    size = socket.CMSG_SPACE(FDS_PER_REQUEST * 4)
    while True:
        try:
            message, ancillary, _, _ = ctl.recvmsg(65536, size)
        except InterruptedError:
            continue
        if not message:
            break  # the judge is gone: so is this server, and with it every run
        fds = _received_fds(ancillary)
        try:
            request = json.loads(message)
            if len(fds) != FDS_PER_REQUEST:
                raise ValueError(f"expected {FDS_PER_REQUEST} descriptors, got {len(fds)}")
            start_run(ctl, request, fds, harness, seccomp)
        except Exception as error:  # noqa: BLE001 - its reply socket closes unanswered
            _log(f"a run failed to start: {type(error).__name__}: {error}")
        finally:
            for fd in fds:
                _close(fd)
    posix._exit(0)


def _log(text: str) -> None:
    with contextlib.suppress(OSError):
        posix.write(2, f"warm server: {text}\n".encode(errors="replace"))


def preload(names: list[str]) -> list[str]:
    """Import what runs will use, and run a little of it, so no run pays for it."""
    done = []
    for name in names:
        module = __import__(name)
        if name == "numpy":
            rng = module.random.default_rng(0)
            a = rng.normal(size=(8, 8))
            (a @ a.T).sum(), module.linalg.norm(a), module.argsort(a, axis=1)
        elif name == "torch":
            import torch.nn  # noqa: F401
            import torch.nn.functional as functional

            module.set_num_threads(1)
            module.set_num_interop_threads(1)
            generator = module.Generator().manual_seed(0)
            layer = module.nn.Linear(8, 24)
            x = module.randn(2, 3, 8, generator=generator)
            y = layer(x).view(2, 3, 3, 2, 4).permute(2, 0, 3, 1, 4)
            scores = y[0] @ y[1].transpose(-2, -1) / 2.0
            mask = module.ones(3, 3, dtype=module.bool).triu(1)
            weights = scores.masked_fill(mask, float("-inf")).softmax(dim=-1)
            (weights @ y[2]).sum().backward()
            functional.linear(x, layer.weight, layer.bias).detach().double().numpy()
        done.append(name)
    return done


def _memory() -> tuple[int, int]:
    """(VmSize, VmData) of this process, in bytes."""
    found = {"VmSize:": 0, "VmData:": 0}
    try:
        with open("/tmp/.proc/self/status") as file:
            for line in file:
                parts = line.split()
                if parts and parts[0] in found:
                    found[parts[0]] = int(parts[1]) * 1024
    except OSError:
        pass
    return found["VmSize:"], found["VmData:"]


def _thread_count() -> int:
    try:
        return len(os.listdir("/tmp/.proc/self/task"))
    except OSError:
        return 0


def _received_fds(ancillary) -> list[int]:  # type: ignore[no-untyped-def]
    fds: list[int] = []
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(data) - len(data) % 4
            fds.extend(struct.unpack(f"{usable // 4}i", data[:usable]))
    return fds


def _close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def start_run(ctl, request, fds, harness, seccomp) -> None:  # type: ignore[no-untyped-def]
    """Fork the middle process of one run and map its user namespace once it has made it."""
    unshared_r, unshared_w = os.pipe()
    mapped_r, mapped_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(unshared_r)
            os.close(mapped_w)
            ctl.detach()
            keep = {unshared_w, mapped_r, *fds}
            for fd in range(3, 1024):
                if fd not in keep:
                    _close(fd)
            middle(request, fds, harness, seccomp, unshared_w, mapped_r)
        finally:
            posix._exit(HARNESS_FAILED)
    os.close(unshared_w)
    os.close(mapped_r)
    try:
        if os.read(unshared_r, 1) == b"1":
            for name in ("uid_map", "gid_map"):
                with open(f"/tmp/.proc/{pid}/{name}", "w") as file:
                    file.write(_run_map(name))
            os.write(mapped_w, b"1")
    finally:
        os.close(unshared_r)
        os.close(mapped_w)


def _run_map(name: str) -> str:
    """A run's map: {0 -> 0, 65534 -> 65534} when the server's own namespace maps 65534 (the
    app runs as root), else 65534 -> the server's 0 (the app's user on the host)."""
    with open(f"/tmp/.proc/self/{name}") as file:
        inside = {line.split()[0] for line in file.read().splitlines() if line.strip()}
    if str(SANDBOX_UID) in inside:
        return f"0 0 1\n{SANDBOX_UID} {SANDBOX_UID} 1\n"
    return f"{SANDBOX_UID} 0 1\n"


# --- one run ------------------------------------------------------------------------------


def middle(request, fds, harness, seccomp, unshared_w, mapped_r) -> None:  # type: ignore[no-untyped-def]
    reply = fds[0]
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _check(libc.unshare(ctypes.c_int(NAMESPACES)), "unshare")
        os.write(unshared_w, b"1")
        os.close(unshared_w)
        if os.read(mapped_r, 1) != b"1":
            raise OSError("the server did not map the run's user namespace")
        os.close(mapped_r)
        setup_namespace(int(request["tmp_bytes"]))
    except Exception as error:  # noqa: BLE001
        _send(reply, {"event": "error", "message": f"{type(error).__name__}: {error}"})
        posix._exit(1)
    init_pid = os.fork()
    if init_pid == 0:
        try:
            init(request, fds, harness, seccomp)
        finally:
            posix._exit(HARNESS_FAILED)
    for fd in fds[1:]:
        _close(fd)
    pidfd = os.pidfd_open(init_pid)
    _send(reply, {"event": "started"}, [pidfd])
    os.close(pidfd)
    while True:
        try:
            _, status = os.waitpid(init_pid, 0)
            break
        except InterruptedError:
            continue
    _send(reply, {"event": "exit", "status": status})
    posix._exit(0)


def _send(fd: int, event: dict, fds: tuple[int, ...] | list[int] = ()) -> None:  # type: ignore[type-arg]
    data = json.dumps(event).encode()
    try:
        with socket.socket(fileno=os.dup(fd)) as sock:
            if fds:
                socket.send_fds(sock, [data], list(fds))
            else:
                sock.send(data)
    except OSError:
        pass


def setup_namespace(tmp_bytes: int) -> None:
    """Private mounts (a fresh /tmp, /dev/shm and devpts), hostname, loopback up."""
    mount = libc.mount
    _check(mount(None, b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None), "make / private")
    data = f"size={tmp_bytes},mode=1777".encode()
    flags = ctypes.c_ulong(MS_NOSUID | MS_NODEV)
    _check(mount(b"tmpfs", b"/tmp", b"tmpfs", flags, data), "mount /tmp")
    _check(mount(b"tmpfs", b"/dev/shm", b"tmpfs", flags, data), "mount /dev/shm")
    devpts = ctypes.c_ulong(MS_NOSUID | MS_NOEXEC)
    _check(
        mount(b"devpts", b"/dev/pts", b"devpts", devpts, b"newinstance,ptmxmode=0666,mode=620"),
        "mount /dev/pts",
    )
    _check(libc.sethostname(b"judge", ctypes.c_size_t(5)), "sethostname")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sh14x", b"lo", 0)
        flags_now = struct.unpack("16sh", fcntl.ioctl(sock, SIOCGIFFLAGS, request)[:18])[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sh14x", b"lo", flags_now | IFF_UP))


def init(request, fds, harness, seccomp) -> None:  # type: ignore[no-untyped-def]
    """PID 1 of the run: start the harness, reap every orphan, exit with the harness's status."""
    _close(fds[0])
    handlers = {}
    for number in range(1, signal.NSIG):
        if number not in (signal.SIGKILL, signal.SIGSTOP):
            try:
                handlers[number] = signal.getsignal(number)
                signal.signal(number, signal.SIG_DFL)  # PID 1 ignores what it does not handle
            except (OSError, ValueError):
                pass
    child = os.fork()
    if child == 0:
        try:
            # The interpreter's own dispositions (SIGPIPE and SIGXFSZ ignored, SIGINT raising
            # KeyboardInterrupt), as in a cold run.
            for number, handler in handlers.items():
                if handler is not None:
                    with contextlib.suppress(OSError, ValueError):
                        signal.signal(number, handler)
            run_harness(request, fds, harness, seccomp)
        finally:
            posix._exit(HARNESS_FAILED)
    for fd in fds[1:]:
        _close(fd)
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            posix._exit(HARNESS_FAILED)
        if pid == child:
            if os.WIFSIGNALED(status):
                posix._exit(128 + os.WTERMSIG(status))
            posix._exit(os.WEXITSTATUS(status))


def run_harness(request, fds, harness, seccomp) -> None:  # type: ignore[no-untyped-def]
    _, result, stdout, stderr, secret, tests, solution = fds
    os.setsid()
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    for fd in (null, stdout, stderr):
        if fd > 2:
            _close(fd)
    os.chdir("/tmp")
    options = dict(request["options"])
    options.update({
        "result-fd": str(result), "secret-fd": str(secret), "tests-fd": str(tests),
        "solution-fd": str(solution), "drop-to": str(SANDBOX_UID),
    })  # fmt: skip
    try:
        harness.Harness(options, drop_capabilities, lambda: lock_down(seccomp)).run()
    except harness.ChannelBroken:
        posix._exit(harness.CHANNEL_BROKEN)
    except BaseException as error:  # noqa: BLE001 - reported, then the run ends
        with contextlib.suppress(BaseException):
            posix.write(2, f"harness: {type(error).__name__}: {error}\n".encode(errors="replace"))
        posix._exit(HARNESS_FAILED)
    posix._exit(0)


def drop_capabilities() -> None:
    """Before dropping to 65534: empty the bounding and ambient sets (as bwrap --cap-drop ALL)."""
    for capability in range(64):
        if _prctl(PR_CAPBSET_DROP, capability) != 0:
            if ctypes.get_errno() == 22:  # EINVAL: past the last capability
                break
            _check(-1, f"drop capability {capability}")
    _check(_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL), "clear ambient capabilities")


def lock_down(seccomp: bytes) -> None:
    """After dropping to 65534: no capability left, no_new_privs, the seccomp filter."""
    header = CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (CapData * 2)()
    _check(libc.capset(ctypes.byref(header), ctypes.byref(data)), "clear capabilities")
    _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")
    if seccomp:
        buffer = ctypes.create_string_buffer(seccomp, len(seccomp))
        program = SockFprog(len(seccomp) // 8, ctypes.cast(buffer, ctypes.c_void_p))
        _check(
            libc.prctl(ctypes.c_int(PR_SET_SECCOMP), ctypes.c_ulong(SECCOMP_MODE_FILTER),
                       ctypes.byref(program), ctypes.c_ulong(0), ctypes.c_ulong(0)),
            "install the seccomp filter",
        )  # fmt: skip


def main(argv: list[str]) -> None:
    options = {}
    for arg in argv:
        if arg.startswith("--"):
            key, _, value = arg[2:].partition("=")
            options[key] = value
    try:
        serve(options)
    except BaseException as error:  # noqa: BLE001
        with contextlib.suppress(BaseException):
            posix.write(
                2, f"warm server: {type(error).__name__}: {error}\n".encode(errors="replace")
            )
        posix._exit(HARNESS_FAILED)


if __name__ == "__main__":
    main(sys.argv[1:])
