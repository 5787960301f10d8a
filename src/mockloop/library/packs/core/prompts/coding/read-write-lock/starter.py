from contextlib import AbstractContextManager


class RWLock:
    """A writer-preferring readers-writer lock: many readers at once, or one writer alone."""

    def __init__(self) -> None:
        """Create an unlocked lock."""
        raise NotImplementedError

    def acquire_read(self, timeout: float | None = None) -> bool:
        """Take a read hold; True once held. Waits while a writer holds the lock or one is waiting.

        timeout=None waits as long as needed; a number >= 0 bounds the whole call, after which it
        returns False and leaves the lock as if never called (0: try once). Negative: ValueError.
        """
        raise NotImplementedError

    def release_read(self) -> None:
        """Give back a read hold; RuntimeError if no reader holds the lock."""
        raise NotImplementedError

    def acquire_write(self, timeout: float | None = None) -> bool:
        """Take the lock alone; True once held. Waits while anyone holds it. Timeouts as above.

        While it waits, new readers hold back; if it gives up, readers it held back proceed.
        """
        raise NotImplementedError

    def release_write(self) -> None:
        """Give back the write hold; RuntimeError if no writer holds the lock."""
        raise NotImplementedError

    def read_locked(self) -> AbstractContextManager[None]:
        """`with lock.read_locked():` holds a read lock (no timeout) and releases it on exit."""
        raise NotImplementedError

    def write_locked(self) -> AbstractContextManager[None]:
        """`with lock.write_locked():` holds the write lock (no timeout) and releases it on exit."""
        raise NotImplementedError

    def readers(self) -> int:
        """The number of read holds now."""
        raise NotImplementedError

    def writer_active(self) -> bool:
        """Whether a writer holds the lock now."""
        raise NotImplementedError

    def waiting_writers(self) -> int:
        """The number of threads blocked in acquire_write now."""
        raise NotImplementedError
