"""Mutant: every submit starts a new thread, so max_workers is never enforced."""

import threading
from collections import deque
from collections.abc import Callable
from typing import Any


class Future:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._done = False
        self._result: Any = None
        self._exception: BaseException | None = None

    def _finish(self, result: Any = None, exception: BaseException | None = None) -> None:
        with self._cond:
            self._result, self._exception, self._done = result, exception, True
            self._cond.notify_all()  # every waiter, not just one

    def done(self) -> bool:
        with self._cond:
            return self._done

    def _wait(self, timeout: float | None) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self._done, timeout):
                raise TimeoutError("the task did not finish in time")

    def result(self, timeout: float | None = None) -> Any:
        self._wait(timeout)
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout: float | None = None) -> BaseException | None:
        self._wait(timeout)
        return self._exception


class ThreadPool:
    def __init__(self, max_workers: int) -> None:
        if not isinstance(max_workers, int) or max_workers < 1:
            raise ValueError("max_workers must be an int >= 1")
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)
        self._queue: deque[tuple[Future, Callable[..., Any], tuple[Any, ...], dict[str, Any]]]
        self._queue = deque()
        self._shutdown = False
        self._threads: list[threading.Thread] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future = Future()
        with self._lock:  # the same lock as shutdown: a task is never accepted and then lost
            if self._shutdown:
                raise RuntimeError("cannot submit after shutdown")
            self._queue.append((future, fn, args, kwargs))
            thread = threading.Thread(target=self._worker, daemon=True)
            self._threads.append(thread)
            thread.start()
        return future

    def _worker(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._shutdown:
                    self._work.wait()
                if not self._queue:  # shut down and drained
                    return
                future, fn, args, kwargs = self._queue.popleft()
            try:  # the lock is not held while the task runs
                value = fn(*args, **kwargs)
            except BaseException as error:  # noqa: BLE001 - the worker survives any task
                future._finish(exception=error)
            else:
                future._finish(result=value)

    def shutdown(self, wait: bool = True) -> None:
        with self._lock:
            self._shutdown = True
            self._work.notify_all()
        if wait:
            me = threading.current_thread()
            for thread in self._threads:
                if thread is not me:
                    thread.join()
