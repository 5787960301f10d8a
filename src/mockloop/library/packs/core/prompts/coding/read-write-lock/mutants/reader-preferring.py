"""Mutant: readers check only for an active writer, not a waiting one, so a stream of readers starves writers."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class RWLock:
    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @staticmethod
    def _check(timeout: float | None) -> None:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0 or None")

    def _wait_for(self, ready: Callable[[], bool], timeout: float | None) -> bool:
        """Condition held: True once ready() holds, False once the deadline has passed."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not ready():
            if deadline is None:
                self._cond.wait()
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._cond.wait(remaining)
        return True

    def acquire_read(self, timeout: float | None = None) -> bool:
        self._check(timeout)
        with self._cond:
            ok = self._wait_for(lambda: not self._writer, timeout)
            if ok:
                self._readers += 1
            return ok

    def release_read(self) -> None:
        with self._cond:
            if self._readers == 0:
                raise RuntimeError("release_read without a read hold")
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()  # a waiting writer may enter now

    def acquire_write(self, timeout: float | None = None) -> bool:
        self._check(timeout)
        with self._cond:
            self._waiting_writers += 1  # from now on, new readers hold back
            try:
                ok = self._wait_for(lambda: not self._writer and self._readers == 0, timeout)
            finally:
                self._waiting_writers -= 1
            if ok:
                self._writer = True
            elif self._waiting_writers == 0:
                self._cond.notify_all()  # readers held back by this writer may go
            return ok

    def release_write(self) -> None:
        with self._cond:
            if not self._writer:
                raise RuntimeError("release_write without a write hold")
            self._writer = False
            self._cond.notify_all()  # the next writer, or every waiting reader

    @contextmanager
    def read_locked(self) -> Iterator[None]:
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    @contextmanager
    def write_locked(self) -> Iterator[None]:
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()

    def readers(self) -> int:
        with self._cond:
            return self._readers

    def writer_active(self) -> bool:
        with self._cond:
            return self._writer

    def waiting_writers(self) -> int:
        with self._cond:
            return self._waiting_writers
