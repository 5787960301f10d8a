from collections.abc import Callable
from typing import Any


class Future:
    """The pending result of one submitted call."""

    def result(self, timeout: float | None = None) -> Any:
        """Wait for the task and return its value, or re-raise the very exception it raised.

        Raises TimeoutError if the task has not finished within timeout seconds (None: no limit);
        the task keeps running.
        """
        raise NotImplementedError

    def exception(self, timeout: float | None = None) -> BaseException | None:
        """Wait like result(), then return the exception the task raised, or None."""
        raise NotImplementedError

    def done(self) -> bool:
        """Whether the task has finished, without waiting."""
        raise NotImplementedError


class ThreadPool:
    """A fixed number of worker threads that run submitted calls in submission order."""

    def __init__(self, max_workers: int) -> None:
        """Create a pool of at most max_workers threads (an int >= 1, else ValueError)."""
        raise NotImplementedError

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Queue fn(*args, **kwargs) and return its Future at once; RuntimeError after shutdown."""
        raise NotImplementedError

    def shutdown(self, wait: bool = True) -> None:
        """Refuse new tasks; every task already submitted still runs.

        wait=True returns once they have all finished and the workers have exited; wait=False
        returns at once. Calling it again does nothing more.
        """
        raise NotImplementedError
