class LRUCache:
    """A fixed-capacity cache that evicts the least recently used key when it is full."""

    def __init__(self, capacity: int) -> None:
        """Create an empty cache that holds at most `capacity` keys (capacity >= 1)."""
        raise NotImplementedError

    def get(self, key: int) -> int:
        """Return the key's value, or -1 if absent. A hit makes the key the most recently used."""
        raise NotImplementedError

    def put(self, key: int, value: int) -> None:
        """Insert or update the key; it becomes the most recently used.

        An update does not change the number of keys. An insert that takes the cache over
        capacity evicts the least recently used key.
        """
        raise NotImplementedError
