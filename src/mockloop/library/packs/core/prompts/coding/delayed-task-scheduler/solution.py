"""A heap of (run_at, id) with lazy cancellation, a dict of live tasks, and one condition
variable that the background thread sleeps on until the head is due or someone pokes it."""

import heapq
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("scheduler")


class Scheduler:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._cond = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int]] = []  # the id breaks ties: scheduling order
        self._tasks: dict[int, Callable[[], object]] = {}  # live (pending) tasks only
        self._next_id = 0
        self._running = False
        self._thread: threading.Thread | None = None

    def schedule(self, run_at: float, fn: Callable[[], object]) -> int:
        with self._cond:
            self._next_id += 1
            task_id = self._next_id
            self._tasks[task_id] = fn
            heapq.heappush(self._heap, (run_at, task_id))
            if self._heap[0][1] == task_id:
                self._cond.notify()  # a new earliest task: the sleeper's deadline is too late
            return task_id

    def cancel(self, task_id: int) -> bool:
        with self._cond:
            if self._tasks.pop(task_id, None) is None:
                return False  # unknown, cancelled, running or finished
            if len(self._heap) > 64 and len(self._heap) > 2 * len(self._tasks):
                self._heap = [entry for entry in self._heap if entry[1] in self._tasks]
                heapq.heapify(self._heap)  # drop dead entries: O(n) once per n cancels
            return True

    def pending(self) -> int:
        with self._cond:
            return len(self._tasks)

    def _pop_due(self, now: float) -> Callable[[], object] | None:
        """Lock held: discard cancelled heads; pop and return the next due callback, if any."""
        while self._heap:
            run_at, task_id = self._heap[0]
            if task_id not in self._tasks:
                heapq.heappop(self._heap)
            elif run_at <= now:
                heapq.heappop(self._heap)
                return self._tasks.pop(task_id)  # from now on, cancel() returns False
            else:
                return None
        return None

    @staticmethod
    def _run(fn: Callable[[], object]) -> None:
        try:
            fn()  # never under the lock
        except Exception:
            log.exception("scheduled task failed")

    def run_pending(self, now: float) -> int:
        ran = 0
        while True:
            with self._cond:
                fn = self._pop_due(now)
            if fn is None:
                return ran
            self._run(fn)
            ran += 1

    def start(self) -> None:
        with self._cond:
            if self._running:
                raise RuntimeError("already running")
            self._running = True
            self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._cond:
            if not self._running:
                return
            self._running = False
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()  # from a callback, stop() must not join its own thread

    def _loop(self) -> None:
        while True:
            with self._cond:
                while True:
                    if not self._running:
                        return
                    fn = self._pop_due(self._clock())
                    if fn is not None:
                        break
                    if self._heap:  # a live head that is not due yet
                        self._cond.wait(self._heap[0][0] - self._clock())
                    else:
                        self._cond.wait()
            self._run(fn)
