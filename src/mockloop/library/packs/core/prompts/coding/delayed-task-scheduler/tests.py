"""Tests for delayed-task-scheduler: Scheduler(clock) with schedule, cancel, pending,
run_pending(now), start and stop.

Most tests drive the scheduler by hand with run_pending(now), which takes the time as an
argument: fully deterministic. The background-thread tests use the real clock but never race
it: they wait for events with generous limits, and to know the thread is asleep they look for
it in a threading wait (from its stack) or give it a second. See docs/judge.md for the format.
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


def run_pending(s, now, what):
    """s.run_pending(now) in a daemon thread (a deadlocked callback fails the test, not the run)."""
    call = Call(lambda: s.run_pending(now))
    call.finished(1.5)
    if call.thread.is_alive():
        raise Mismatch("still running after 1.5 s", "returns", what)
    if call.error is not None:
        raise call.error
    return call.result


def start_and_find_thread(s):
    """s.start(), and the thread(s) it started."""
    before = set(threading.enumerate())
    s.start()
    return [t for t in threading.enumerate() if t not in before]


def wait_until_asleep(threads, limit=1.0):
    """Wait until each thread sleeps in Condition.wait, or limit seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        frames = sys._current_frames()
        if all(frames.get(t.ident) is not None and frames[t.ident].f_code is WAIT for t in threads):
            return
        time.sleep(0.002)


