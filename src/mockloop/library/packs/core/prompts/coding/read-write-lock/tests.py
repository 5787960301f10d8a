"""Tests for read-write-lock: RWLock with acquire/release for reading and writing, context
managers, and the readers() / writer_active() / waiting_writers() snapshots.

Exclusion is checked with timeout=0 try-acquires, which never wait. Blocking calls run in daemon
threads; a test waits for a state (waiting_writers() == 1, or a thread asleep in a threading
wait, found from its stack) or a second, then acts and gives the call a second or more to react.
No test races the clock. See docs/judge.md for the format.
"""

import random
import sys
import threading
import time

from harness import Mismatch, expect, expect_raises, given, visible

WAIT = threading.Condition.wait.__code__


class Call:
    """Run fn() in a daemon thread and keep what it returned or raised."""

    def __init__(self, fn):
        self.fn = fn
        self.result = None
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            self.result = self.fn()
        except BaseException as error:  # noqa: BLE001 - the submission may raise anything
            self.error = error

    def finished(self, seconds):
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def outcome(self):
        """What the call did, as text: 'returned X', 'raised E' or 'still blocked'."""
        if self.thread.is_alive():
            return "still blocked"
        if self.error is not None:
            return f"raised {type(self.error).__name__}"
        return f"returned {self.result!r}"


def expect_outcome(call, expected, what, seconds=1.5):
    """Fail unless the call ends within seconds with the expected outcome."""
    call.finished(seconds)
    expect(call.outcome(), expected, input=what)


def eventually(check, what, expected, seconds=1.5):
    """Poll check() until it returns expected, or fail after seconds."""
    deadline = time.monotonic() + seconds
    got = check()
    while got != expected and time.monotonic() < deadline:
        time.sleep(0.002)
        got = check()
    expect(got, expected, input=what)


def waiter_of(call):
    """The private lock the call sleeps on in Condition.wait (a new one per wait), or None."""
    frame = sys._current_frames().get(call.thread.ident)
    if frame is None or frame.f_code is not WAIT:
        return None
    return frame.f_locals.get("waiter")


def wait_until_blocked(calls, limit=1.0, old=()):
    """Wait until each call has returned or sleeps in a Condition.wait (not on a waiter in old).

    True when that happened, False when limit seconds passed first.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        waiters = [waiter_of(c) for c in calls]
        if all(
            not c.thread.is_alive() or (w is not None and all(w is not o for o in old))
            for c, w in zip(calls, waiters, strict=True)
        ):
            return True
        time.sleep(0.002)
    return False


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: readers share, a waiting writer holds new readers back, then enters."""
    given("lock = RWLock(); lock.acquire_read(); lock.acquire_read()")
    lock = solution.RWLock()
    expect(
        [lock.acquire_read(), lock.acquire_read()], [True, True], input="lock.acquire_read() x 2"
    )
    expect(
        lock.acquire_write(timeout=0),
        False,
        input="two readers hold it; lock.acquire_write(timeout=0)",
    )
    writer = Call(lock.acquire_write)
    eventually(lock.waiting_writers, "thread W: lock.acquire_write(); lock.waiting_writers()", 1)
    expect(lock.acquire_read(timeout=0), False, input="W is waiting; lock.acquire_read(timeout=0)")
    lock.release_read()
    lock.release_read()
    expect_outcome(writer, "returned True", "lock.release_read() x 2: W's acquire_write()")
    expect(lock.writer_active(), True, input="W holds it; lock.writer_active()")
    expect_raises(RuntimeError, lock.release_read, input="W holds it; lock.release_read()")


