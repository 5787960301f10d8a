import time
from collections.abc import Callable


class TokenBucket:
    """A thread-safe token bucket: bursts of up to `capacity`, `rate` tokens per second on average."""

    def __init__(
        self, rate: float, capacity: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Create a full bucket. rate and capacity must be > 0, otherwise ValueError.

        clock() returns the time in seconds; it is read here and once on every call.
        """
        raise NotImplementedError

    def allow(self, n: float = 1) -> bool:
        """Take n tokens and return True if the bucket holds at least n; else take none, False.

        Raises ValueError unless 0 < n <= capacity.
        """
        raise NotImplementedError

    def wait_time(self, n: float = 1) -> float:
        """Seconds from now until allow(n) would succeed (0.0 if it would now); takes nothing.

        Raises ValueError unless 0 < n <= capacity.
        """
        raise NotImplementedError
