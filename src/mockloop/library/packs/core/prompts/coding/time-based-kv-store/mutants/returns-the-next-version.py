"""Mutant: the search returns the first version after the timestamp."""

from bisect import bisect_left


class TimeMap:
    def __init__(self) -> None:
        self.times: dict[str, list[int]] = {}
        self.values: dict[str, list[str]] = {}

    def set(self, key: str, value: str, timestamp: int) -> None:
        times = self.times.setdefault(key, [])
        values = self.values.setdefault(key, [])
        i = bisect_left(times, timestamp)
        if i < len(times) and times[i] == timestamp:
            values[i] = value  # same (key, timestamp): replace
            return
        # Late writes land in their sorted place (O(n) insert, O(1) when in order).
        times.insert(i, timestamp)
        values.insert(i, value)

    def get(self, key: str, timestamp: int) -> str:
        times = self.times.get(key)
        if not times:
            return ""
        i = bisect_left(times, timestamp)
        if i < len(times) and times[i] == timestamp:
            return self.values[key][i]
        return self.values[key][i] if i < len(times) else self.values[key][-1]