@visible
def test_bad_timeouts_and_releases_without_a_hold_raise(solution):
    """A negative timeout raises ValueError; releasing a hold nobody has raises RuntimeError."""
    lock = solution.RWLock()
    expect_raises(
        ValueError, lambda: lock.acquire_read(timeout=-1), input="lock.acquire_read(timeout=-1)"
    )
    expect_raises(
        ValueError,
        lambda: lock.acquire_write(timeout=-0.5),
        input="lock.acquire_write(timeout=-0.5)",
    )
    expect_raises(RuntimeError, lock.release_read, input="lock = RWLock(); lock.release_read()")
    expect_raises(RuntimeError, lock.release_write, input="lock = RWLock(); lock.release_write()")
    lock.acquire_read()
    expect_raises(RuntimeError, lock.release_write, input="a reader holds it; lock.release_write()")
    lock.release_read()
    expect_raises(
        RuntimeError,
        lock.release_read,
        input="after one acquire_read and one release_read; lock.release_read()",
    )
    expect(lock.readers(), 0, input="... lock.readers()")
    expect(lock.acquire_write(timeout=0), True, input="... lock.acquire_write(timeout=0)")


def test_readers_hold_the_lock_together(solution):
    """Four readers are inside the read section at the same moment."""
    lock = solution.RWLock()
    inside = threading.Barrier(4, timeout=1.5)  # passes only when all four hold the lock
    seen = []

    def read():
        with lock.read_locked():
            inside.wait()
            seen.append(lock.readers())
            inside.wait()
        return "read"

    readers = [Call(read) for _ in range(4)]
    for reader in readers:
        expect_outcome(
            reader, "returned 'read'", "4 threads: with lock.read_locked(): meet at a barrier"
        )
    expect(seen, [4, 4, 4, 4], input="lock.readers() seen inside by each of the 4 readers")
    expect(lock.readers(), 0, input="after the 4 readers left: lock.readers()")


def test_a_writer_holds_the_lock_alone(solution):
    """While a writer holds the lock, no reader and no other writer gets in; after it, they do."""
    lock = solution.RWLock()
    expect(lock.acquire_write(timeout=0), True, input="lock.acquire_write(timeout=0)")
    expect(
        lock.acquire_read(timeout=0), False, input="a writer holds it; lock.acquire_read(timeout=0)"
    )
    expect(
        lock.acquire_write(timeout=0),
        False,
        input="a writer holds it; lock.acquire_write(timeout=0)",
    )
    expect(
        lock.acquire_read(timeout=0.05),
        False,
        input="a writer holds it; lock.acquire_read(timeout=0.05)",
    )
    expect(
        (lock.readers(), lock.writer_active()),
        (0, True),
        input="(lock.readers(), lock.writer_active())",
    )
    lock.release_write()
    expect(
        lock.acquire_read(timeout=0),
        True,
        input="after release_write: lock.acquire_read(timeout=0)",
    )
    expect(
        lock.acquire_write(timeout=0),
        False,
        input="a reader holds it: lock.acquire_write(timeout=0)",
    )
    lock.release_read()
    expect(
        lock.acquire_write(timeout=0),
        True,
        input="after release_read: lock.acquire_write(timeout=0)",
    )


def test_a_waiting_writer_goes_before_new_readers(solution):
    """Once a writer waits, new readers hold back; it enters when the readers leave, before them."""
    lock = solution.RWLock()
    lock.acquire_read()
    writer_in, writer_go = threading.Event(), threading.Event()

    def write():
        with lock.write_locked():
            writer_in.set()
            writer_go.wait(5)
        return "wrote"

    writer = Call(write)
    eventually(
        lock.waiting_writers, "a reader holds it; thread W: write; lock.waiting_writers()", 1
    )
    expect(lock.acquire_read(timeout=0), False, input="W waits: lock.acquire_read(timeout=0)")
    reader = Call(lock.acquire_read)
    wait_until_blocked([reader])
    expect(reader.outcome(), "still blocked", input="W waits: thread R: lock.acquire_read()")
    lock.release_read()
    if not writer_in.wait(1.5):
        raise Mismatch(
            "W never entered", "W enters", "W and R wait; the last reader calls release_read()"
        )
    expect(
        (reader.outcome(), lock.readers(), lock.writer_active()),
        ("still blocked", 0, True),
        input="W entered: (R's acquire_read, lock.readers(), lock.writer_active())",
    )
    writer_go.set()
    expect_outcome(writer, "returned 'wrote'", "W leaves its write section")
    expect_outcome(reader, "returned True", "W released: R's acquire_read()")


