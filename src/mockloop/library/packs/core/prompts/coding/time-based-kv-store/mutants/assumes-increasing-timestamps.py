"""Mutant: appends every version, assuming timestamps only grow."""

from bisect import bisect_right


class TimeMap:
    def __init__(self) -> None:
        self.times: dict[str, list[int]] = {}
        self.values: dict[str, list[str]] = {}

    def set(self, key: str, value: str, timestamp: int) -> None:
        times = self.times.setdefault(key, [])
        values = self.values.setdefault(key, [])
        if times and times[-1] == timestamp:
            values[-1] = value
            return
        times.append(timestamp)
        values.append(value)

    def get(self, key: str, timestamp: int) -> str:
        times = self.times.get(key)
        if not times:
            return ""
        i = bisect_right(times, timestamp)  # times[:i] are all <= timestamp
        return self.values[key][i - 1] if i else ""
