"""Tests for thread-pool-executor: ThreadPool(max_workers) with submit and shutdown, and the
Future it returns (result, exception, done).

Tasks are gated by events, so a test decides when they finish. Parallelism is proven with a
barrier that only max_workers tasks running at once can pass; blocking calls run in daemon
threads, and a test waits for a state (a thread asleep in a threading wait, found from its
stack) or a second before acting. No test races the clock. Every pool is shut down at the end.
See docs/judge.md for the format.
"""

import random
import sys
import threading
import time

from harness import Mismatch, expect, expect_raises, given, visible

THREADING_FILE = threading.Condition.wait.__code__.co_filename
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


def wait_until_blocked(calls, limit=1.0):
    """Wait until every call has returned or sleeps in Condition.wait, or limit seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        frames = sys._current_frames()
        if all(
            not c.thread.is_alive()
            or (frames.get(c.thread.ident) is not None and frames[c.thread.ident].f_code is WAIT)
            for c in calls
        ):
            return
        time.sleep(0.002)


def outcome_of(future, timeout=1.5):
    """What future.result(timeout) did, as text."""
    try:
        return f"returned {future.result(timeout=timeout)!r}"
    except TimeoutError:
        return "raised TimeoutError"
    except Exception as error:  # noqa: BLE001
        return f"raised {type(error).__name__}"


def shut_down(pool):
    """End a test: shutdown() in a daemon thread, so a deadlocked pool cannot hang the run."""
    Call(pool.shutdown).finished(1.0)


def open_when_blocked_in(code, gate, started, limit=1.0):
    """In a daemon thread: once `started` is set, wait until the main thread is blocked in a
    threading call made from `code` (or limit seconds pass), then set `gate`."""
    main = threading.main_thread().ident

    def watch():
        started.wait(5)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            frame = sys._current_frames().get(main)
            if frame is not None and frame.f_code.co_filename == THREADING_FILE:
                while frame is not None and frame.f_code is not code:
                    frame = frame.f_back
                if frame is not None:
                    break
            time.sleep(0.002)
        gate.set()

    threading.Thread(target=watch, daemon=True).start()


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: a result, an exception twice, a surviving worker, a late submit."""
    given("pool = ThreadPool(max_workers=2)")
    pool = solution.ThreadPool(max_workers=2)
    try:
        expect(
            pool.submit(pow, 2, 10).result(timeout=1.5),
            1024,
            input="pool.submit(pow, 2, 10).result()",
        )
        g = pool.submit(int, "x")
        given('g = pool.submit(int, "x"); g.result()')
        try:
            g.result(timeout=1.5)
        except ValueError as error:
            raised = error
        else:
            raise Mismatch(
                "no exception", "ValueError raised", 'g = pool.submit(int, "x"); g.result()'
            )
        same = g.exception(timeout=1.5) is raised
        expect(same, True, input="g.exception() is the exception g.result() raised")
        expect(
            pool.submit(sum, [1, 2]).result(timeout=1),
            3,
            input="pool.submit(sum, [1, 2]).result(timeout=1)",
        )
    finally:
        shut_down(pool)
    expect_raises(
        RuntimeError,
        lambda: pool.submit(print, "late"),
        input='pool.shutdown(); pool.submit(print, "late")',
    )


@visible
def test_max_workers_below_one_raises_value_error(solution):
    """ThreadPool(0) and ThreadPool(-1) raise ValueError."""
    for workers in (0, -1):
        expect_raises(
            ValueError, lambda w=workers: solution.ThreadPool(w), input=f"ThreadPool({workers})"
        )


def test_arguments_and_keywords_reach_the_call(solution):
    """submit passes positional and keyword arguments through, even a keyword named fn."""
    pool = solution.ThreadPool(2)
    try:

        def describe(*args, **kwargs):
            return (args, sorted(kwargs.items()))

        cases = [
            ("pool.submit(describe)", lambda: pool.submit(describe), ((), [])),
            ("pool.submit(describe, 1, 'two', x=3)", lambda: pool.submit(describe, 1, "two", x=3), ((1, "two"), [("x", 3)])),
            ("pool.submit(describe, fn=1, self=2)", lambda: pool.submit(describe, fn=1, self=2), ((), [("fn", 1), ("self", 2)])),
            ("pool.submit(describe, None, args=(), kwargs={})", lambda: pool.submit(describe, None, args=(), kwargs={}), ((None,), [("args", ()), ("kwargs", {})])),
        ]  # fmt: skip
        for text, submit, expected in cases:
            given(text)
            expect(
                submit().result(timeout=1.5),
                expected,
                input=f"{text}.result()  # describe returns (args, sorted kwargs)",
            )
    finally:
        shut_down(pool)