def test_a_writer_that_times_out_lets_held_back_readers_in(solution):
    """A writer that gives up leaves no trace: the readers it held back, waiting or new, get in."""
    for _ in range(2):
        lock = solution.RWLock()
        lock.acquire_read()
        writer = Call(lambda lock=lock: lock.acquire_write(timeout=0.3))
        eventually(
            lock.waiting_writers, "a reader holds it; thread W: lock.acquire_write(timeout=0.3)", 1
        )
        reader = Call(lock.acquire_read)
        held_back = wait_until_blocked([reader], limit=0.25) and not writer.finished(0)
        what = "a reader holds it; W: acquire_write(timeout=0.3); R: acquire_read() waits behind W"
        expect_outcome(writer, "returned False", f"{what}; W's call")
        expect(lock.waiting_writers(), 0, input=f"{what}; W timed out: lock.waiting_writers()")
        expect_outcome(reader, "returned True", f"{what}; W timed out: R's acquire_read()")
        expect(
            lock.acquire_read(timeout=0), True, input=f"{what}; then lock.acquire_read(timeout=0)"
        )
        expect(lock.readers(), 3, input=f"{what}; then lock.readers()")
        if held_back:  # R was asleep before W gave up: the case this test is for
            return
    # R never fell asleep where this test can see it (a lock not built on Condition): no more to check


def test_the_last_reader_out_lets_a_waiting_writer_in(solution):
    """A writer waiting behind three readers gets the lock when the last of them releases."""
    lock = solution.RWLock()
    for _ in range(3):
        lock.acquire_read()
    writer = Call(lambda: lock.acquire_write(timeout=30))
    eventually(lock.waiting_writers, "3 readers hold it; thread W: acquire_write(timeout=30)", 1)
    lock.release_read()
    lock.release_read()
    expect(
        writer.finished(0),
        False,
        input="one reader still holds it: has W's acquire_write returned?",
    )
    lock.release_read()
    expect_outcome(
        writer, "returned True", "3 readers hold it, W waits; release_read() x 3: W's call"
    )


def test_a_writer_release_lets_every_waiting_reader_in(solution):
    """Three readers waiting on a writer all get in when it releases."""
    lock = solution.RWLock()
    lock.acquire_write()
    readers = [Call(lambda: lock.acquire_read(timeout=30)) for _ in range(3)]
    wait_until_blocked(readers)
    lock.release_write()
    for i, reader in enumerate(readers):
        what = (
            f"a writer holds it; 3 threads: acquire_read(timeout=30); release_write(): reader {i}"
        )
        expect_outcome(reader, "returned True", what)
    expect(lock.readers(), 3, input="... lock.readers()")


def test_two_waiting_writers_enter_one_at_a_time(solution):
    """Two writers woken together: one enters, the other waits until the first releases."""
    lock = solution.RWLock()
    lock.acquire_read()
    writers = [Call(lock.acquire_write) for _ in range(2)]
    eventually(lock.waiting_writers, "a reader holds it; 2 threads: acquire_write()", 2)
    wait_until_blocked(writers)
    asleep = [waiter_of(w) for w in writers]
    lock.release_read()
    what = "a reader holds it, 2 writers wait; release_read()"
    deadline = time.monotonic() + 1.5
    while not any(w.finished(0) for w in writers) and time.monotonic() < deadline:
        time.sleep(0.002)
    first = next((w for w in writers if w.finished(0)), None)
    if first is None:
        raise Mismatch("no writer entered", "one writer enters", what)
    expect(first.outcome(), "returned True", input=f"{what}: the first writer's call")
    second = writers[1] if first is writers[0] else writers[0]
    wait_until_blocked([second], old=[w for w in asleep if w is not None])
    expect(
        second.outcome(),
        "still blocked",
        input=f"{what}: the second writer while the first holds it",
    )
    lock.release_write()
    expect_outcome(second, "returned True", f"{what}; the first writer releases: the second's call")


