"""Mutant: a refused allow() still empties the bucket of what it holds."""

import threading
import time
from collections.abc import Callable


class TokenBucket:
    def __init__(
        self, rate: float, capacity: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not (rate > 0 and capacity > 0):
            raise ValueError("rate and capacity must be positive")
        self._rate = float(rate)
        self._capacity = float(capacity)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self._capacity  # full at construction
        self._last = clock()

    def _check(self, n: float) -> None:
        if not 0 < n <= self._capacity:
            raise ValueError(f"n must be in (0, {self._capacity}], got {n}")

    def _refill(self) -> None:
        """Caller holds the lock: add what the time since the latest reading earned."""
        now = self._clock()
        if now > self._last:  # a clock that went backwards adds nothing
            self._tokens = min(self._capacity, self._tokens + (now - self._last) * self._rate)
            self._last = now

    def allow(self, n: float = 1) -> bool:
        self._check(n)
        with self._lock:  # refill, check and take as one atomic step
            self._refill()
            if self._tokens >= n:
                self._tokens -= n
                return True
            self._tokens = 0.0
            return False

    def wait_time(self, n: float = 1) -> float:
        self._check(n)
        with self._lock:
            self._refill()
            deficit = n - self._tokens
            return deficit / self._rate if deficit > 0 else 0.0
