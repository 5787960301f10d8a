"""Mutant: a second write in the same epoch is ignored instead of replacing the first."""

from bisect import bisect_right


class SnapshotArray:
    def __init__(self, length: int) -> None:
        if length < 1:
            raise ValueError("length must be >= 1")
        self._length = length
        self._epoch = 0  # snapshots taken so far = the id the next snap() returns
        self._history: dict[int, tuple[list[int], list[int]]] = {}  # index -> (ids, values)

    def _check_index(self, index: int) -> None:
        if not 0 <= index < self._length:  # no Python-style negative indexing
            raise IndexError(index)

    def set(self, index: int, val: int) -> None:
        self._check_index(index)
        ids, values = self._history.setdefault(index, ([], []))
        if ids and ids[-1] == self._epoch:
            pass
        else:
            ids.append(self._epoch)  # epochs only grow, so ids stay sorted
            values.append(val)

    def snap(self) -> int:
        self._epoch += 1
        return self._epoch - 1

    def get(self, index: int, snap_id: int) -> int:
        self._check_index(index)
        if not 0 <= snap_id < self._epoch:
            raise ValueError(f"no snapshot {snap_id}")
        ids, values = self._history.get(index, ((), ()))
        i = bisect_right(ids, snap_id)  # the last write at or before that snapshot
        return values[i - 1] if i else 0
