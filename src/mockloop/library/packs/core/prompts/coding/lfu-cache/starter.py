class LFUCache:
    """A fixed-capacity cache that evicts the least frequently used key when it is full.

    Ties between keys with the same use count go to the least recently used one.
    """

    def __init__(self, capacity: int) -> None:
        """Create an empty cache of at most `capacity` keys; a negative capacity raises ValueError.

        A cache of capacity 0 stores nothing.
        """
        raise NotImplementedError

    def get(self, key: int) -> int:
        """Return the key's value, or -1 if absent. A hit adds 1 to the key's use count."""
        raise NotImplementedError

    def put(self, key: int, value: int) -> None:
        """Insert the key with use count 1, or update its value and add 1 to its count.

        Inserting into a full cache first evicts the key with the smallest count (ties: the one
        whose last use is oldest). An update never evicts.
        """
        raise NotImplementedError
