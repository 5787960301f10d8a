class NestedIterator:
    """Yields the integers of a nested list one at a time, left to right, depth first, lazily."""

    def __init__(self, nested: list) -> None:
        """Start iterating over `nested` (ints and lists, nested to any depth) in O(1) time.

        Does not copy, walk or modify `nested`.
        """
        raise NotImplementedError

    def has_next(self) -> bool:
        """Whether another integer remains; consumes nothing."""
        raise NotImplementedError

    def next(self) -> int:
        """Return the next integer, or raise StopIteration if none remains."""
        raise NotImplementedError

    def __iter__(self) -> "NestedIterator":
        """Return self."""
        raise NotImplementedError

    def __next__(self) -> int:
        """The same as next()."""
        raise NotImplementedError
