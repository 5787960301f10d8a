class KVStore:
    """An in-memory key-value store of strings with nested transactions and an O(1) count(value)."""

    def __init__(self) -> None:
        """Create an empty store with no open transaction."""
        raise NotImplementedError

    def set(self, key: str, value: str) -> None:
        """Create or overwrite the key."""
        raise NotImplementedError

    def get(self, key: str) -> str | None:
        """Return the key's current value (uncommitted changes included), or None if absent."""
        raise NotImplementedError

    def delete(self, key: str) -> bool:
        """Remove the key and return True, or return False (changing nothing) if it is absent."""
        raise NotImplementedError

    def count(self, value: str) -> int:
        """Return how many keys currently hold exactly `value`."""
        raise NotImplementedError

    def begin(self) -> None:
        """Open a transaction, nested inside any that are already open."""
        raise NotImplementedError

    def commit(self) -> None:
        """Make every change permanent and close all open transactions.

        Raises RuntimeError (changing nothing) if no transaction is open.
        """
        raise NotImplementedError

    def rollback(self) -> None:
        """Undo every set and delete since the innermost begin, and close that transaction only.

        Raises RuntimeError (changing nothing) if no transaction is open.
        """
        raise NotImplementedError
