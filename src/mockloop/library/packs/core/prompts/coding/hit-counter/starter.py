class HitCounter:
    """Counts the hits a web page received in the past 5 minutes (300 seconds)."""

    def __init__(self) -> None:
        """Create a counter with no hits."""
        raise NotImplementedError

    def hit(self, timestamp: int) -> None:
        """Record one hit at second `timestamp` (calls come with non-decreasing timestamps)."""
        raise NotImplementedError

    def get_hits(self, timestamp: int) -> int:
        """Return the number of hits in the window (timestamp - 300, timestamp]."""
        raise NotImplementedError