def test_context_managers_release_when_the_body_raises(solution):
    """with read_locked() / write_locked() release on exit, also when the body raises."""
    lock = solution.RWLock()
    for name, manager in (("write_locked", lock.write_locked), ("read_locked", lock.read_locked)):
        given(f"with lock.{name}(): raise KeyError")
        try:
            with manager():
                expect(
                    (lock.readers(), lock.writer_active()),
                    (0, True) if name == "write_locked" else (1, False),
                    input=f"inside with lock.{name}(): (lock.readers(), lock.writer_active())",
                )
                raise KeyError("from the body")
        except KeyError:
            pass
        expect(
            (lock.readers(), lock.writer_active()),
            (0, False),
            input=f"after with lock.{name}(): raise KeyError -> (lock.readers(), lock.writer_active())",
        )
    expect(lock.acquire_write(timeout=0), True, input="... lock.acquire_write(timeout=0)")


def test_random_try_acquires_and_releases_match_a_model(solution):
    """Thousands of random non-blocking acquires and releases agree with a model of the rules."""
    rng = random.Random(26)
    for _ in range(40):
        lock = solution.RWLock()
        readers, writer = 0, False
        calls = ["lock = RWLock()"]
        given(lambda calls=calls: "; ".join(calls[-20:]))
        for _ in range(80):
            op = rng.choice(
                [
                    "acquire_read",
                    "acquire_read",
                    "release_read",
                    "acquire_write",
                    "release_write",
                    "state",
                ]
            )
            if op == "state":
                calls.append("(lock.readers(), lock.writer_active(), lock.waiting_writers())")
                got = (lock.readers(), lock.writer_active(), lock.waiting_writers())
                expected = (readers, writer, 0)
            elif op.startswith("acquire"):
                calls.append(f"lock.{op}(timeout=0)")
                got = getattr(lock, op)(timeout=0)
                expected = not writer and (op == "acquire_read" or readers == 0)
                if expected and op == "acquire_read":
                    readers += 1
                elif expected:
                    writer = True
            else:
                calls.append(f"lock.{op}()")
                held = readers > 0 if op == "release_read" else writer
                try:
                    getattr(lock, op)()
                    got = "ok"
                except RuntimeError:
                    got = "RuntimeError"
                expected = "ok" if held else "RuntimeError"
                if held and op == "release_read":
                    readers -= 1
                elif held:
                    writer = False
            expect(got, expected, input="; ".join(calls[-20:]))


def test_many_threads_keep_the_rules(solution):
    """Eight threads mixing reads and writes: writers alone, readers never with a writer, no lost write."""
    lock, guard = solution.RWLock(), threading.Lock()
    inside = {"r": 0, "w": 0}
    broken, shared = [], [0]

    def work(seed):
        rng = random.Random(seed)
        for _ in range(150):
            if rng.random() < 0.25:
                with lock.write_locked():
                    with guard:
                        inside["w"] += 1
                        if inside["w"] != 1 or inside["r"]:
                            broken.append("a writer was not alone")
                    value = shared[0]
                    time.sleep(0)
                    shared[0] = value + 1
                    with guard:
                        inside["w"] -= 1
            else:
                with lock.read_locked():
                    with guard:
                        inside["r"] += 1
                        if inside["w"]:
                            broken.append("a reader was in with a writer")
                    time.sleep(0)
                    with guard:
                        inside["r"] -= 1
        return "done"

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        workers = [Call(lambda s=s: work(s)) for s in range(8)]
        for worker in workers:
            expect_outcome(
                worker, "returned 'done'", "8 threads x 150 random reads and writes", seconds=10
            )
    finally:
        sys.setswitchinterval(old)
    expect(sorted(set(broken)), [], input="8 threads x 150 random reads and writes: broken rules")
    writes = 0
    for seed in range(8):
        rng = random.Random(seed)
        writes += sum(rng.random() < 0.25 for _ in range(150))
    expect(
        shared[0],
        writes,
        input="8 threads: writes counted by read-modify-write under the write lock",
    )
