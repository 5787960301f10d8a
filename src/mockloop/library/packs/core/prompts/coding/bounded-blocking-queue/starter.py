class QueueClosed(Exception):
    """Raised by put after close(), and by get once the queue is closed and empty."""


class BoundedBlockingQueue:
    """A fixed-capacity FIFO queue shared by producer and consumer threads."""

    def __init__(self, capacity: int) -> None:
        """Create an empty queue of at most `capacity` items (an int >= 1, else ValueError)."""
        raise NotImplementedError

    def put(self, item: object, timeout: float | None = None) -> None:
        """Add item at the back, waiting while the queue is full.

        timeout=None waits as long as needed; a number >= 0 bounds the whole call, after which
        it raises TimeoutError and changes nothing (0: do not wait). A negative timeout raises
        ValueError. Raises QueueClosed after close(), also in a put already waiting.
        """
        raise NotImplementedError

    def get(self, timeout: float | None = None) -> object:
        """Remove and return the oldest item, waiting while the queue is empty.

        Timeouts as in put. After close() it still returns the items left, oldest first; once
        the queue is closed and empty it raises QueueClosed at once, also in a get already waiting.
        """
        raise NotImplementedError

    def size(self) -> int:
        """The number of items in the queue now."""
        raise NotImplementedError

    def close(self) -> None:
        """Shut the queue down (see put and get); later calls do nothing."""
        raise NotImplementedError
