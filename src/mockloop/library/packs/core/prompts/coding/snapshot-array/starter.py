class SnapshotArray:
    """An array of integers (all 0 at first) that takes cheap snapshots of itself."""

    def __init__(self, length: int) -> None:
        """Create an array of `length` zeros; length < 1 raises ValueError."""
        raise NotImplementedError

    def set(self, index: int, val: int) -> None:
        """Set the element in the current array; 0 <= index < length, otherwise IndexError."""
        raise NotImplementedError

    def snap(self) -> int:
        """Take a snapshot of the current array and return its id: 0, then 1, and so on."""
        raise NotImplementedError

    def get(self, index: int, snap_id: int) -> int:
        """The value `index` held when snapshot `snap_id` was taken.

        IndexError unless 0 <= index < length; ValueError unless 0 <= snap_id < snapshots taken.
        """
        raise NotImplementedError
