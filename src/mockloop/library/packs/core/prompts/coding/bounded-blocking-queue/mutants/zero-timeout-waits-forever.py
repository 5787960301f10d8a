"""Mutant: the timeout is tested for truth, so timeout=0 waits as long as needed instead of not at all."""

import threading
import time
from collections import deque


class QueueClosed(Exception):
    """Raised by put after close(), and by get once the queue is closed and empty."""


class BoundedBlockingQueue:
    def __init__(self, capacity: int) -> None:
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self._capacity = capacity
        self._items: deque[object] = deque()
        self._lock = threading.Lock()
        self._not_full = threading.Condition(self._lock)
        self._not_empty = threading.Condition(self._lock)
        self._closed = False

    @staticmethod
    def _deadline(timeout: float | None) -> float | None:
        if not timeout:
            return None
        if timeout < 0:
            raise ValueError("timeout must be >= 0 or None")
        return time.monotonic() + timeout

    @staticmethod
    def _wait(condition: threading.Condition, deadline: float | None) -> None:
        """Wait once; the caller re-checks its predicate before waiting again."""
        if deadline is None:
            condition.wait()
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        condition.wait(remaining)

    def put(self, item: object, timeout: float | None = None) -> None:
        deadline = self._deadline(timeout)
        with self._lock:
            while True:
                if self._closed:
                    raise QueueClosed
                if len(self._items) < self._capacity:
                    break
                self._wait(self._not_full, deadline)
            self._items.append(item)
            self._not_empty.notify()

    def get(self, timeout: float | None = None) -> object:
        deadline = self._deadline(timeout)
        with self._lock:
            while not self._items:
                if self._closed:
                    raise QueueClosed
                self._wait(self._not_empty, deadline)
            item = self._items.popleft()
            self._not_full.notify()
            return item

    def size(self) -> int:
        with self._lock:
            return len(self._items)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._not_full.notify_all()
            self._not_empty.notify_all()