def test_a_task_that_raises_hands_over_its_exception_and_the_worker_survives(solution):
    """result() re-raises the task's own exception object, exception() returns it, and the worker goes on."""
    pool = solution.ThreadPool(1)
    try:
        error = KeyError("missing")

        def fail():
            raise error

        f = pool.submit(fail)
        try:
            f.result(timeout=1.5)
        except KeyError as raised:
            expect(
                raised is error,
                True,
                input="f = pool.submit(fail); f.result() raised the task's own KeyError",
            )
        else:
            raise Mismatch("no exception", "KeyError raised", "f = pool.submit(fail); f.result()")
        expect(
            f.exception(timeout=1.5) is error, True, input="f.exception() is the task's KeyError"
        )
        expect(f.done(), True, input="f.done()")
        ok = pool.submit(lambda: "still alive")
        expect(
            outcome_of(ok),
            "returned 'still alive'",
            input="ThreadPool(1): after the failing task, submit(lambda: 'still alive').result()",
        )
        expect(ok.exception(timeout=1.5), None, input="... .exception() of a task that returned")
        many = [pool.submit(fail if i % 2 else int, i) for i in range(10)]
        got = [outcome_of(f) for f in many]
        expected = ["returned " + repr(i) if i % 2 == 0 else "raised TypeError" for i in range(10)]
        expect(
            got,
            expected,
            input="ThreadPool(1): submit fail(i) for odd i, int(i) for even i, i < 10",
        )
    finally:
        shut_down(pool)


def test_result_times_out_while_the_task_keeps_running(solution):
    """result(timeout) and exception(timeout) raise TimeoutError; the task then finishes normally."""
    pool = solution.ThreadPool(1)
    gate = threading.Event()
    try:
        f = pool.submit(lambda: gate.wait(10) and "finished")
        started = time.monotonic()
        expect_raises(
            TimeoutError,
            lambda: f.result(timeout=0.05),
            input="f = pool.submit(blocked task); f.result(timeout=0.05)",
        )
        if time.monotonic() - started < 0.045:
            raise Mismatch(
                "raised before the timeout", "waited 0.05 s first", "f.result(timeout=0.05)"
            )
        expect_raises(TimeoutError, lambda: f.exception(timeout=0), input="f.exception(timeout=0)")
        expect(f.done(), False, input="the task is still blocked: f.done()")
        gate.set()
        expect(
            outcome_of(f, timeout=5),
            "returned 'finished'",
            input="the task is released: f.result(timeout=1.5)",
        )
        expect(f.done(), True, input="f.done()")
    finally:
        gate.set()
        shut_down(pool)


def test_max_workers_tasks_run_at_once_and_no_more(solution):
    """Three workers run three tasks at the same moment, and a fourth waits until one is free."""
    pool = solution.ThreadPool(3)
    together = threading.Barrier(3, timeout=1.5)  # passes only if all three run at once
    release = threading.Event()
    started = [threading.Event() for _ in range(4)]

    def job(i):
        started[i].set()
        if i < 3:
            together.wait()
            release.wait(10)
        return i

    try:
        futures = [pool.submit(job, i) for i in range(4)]
        what = "ThreadPool(3); submit 4 tasks; tasks 0-2 wait at a barrier of 3, then for a release"
        for i in range(3):
            expect(started[i].wait(1.5), True, input=f"{what}: task {i} started")
        expect(started[3].wait(0.25), False, input=f"{what}: task 3 started while 3 tasks run")
        release.set()
        got = [outcome_of(f) for f in futures]
        expect(got, [f"returned {i}" for i in range(4)], input=f"{what}: the results")
    finally:
        release.set()
        shut_down(pool)


def test_queued_tasks_start_in_submission_order(solution):
    """With one worker, fifty queued tasks run in the order they were submitted."""
    pool = solution.ThreadPool(1)
    gate = threading.Event()
    order = []
    try:
        pool.submit(gate.wait, 10)
        futures = [pool.submit(order.append, i) for i in range(50)]
        gate.set()
        for f in futures:
            f.result(timeout=1.5)
        expect(
            order,
            list(range(50)),
            input="ThreadPool(1); a blocked task, then submit(order.append, i) for i < 50",
        )
    finally:
        gate.set()
        shut_down(pool)


def test_every_thread_waiting_on_a_future_wakes(solution):
    """Three threads blocked in result() on one future all get the value when the task finishes."""
    pool = solution.ThreadPool(1)
    gate = threading.Event()
    try:
        f = pool.submit(lambda: gate.wait(10) and "value")
        waiters = [Call(lambda: f.result(timeout=30)) for _ in range(3)]
        wait_until_blocked(waiters)
        gate.set()
        for i, waiter in enumerate(waiters):
            expect_outcome(
                waiter,
                "returned 'value'",
                f"3 threads call f.result(timeout=30); the task finishes: thread {i}",
            )
    finally:
        gate.set()
        shut_down(pool)


