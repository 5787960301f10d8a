"""Mutant: finds the victim by scanning every key for the smallest (count, last use): O(n) evictions."""


class LFUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 0:
            raise ValueError("capacity must be >= 0")
        self.capacity = capacity
        self.entries: dict[int, list[int]] = {}  # key -> [value, count, last use]
        self.clock = 0

    def get(self, key: int) -> int:
        self.clock += 1
        entry = self.entries.get(key)
        if entry is None:
            return -1
        entry[1] += 1
        entry[2] = self.clock
        return entry[0]

    def put(self, key: int, value: int) -> None:
        self.clock += 1
        if self.capacity == 0:
            return
        entry = self.entries.get(key)
        if entry is not None:
            entry[0] = value
            entry[1] += 1
            entry[2] = self.clock
            return
        if len(self.entries) == self.capacity:
            victim = min(self.entries, key=lambda k: (self.entries[k][1], self.entries[k][2]))
            del self.entries[victim]
        self.entries[key] = [value, 1, self.clock]
