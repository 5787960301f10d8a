class MedianFinder:
    """The running median of a stream of integers."""

    def __init__(self) -> None:
        """Create a finder that has seen no numbers."""
        raise NotImplementedError

    def add_num(self, num: int) -> None:
        """Add an integer in [-10**9, 10**9] to the stream (duplicates allowed)."""
        raise NotImplementedError

    def find_median(self) -> float:
        """The median so far as a float; the mean of the two middle values for an even count.

        Raises ValueError on an empty stream.
        """
        raise NotImplementedError