def test_a_task_can_submit_another_task(solution):
    """A task that submits to its own pool and waits for that result does not deadlock a 2-worker pool."""
    pool = solution.ThreadPool(2)
    try:

        def outer():
            return pool.submit(lambda: "inner").result(timeout=1.5) + " via outer"

        call = Call(lambda: pool.submit(outer).result(timeout=10))
        expect_outcome(
            call,
            "returned 'inner via outer'",
            "ThreadPool(2): outer() submits inner and waits for it",
        )
    finally:
        shut_down(pool)


def test_shutdown_with_wait_runs_every_queued_task_first(solution):
    """shutdown(wait=True) returns only after running and queued tasks finish; then submit raises."""
    pool = solution.ThreadPool(2)
    gate, entering = threading.Event(), threading.Event()
    futures = [pool.submit(lambda i=i: gate.wait(10) and i * i) for i in range(6)]
    open_when_blocked_in(solution.ThreadPool.shutdown.__code__, gate, entering)
    entering.set()
    pool.shutdown(wait=True)  # the gate opens once this call is blocked waiting
    what = (
        "ThreadPool(2); 6 tasks wait for a gate; shutdown(wait=True), the gate opens while it waits"
    )
    expect(
        [f.done() for f in futures], [True] * 6, input=f"{what}: done() of each after it returned"
    )
    expect(
        [outcome_of(f) for f in futures],
        [f"returned {i * i}" for i in range(6)],
        input=f"{what}: results",
    )
    expect_raises(
        RuntimeError, lambda: pool.submit(int, "1"), input=f"{what}; pool.submit(int, '1')"
    )
    again = Call(lambda: pool.shutdown(wait=True))
    expect_outcome(again, "returned None", f"{what}; pool.shutdown() again")


def test_shutdown_without_wait_returns_at_once_and_the_queue_still_runs(solution):
    """shutdown(wait=False) returns while tasks are blocked; queued tasks still run to completion."""
    pool = solution.ThreadPool(2)
    gate = threading.Event()
    try:
        futures = [pool.submit(lambda i=i: gate.wait(10) and i + 100) for i in range(6)]
        what = "ThreadPool(2); 6 tasks wait for a gate"
        expect_outcome(
            Call(lambda: pool.shutdown(wait=False)),
            "returned None",
            f"{what}; shutdown(wait=False)",
        )
        expect_raises(
            RuntimeError,
            lambda: pool.submit(int, "1"),
            input=f"{what}; shutdown(wait=False); submit(int, '1')",
        )
        gate.set()
        expect(
            [outcome_of(f) for f in futures],
            [f"returned {i + 100}" for i in range(6)],
            input=f"{what}; the gate opens: results",
        )
    finally:
        gate.set()
        shut_down(pool)


def test_random_tasks_from_many_threads_match_direct_calls(solution):
    """Hundreds of random tasks, some raising, submitted from 4 threads: every future matches a direct call."""
    rng = random.Random(42)
    jobs = []
    for _ in range(400):
        kind = rng.choice(["pow", "divide", "int", "sorted"])
        if kind == "pow":
            jobs.append((pow, (rng.randint(-5, 5), rng.randint(0, 6))))
        elif kind == "divide":
            jobs.append((lambda a, b: a // b, (rng.randint(-9, 9), rng.randint(-2, 2))))
        elif kind == "int":
            jobs.append((int, (rng.choice(["12", "x", "-3", "", "0"]),)))
        else:
            jobs.append((sorted, ([rng.randint(0, 9) for _ in range(rng.randint(0, 5))],)))

    def direct(fn, args):
        try:
            return f"returned {fn(*args)!r}"
        except Exception as error:  # noqa: BLE001
            return f"raised {type(error).__name__}"

    expected = [direct(fn, args) for fn, args in jobs]
    pool = solution.ThreadPool(4)
    futures = [None] * len(jobs)
    active, peak, guard = [0], [0], threading.Lock()

    def tracked(fn, *args):
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            return fn(*args)
        finally:
            with guard:
                active[0] -= 1

    def submitter(k):
        for i in range(k, len(jobs), 4):
            fn, args = jobs[i]
            futures[i] = pool.submit(tracked, fn, *args)
        return "submitted"

    try:
        submitters = [Call(lambda k=k: submitter(k)) for k in range(4)]
        for s in submitters:
            expect_outcome(s, "returned 'submitted'", "4 threads submit 100 tasks each", seconds=10)
        got = [outcome_of(f, timeout=10) for f in futures]
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if g != e:
                fn, args = jobs[i]
                raise Mismatch(g, e, f"task {i}: {getattr(fn, '__name__', 'fn')}{args!r}")
    finally:
        shut_down(pool)
    if not 1 <= peak[0] <= 4:
        raise Mismatch(f"{peak[0]} tasks at once", "at most 4", "ThreadPool(4), 400 tasks")
