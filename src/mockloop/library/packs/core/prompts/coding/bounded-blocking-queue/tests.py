"""Tests for bounded-blocking-queue: BoundedBlockingQueue(capacity) with put, get, size, close.

Single-threaded tests use timeout=0 (never waits) and short timeouts whose lower bound is
certain. Blocking tests run each call in a daemon thread, wait until the thread is asleep in a
threading wait (Condition.wait, which Semaphore and Event also use) or a second passes, then
act and give the call a second or more to react: no test races the clock, on a loaded machine
as on an idle one. See docs/judge.md for the format.
"""

import random
import sys
import threading
import time
from collections import deque

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
        """Wait up to seconds for the call to return or raise; True if it did."""
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def outcome(self):
        """What the call did, as text: 'returned X', 'raised E' or 'still blocked'."""
        if self.thread.is_alive():
            return "still blocked"
        if self.error is not None:
            return f"raised {type(self.error).__name__}"
        return f"returned {self.result!r}"


def wait_until_blocked(calls, limit=1.0):
    """Wait until every call has returned or sleeps in a threading wait (True), or limit seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        frames = sys._current_frames()
        if all(
            not c.thread.is_alive()
            or (frames.get(c.thread.ident) is not None and frames[c.thread.ident].f_code is WAIT)
            for c in calls
        ):
            return True
        time.sleep(0.002)
    return False


def waiter_of(call):
    """The private lock a call sleeps on in Condition.wait (a new one for each wait), or None."""
    frame = sys._current_frames().get(call.thread.ident)
    if frame is None or frame.f_code is not WAIT:
        return None
    return frame.f_locals.get("waiter")


def wait_until_waiting_again(call, old_waiter, limit=1.0):
    """Wait until the call has returned or sleeps in a new Condition.wait, or limit seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and call.thread.is_alive():
        waiter = waiter_of(call)
        if waiter is not None and waiter is not old_waiter:
            return
        time.sleep(0.002)


def expect_outcome(call, expected, what, seconds=1.5):
    """Fail unless the call ends within seconds with the expected outcome."""
    call.finished(seconds)
    expect(call.outcome(), expected, input=what)


