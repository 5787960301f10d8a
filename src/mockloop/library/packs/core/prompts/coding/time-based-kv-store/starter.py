class TimeMap:
    """A key-value store that keeps every version of a value, by timestamp."""

    def __init__(self) -> None:
        """Create an empty store."""
        raise NotImplementedError

    def set(self, key: str, value: str, timestamp: int) -> None:
        """Store value for key at timestamp; a second set at the same timestamp replaces it.

        Timestamps for a key may arrive in any order.
        """
        raise NotImplementedError

    def get(self, key: str, timestamp: int) -> str:
        """Return the value with the largest timestamp <= timestamp, or "" if there is none."""
        raise NotImplementedError