def stop_quietly(s):
    """End a background test: stop() in a daemon thread, so a stuck scheduler cannot hang the run."""
    Call(s.stop).finished(1.0)


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: b then a run at 10, c was cancelled, a ran so cancel fails."""
    out = []
    given(
        "s = Scheduler(); a = s.schedule(10.0, ...); b = s.schedule(5.0, ...); c = s.schedule(10.0, ...)"
    )
    s = solution.Scheduler()
    a = s.schedule(10.0, lambda: out.append("a"))
    s.schedule(5.0, lambda: out.append("b"))
    c = s.schedule(10.0, lambda: out.append("c"))
    expect(run_pending(s, 4.0, "s.run_pending(4.0)"), 0, input="... s.run_pending(4.0)")
    expect(s.cancel(c), True, input="... s.cancel(c)")
    expect(
        run_pending(s, 10.0, "s.run_pending(10.0)"), 2, input="... s.cancel(c); s.run_pending(10.0)"
    )
    expect(out, ["b", "a"], input="... what ran, in order")
    expect(s.cancel(a), False, input="... s.cancel(a)  # already ran")
    expect(s.pending(), 0, input="... s.pending()")


@visible
def test_ids_increase_and_equal_times_run_in_scheduling_order(solution):
    """Ids are increasing ints; tasks due at the same time run in the order they were scheduled."""
    out = []
    s = solution.Scheduler()
    ids = [s.schedule(1.0, lambda i=i: out.append(i)) for i in range(6)]
    ids.append(s.schedule(-5.0, lambda: out.append("past")))
    ids.append(s.schedule(1.0, lambda: out.append(6)))
    what = "s = Scheduler(); schedule(1.0, f_i) for i < 6; schedule(-5.0, past); schedule(1.0, f_6)"
    expect(
        all(type(i) is int for i in ids) and ids == sorted(set(ids)),
        True,
        input=f"{what}: ids are increasing ints: {ids}",
    )
    expect(s.pending(), 8, input=f"{what}; s.pending()")
    expect(run_pending(s, 1.0, what), 8, input=f"{what}; s.run_pending(1.0)")
    expect(out, ["past", 0, 1, 2, 3, 4, 5, 6], input=f"{what}; s.run_pending(1.0): order")


def test_a_task_is_due_at_exactly_its_time(solution):
    """run_pending(now) runs run_at <= now, not later ones, in time order, and counts them."""
    out = []
    s = solution.Scheduler()
    for t in (3.5, 1.25, 2.0, 2.0, 3.0, 9.0, 0.5):
        s.schedule(t, lambda t=t: out.append(t))
    what = "tasks at 3.5, 1.25, 2.0, 2.0, 3.0, 9.0, 0.5"
    expect(run_pending(s, 0.25, what), 0, input=f"{what}; s.run_pending(0.25)")
    expect(run_pending(s, 2.0, what), 4, input=f"{what}; s.run_pending(2.0)")
    expect(out, [0.5, 1.25, 2.0, 2.0], input=f"{what}; s.run_pending(2.0): what ran")
    expect(run_pending(s, 3.4999, what), 1, input=f"{what}; ...; s.run_pending(3.4999)")
    expect(run_pending(s, 3.5, what), 1, input=f"{what}; ...; s.run_pending(3.5)")
    expect(
        (out[-2:], s.pending()), ([3.0, 3.5], 1), input=f"{what}; ...; (last two run, s.pending())"
    )


def test_cancel_succeeds_once_and_only_before_the_task_starts(solution):
    """cancel is True for a pending task, then False; False for unknown ids, finished and running tasks."""
    out = []
    s = solution.Scheduler()
    seen_inside = []

    def me():
        seen_inside.append((s.cancel(mine), s.pending()))

    keep = s.schedule(1.0, lambda: out.append("keep"))
    drop = s.schedule(1.0, lambda: out.append("drop"))
    mine = s.schedule(2.0, me)
    s.schedule(5.0, lambda: out.append("later"))
    what = "keep@1, drop@1, me@2 (cancels itself, reads pending()), later@5"
    expect(s.cancel(drop), True, input=f"{what}; s.cancel(drop)")
    expect(s.cancel(drop), False, input=f"{what}; s.cancel(drop) again")
    expect(s.cancel(12345), False, input="s.cancel(12345)  # unknown")
    expect(s.pending(), 3, input=f"{what}; after cancelling drop: s.pending()")
    expect(run_pending(s, 3.0, what), 2, input=f"{what}; s.run_pending(3.0)")
    expect(
        seen_inside,
        [(False, 1)],
        input=f"{what}: (cancel(own id), pending()) inside the running task",
    )
    expect(
        (out, s.cancel(keep), s.pending()),
        (["keep"], False, 1),
        input=f"{what}: (what ran, s.cancel(keep), s.pending())",
    )


def test_callbacks_may_schedule_and_cancel_during_run_pending(solution):
    """Tasks a callback schedules run in the same call if due; a task it cancels never runs."""
    out = []
    s = solution.Scheduler()
    victim = s.schedule(4.0, lambda: out.append("victim"))

    def first():
        out.append("first")
        s.schedule(3.0, lambda: out.append("due, scheduled by first"))
        s.schedule(1.0, lambda: out.append("already due, scheduled by first"))
        s.schedule(9.0, lambda: out.append("not due"))
        out.append(("cancel victim", s.cancel(victim)))

    s.schedule(2.0, first)
    what = "victim@4; first@2 schedules @3, @1 and @9 and cancels victim; s.run_pending(5.0)"
    expect(run_pending(s, 5.0, what), 3, input=what)
    expected = [
        "first",
        ("cancel victim", True),
        "already due, scheduled by first",
        "due, scheduled by first",
    ]
    expect(out, expected, input=f"{what}: what ran")
    expect(s.pending(), 1, input=f"{what}; s.pending()")


def test_a_callback_that_raises_does_not_stop_the_others(solution):
    """An exception from a callback is caught, counts as run, and later tasks still run."""
    out = []
    s = solution.Scheduler()
    s.schedule(1.0, lambda: out.append(1))
    s.schedule(2.0, lambda: 1 / 0)
    s.schedule(2.0, lambda: out.append(2))
    s.schedule(3.0, lambda: {}["missing"])
    s.schedule(4.0, lambda: out.append(4))
    what = (
        "tasks at 1, 2 (raises ZeroDivisionError), 2, 3 (raises KeyError), 4; s.run_pending(10.0)"
    )
    expect(run_pending(s, 10.0, what), 5, input=what)
    expect(out, [1, 2, 4], input=f"{what}: what ran")


def test_run_pending_never_reads_the_clock(solution):
    """run_pending(now) uses the time it is given: the clock is not called."""
    calls = [0]

    def clock():
        calls[0] += 1
        return 1000.0

    s = solution.Scheduler(clock=clock)
    out = []
    s.schedule(5.0, lambda: out.append(5))
    s.schedule(2000.0, lambda: out.append(2000))
    before = calls[0]
    what = "s = Scheduler(clock=lambda: 1000.0); tasks at 5 and 2000"
    expect(run_pending(s, 1.0, what), 0, input=f"{what}; s.run_pending(1.0)")
    expect(run_pending(s, 3000.0, what), 2, input=f"{what}; s.run_pending(3000.0)")
    expect(
        (out, calls[0] - before),
        ([5, 2000], 0),
        input=f"{what}: (what ran, clock() calls in run_pending)",
    )


def test_random_schedules_match_a_simple_model(solution):
    """Random schedules, cancels and run_pending calls, with callbacks that schedule and cancel, agree with a model."""
    rng = random.Random(303)
    for _ in range(40):
        plan = random_plan(rng)
        expected = play(ModelScheduler(), plan)
        got = play(solution.Scheduler(), plan)
        if got != expected:
            raise Mismatch(
                got[-10:],
                expected[-10:],
                "a random plan of schedule/cancel/run_pending (last 10 events)",
            )


def random_plan(rng):
    """A list of steps; callbacks get an action (schedule a child, or cancel an earlier task)."""
    steps, labels, now = [], 0, 0.0
    for _ in range(40):
        roll = rng.random()
        if roll < 0.55:
            action = None
            if rng.random() < 0.3:
                action = ("child", round(now + rng.choice([-1, 0, 0.5, 1, 3]), 2))
            elif rng.random() < 0.2 and labels:
                action = ("cancel", rng.randrange(labels))
            steps.append(
                ("schedule", labels, round(now + rng.choice([-1, 0, 0.5, 1, 2, 5]), 2), action)
            )
            labels += 1
        elif roll < 0.75 and labels:
            steps.append(("cancel", rng.randrange(labels)))
        else:
            now += rng.choice([0, 0.5, 1, 2])
            steps.append(("run", now))
    steps.append(("run", now + 100))
    return steps


def play(s, plan):
    """Replay a plan on a scheduler; return the events it produced."""
    events, ids = [], {}

    def task(label, action):
        def run():
            events.append(("ran", label))
            if action and action[0] == "child":
                child = f"{label}.child"
                ids[child] = s.schedule(action[1], lambda: events.append(("ran", child)))
            elif action:
                target = ids.get(action[1])
                events.append(
                    ("cancel in callback", action[1], target is not None and s.cancel(target))
                )

        return run

    for step in plan:
        if step[0] == "schedule":
            _, label, run_at, action = step
            ids[label] = s.schedule(run_at, task(label, action))
        elif step[0] == "cancel":
            events.append(("cancel", step[1], s.cancel(ids[step[1]])))
        else:
            events.append(("run_pending", step[1], s.run_pending(step[1]), s.pending()))
    return events


class ModelScheduler:
    """A plainly correct single-threaded scheduler: a list, searched in full."""

    def __init__(self):
        self.tasks, self.next_id = {}, 0

    def schedule(self, run_at, fn):
        self.next_id += 1
        self.tasks[self.next_id] = (run_at, fn)
        return self.next_id

    def cancel(self, task_id):
        return self.tasks.pop(task_id, None) is not None

    def pending(self):
        return len(self.tasks)

    def run_pending(self, now):
        ran = 0
        while True:
            due = [
                (run_at, task_id) for task_id, (run_at, _) in self.tasks.items() if run_at <= now
            ]
            if not due:
                return ran
            task_id = min(due)[1]
            fn = self.tasks.pop(task_id)[1]
            fn()
            ran += 1


def test_many_tasks_and_cancels(solution):
    """Ten thousand tasks and 7,500 cancels run in time with O(log n) operations."""
    s = solution.Scheduler()
    rng = random.Random(9)
    times = [rng.randrange(10**6) / 8 for _ in range(10_000)]
    out = []
    ids = [s.schedule(t, lambda i=i: out.append(i)) for i, t in enumerate(times)]
    dropped = set(rng.sample(range(10_000), 7_500))
    for i in dropped:
        s.cancel(ids[i])
    what = "10,000 tasks at random times, 7,500 of them cancelled"
    expect(s.pending(), 2_500, input=f"{what}: s.pending()")
    expect(s.run_pending(10**6), 2_500, input=f"{what}; s.run_pending(10**6)")
    kept = [i for _, i in sorted((t, i) for i, t in enumerate(times) if i not in dropped)]
    if out != kept:
        raise Mismatch(
            "another order or set of tasks", "the 2,500 kept tasks by time", f"{what}: what ran"
        )
    expect(s.pending(), 0, input=f"{what}; s.run_pending(10**6); s.pending()")


def test_the_background_thread_runs_due_tasks_in_order(solution):
    """start() runs due tasks on its own thread in order, including one a callback schedules; start twice raises."""
    s = solution.Scheduler()
    out, done = [], threading.Event()
    now = time.monotonic()
    for i in range(10):
        s.schedule(now - 1, lambda i=i: out.append(i))
    s.schedule(now - 0.5, lambda: s.schedule(0, done.set))
    try:
        s.start()
        expect_raises(RuntimeError, s.start, input="s.start(); s.start()")
        what = "10 tasks due 1 s ago, then one that schedules done.set at time 0; s.start()"
        expect(done.wait(1.5), True, input=f"{what}: done.set ran")
        expect(out, list(range(10)), input=f"{what}: order")
        expect(s.pending(), 0, input=f"{what}: s.pending()")
    finally:
        stop_quietly(s)


def test_the_background_thread_wakes_for_an_earlier_task(solution):
    """While the thread sleeps until a task an hour away, a new task due now still runs at once."""
    s = solution.Scheduler()
    far = s.schedule(time.monotonic() + 3600, lambda: None)
    try:
        threads = start_and_find_thread(s)
        wait_until_asleep(threads)
        soon = threading.Event()
        s.schedule(time.monotonic() + 0.01, soon.set)
        what = "a task in an hour; s.start(); the thread sleeps; s.schedule(now + 0.01, soon.set)"
        expect(soon.wait(1.5), True, input=f"{what}: soon.set ran")
        expect(
            (s.pending(), s.cancel(far)), (1, True), input=f"{what}: (s.pending(), s.cancel(far))"
        )
    finally:
        stop_quietly(s)


def test_stop_wakes_the_sleeping_thread_and_start_works_again(solution):
    """stop() returns promptly while the thread sleeps, keeps pending tasks, and start() works again."""
    s = solution.Scheduler()
    far = s.schedule(time.monotonic() + 3600, lambda: None)
    try:
        threads = start_and_find_thread(s)
        wait_until_asleep(threads)
        what = "a task in an hour; s.start(); the thread sleeps"
        expect_outcome(Call(s.stop), "returned None", f"{what}; s.stop()")
        for thread in threads:
            thread.join(1.5)
        expect(
            any(t.is_alive() for t in threads),
            False,
            input=f"{what}; s.stop(): is the thread alive?",
        )
        expect(s.pending(), 1, input=f"{what}; s.stop(); s.pending()")
        expect_outcome(Call(s.stop), "returned None", f"{what}; s.stop(); s.stop()")
        again = threading.Event()
        s.start()
        s.schedule(0, again.set)
        expect(
            again.wait(1.5),
            True,
            input=f"{what}; s.stop(); s.start(); s.schedule(0, again.set): it ran",
        )
        expect(s.cancel(far), True, input="... s.cancel(far)")
    finally:
        stop_quietly(s)


def test_callbacks_on_the_thread_may_use_the_scheduler_and_survive_errors(solution):
    """On the thread, a raising callback is survived, and callbacks may call schedule, cancel, pending and stop."""
    s = solution.Scheduler()
    out, stopped = [], threading.Event()
    try:
        threads = start_and_find_thread(s)
        s.schedule(0, lambda: 1 / 0)
        victim = s.schedule(time.monotonic() + 3600, lambda: out.append("victim"))

        def busy():
            out.append(("pending", s.pending()))
            out.append(("cancel", s.cancel(victim)))
            s.schedule(0, final)

        def final():
            s.stop()  # from the scheduler's own thread: must not join itself
            out.append("after stop")
            stopped.set()

        s.schedule(0, busy)
        what = "s.start(); tasks: 1/0, victim in an hour, busy (pending, cancel victim, schedule final), final calls s.stop()"
        expect(stopped.wait(1.5), True, input=f"{what}: final finished")
        expect(out, [("pending", 1), ("cancel", True), "after stop"], input=f"{what}: events")
        for thread in threads:
            thread.join(1.5)
        expect(
            any(t.is_alive() for t in threads),
            False,
            input=f"{what}: is the thread alive after final?",
        )
    finally:
        stop_quietly(s)