def fill(solution, capacity, items):
    q = solution.BoundedBlockingQueue(capacity)
    for item in items:
        q.put(item)
    return q


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: a full queue times out, then close, drain and QueueClosed."""
    given('q = BoundedBlockingQueue(2); q.put("a"); q.put("b")')
    q = fill(solution, 2, ["a", "b"])
    given('q = BoundedBlockingQueue(2); q.put("a"); q.put("b"); q.put("c", timeout=0.1)')
    started = time.monotonic()
    expect_raises(TimeoutError, lambda: q.put("c", timeout=0.1), input='q.put("c", timeout=0.1)')
    waited = time.monotonic() - started
    if not 0.09 <= waited < 1.5:
        raise Mismatch(
            f"raised after {waited:.3f} s", "raised after about 0.1 s", 'q.put("c", timeout=0.1)'
        )
    expect(q.get(), "a", input='... q.put("c", timeout=0.1) -> TimeoutError; q.get()')
    expect(q.size(), 1, input="... q.get(); q.size()")
    q.close()
    expect_raises(solution.QueueClosed, lambda: q.put("d"), input='... q.close(); q.put("d")')
    expect(q.get(), "b", input='... q.close(); q.put("d") -> QueueClosed; q.get()')
    call = Call(q.get)
    expect_outcome(call, "raised QueueClosed", '... q.get() -> "b"; q.get()')


@visible
def test_bad_capacities_and_negative_timeouts_raise_value_error(solution):
    """A capacity below 1, and a negative timeout in put or get, raise ValueError."""
    for capacity in (0, -1):
        call = f"BoundedBlockingQueue({capacity})"
        expect_raises(ValueError, lambda c=capacity: solution.BoundedBlockingQueue(c), input=call)
    q = solution.BoundedBlockingQueue(1)
    expect_raises(
        ValueError,
        lambda: q.put(1, timeout=-1),
        input="q = BoundedBlockingQueue(1); q.put(1, timeout=-1)",
    )
    expect_raises(
        ValueError,
        lambda: q.get(timeout=-0.5),
        input="q = BoundedBlockingQueue(1); q.get(timeout=-0.5)",
    )


def test_items_come_out_first_in_first_out_none_included(solution):
    """Items, None among them, come out in the order they went in, and size() follows."""
    items = [3, None, "x", None, (1, 2), 0, None]
    q = fill(solution, 7, items)
    expect(q.size(), 7, input=f"q = BoundedBlockingQueue(7); put each of {items}; q.size()")
    got = [q.get(timeout=1) for _ in items]
    expect(got, items, input=f"q = BoundedBlockingQueue(7); put each of {items}; get() x 7")
    expect(q.size(), 0, input="... after taking every item: q.size()")


def test_the_queue_never_holds_more_than_its_capacity(solution):
    """A full queue refuses one more item with timeout=0, and size() stays at capacity."""
    for capacity in (1, 3):
        q = fill(solution, capacity, range(capacity))
        what = (
            f"q = BoundedBlockingQueue({capacity}); put {capacity} items; q.put('extra', timeout=0)"
        )
        expect_raises(TimeoutError, lambda q=q: q.put("extra", timeout=0), input=what)
        expect(q.size(), capacity, input=f"{what}; q.size()")
        expect(
            [q.get(timeout=0) for _ in range(capacity)],
            list(range(capacity)),
            input=f"{what}; get all",
        )


def test_timeout_zero_never_waits_and_a_timeout_changes_nothing(solution):
    """timeout=0 on a full put or an empty get raises TimeoutError at once; the queue is unchanged."""
    q = solution.BoundedBlockingQueue(2)
    call = Call(lambda: q.get(timeout=0))
    expect_outcome(call, "raised TimeoutError", "q = BoundedBlockingQueue(2); q.get(timeout=0)")
    q.put("a")
    expect(q.get(timeout=0), "a", input="q.put('a'); q.get(timeout=0)")
    q.put("b")
    q.put("c")
    call = Call(lambda: q.put("d", timeout=0))
    expect_outcome(
        call, "raised TimeoutError", "q holds 'b', 'c' (capacity 2); q.put('d', timeout=0)"
    )
    started = time.monotonic()
    expect_raises(TimeoutError, lambda: q.put("e", timeout=0.05), input="q.put('e', timeout=0.05)")
    if time.monotonic() - started < 0.045:
        raise Mismatch(
            "raised before the timeout", "waited 0.05 s first", "q.put('e', timeout=0.05)"
        )
    expect(q.size(), 2, input="after the timed-out puts: q.size()")
    expect(
        [q.get(timeout=0), q.get(timeout=0)],
        ["b", "c"],
        input="after the timed-out puts: get() x 2",
    )
    started = time.monotonic()
    expect_raises(
        TimeoutError, lambda: q.get(timeout=0.05), input="empty queue: q.get(timeout=0.05)"
    )
    if time.monotonic() - started < 0.045:
        raise Mismatch("raised before the timeout", "waited 0.05 s first", "q.get(timeout=0.05)")


def test_a_blocked_get_or_put_wakes_when_it_can_proceed(solution):
    """A get waiting on an empty queue takes a new item; a put waiting on a full queue fills a freed slot."""
    q = solution.BoundedBlockingQueue(1)
    getter = Call(q.get)
    wait_until_blocked([getter])
    q.put("hello")
    expect_outcome(getter, "returned 'hello'", "empty queue; thread: q.get(); main: q.put('hello')")
    q.put("first")
    putter = Call(lambda: q.put("second", timeout=30))
    wait_until_blocked([putter])
    expect(q.get(), "first", input="full queue, a put waiting; q.get()")
    expect_outcome(
        putter,
        "returned None",
        "thread: q.put('second', timeout=30) on a full queue; main: q.get()",
    )
    expect(q.get(timeout=1), "second", input="... then q.get(timeout=1)")


def test_close_wakes_every_blocked_getter(solution):
    """Three getters waiting on an empty queue all raise QueueClosed when it is closed."""
    q = solution.BoundedBlockingQueue(2)
    getters = [Call(q.get) for _ in range(3)]
    wait_until_blocked(getters)
    q.close()
    for i, getter in enumerate(getters):
        expect_outcome(
            getter, "raised QueueClosed", f"3 threads blocked in q.get(); q.close(): getter {i}"
        )


def test_close_wakes_every_blocked_putter_without_adding_its_item(solution):
    """Putters waiting on a full queue raise QueueClosed at close(); only the old items drain."""
    q = fill(solution, 2, ["a", "b"])
    putters = [Call(lambda i=i: q.put(f"late{i}")) for i in range(3)]
    wait_until_blocked(putters)
    q.close()
    q.close()  # a second close does nothing
    for i, putter in enumerate(putters):
        what = f"full queue, 3 threads blocked in q.put(); q.close(); q.close(): putter {i}"
        expect_outcome(putter, "raised QueueClosed", what)
    drained = Call(lambda: [q.get(), q.get()])
    expect_outcome(drained, "returned ['a', 'b']", "after close: q.get() x 2")
    expect(q.size(), 0, input="after close and draining: q.size()")
    expect_outcome(Call(q.get), "raised QueueClosed", "closed and empty: q.get()")


def test_after_close_put_fails_and_get_drains_then_fails(solution):
    """After close(), put raises even with room; get returns what is left, then raises at once."""
    q = fill(solution, 5, [1, None, 3])
    q.close()
    expect_raises(
        solution.QueueClosed,
        lambda: q.put(4),
        input="q holds 1, None, 3 (capacity 5); q.close(); q.put(4)",
    )
    expect_raises(
        solution.QueueClosed, lambda: q.put(5, timeout=0), input="... q.put(5, timeout=0)"
    )
    expect(q.size(), 3, input="... q.size()")
    drained = Call(lambda: [q.get(), q.get(timeout=0), q.get(timeout=5)])
    expect_outcome(
        drained, "returned [1, None, 3]", "... q.get(); q.get(timeout=0); q.get(timeout=5)"
    )
    for text, fn in (
        ("q.get()", q.get),
        ("q.get(timeout=5)", lambda: q.get(timeout=5)),
        ("q.get(timeout=0)", lambda: q.get(timeout=0)),
    ):
        expect_outcome(Call(fn), "raised QueueClosed", f"closed and empty: {text}")


def test_a_getter_that_finds_its_item_taken_waits_again(solution):
    """When another thread takes the item a waiting getter was woken for, the getter keeps waiting."""
    for attempt in range(20):
        q = solution.BoundedBlockingQueue(1)
        getter = Call(q.get)
        if not wait_until_blocked([getter]):
            return  # not asleep in a Condition: this test cannot tell when the getter waits
        waiter = waiter_of(getter)
        q.put(attempt)
        try:
            mine = q.get(timeout=0)  # usually wins the race with the woken getter
        except TimeoutError:
            expect_outcome(
                getter, f"returned {attempt}", "thread: q.get(); main: q.put(x); q.get(timeout=0)"
            )
            continue
        expect(mine, attempt, input="thread: q.get(); main: q.put(x); q.get(timeout=0)")
        wait_until_waiting_again(getter, waiter)  # the getter wakes, finds nothing, waits again
        q.put("next")
        expect_outcome(
            getter,
            "returned 'next'",
            "thread: q.get(); main: q.put(x); q.get(timeout=0) -> x; q.put('next')",
        )


def test_random_operations_match_a_model_queue(solution):
    """Thousands of random non-blocking puts, gets, sizes and closes agree with a simple model."""
    rng = random.Random(1188)
    for _ in range(60):
        random_session(solution, rng)


def random_session(solution, rng):
    """60 random non-blocking calls on a fresh queue, each checked against a deque model."""
    capacity = rng.randint(1, 6)
    q = solution.BoundedBlockingQueue(capacity)
    model, closed = deque(), False
    calls = [f"q = BoundedBlockingQueue({capacity})"]
    given(lambda: shorten(calls))
    for step in range(60):
        roll = rng.random()
        if roll < 0.45:
            item = rng.choice([None, step, f"s{step}"])
            calls.append(f"q.put({item!r}, timeout=0)")
            expected = (
                "QueueClosed" if closed else "TimeoutError" if len(model) == capacity else None
            )
            if expected is None:
                model.append(item)
            got = outcome_of(solution, lambda item=item: q.put(item, timeout=0))
        elif roll < 0.9:
            calls.append("q.get(timeout=0)")
            if model:
                expected = ("returned", model.popleft())
            else:
                expected = "QueueClosed" if closed else "TimeoutError"
            got = outcome_of(solution, lambda: q.get(timeout=0), returns=True)
        elif roll < 0.97:
            calls.append("q.size()")
            expected, got = len(model), q.size()
        else:
            calls.append("q.close()")
            closed = True
            expected, got = None, q.close()
        expect(got, expected, input=shorten(calls))


def shorten(calls):
    """The calls that led to a failure: the constructor and the last 20 steps."""
    if len(calls) <= 22:
        return "; ".join(calls)
    return f"{calls[0]}; ... {len(calls) - 21} more calls ...; " + "; ".join(calls[-20:])


def outcome_of(solution, fn, returns=False):
    """('returned', value) or None, or the name of QueueClosed/TimeoutError if raised."""
    try:
        value = fn()
    except solution.QueueClosed:
        return "QueueClosed"
    except TimeoutError:
        return "TimeoutError"
    return ("returned", value) if returns else value


def test_many_producers_and_consumers(solution):
    """Four producers and four consumers: every item arrives once, each producer's items in order."""
    q = solution.BoundedBlockingQueue(4)
    producers_n, consumers_n, per = 4, 4, 400
    received = [[] for _ in range(consumers_n)]
    too_full = []

    def produce(p):
        for i in range(per):
            q.put((p, i), timeout=30)

    def consume(c):
        while True:
            try:
                received[c].append(q.get(timeout=30))
            except solution.QueueClosed:
                return
            if q.size() > 4:
                too_full.append(q.size())

    producers = [Call(lambda p=p: produce(p)) for p in range(producers_n)]
    consumers = [Call(lambda c=c: consume(c)) for c in range(consumers_n)]
    what = "4 producers put 400 items each, 4 consumers get until QueueClosed, capacity 4"
    for producer in producers:
        expect_outcome(producer, "returned None", f"{what}: a producer", seconds=10)
    q.close()
    for consumer in consumers:
        expect_outcome(consumer, "returned None", f"{what}: a consumer after close()", seconds=10)
    expect(too_full, [], input=f"{what}: sizes above capacity seen")
    everything = sorted(item for items in received for item in items)
    if everything != [(p, i) for p in range(producers_n) for i in range(per)]:
        raise Mismatch(
            f"{len(everything)} items, {len(set(everything))} distinct", "1600 distinct items", what
        )
    for items in received:
        for p in range(producers_n):
            mine = [i for (who, i) in items if who == p]
            if mine != sorted(mine):
                raise Mismatch("a consumer got one producer's items out of order", "in order", what)
