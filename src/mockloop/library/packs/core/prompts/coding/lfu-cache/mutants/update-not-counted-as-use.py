"""Mutant: put() on an existing key changes the value but not its count or recency."""

from collections import OrderedDict


class LFUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 0:
            raise ValueError("capacity must be >= 0")
        self.capacity = capacity
        self.entries: dict[int, list[int]] = {}  # key -> [value, count]
        self.buckets: dict[int, OrderedDict[int, None]] = {}  # count -> keys, least recent first
        self.min_count = 0

    def _touch(self, key: int) -> None:
        """One more use: move the key from bucket c to the most recent end of bucket c + 1."""
        entry = self.entries[key]
        count = entry[1]
        bucket = self.buckets[count]
        del bucket[key]
        if not bucket:
            del self.buckets[count]
            if self.min_count == count:  # the key itself now sits in count + 1
                self.min_count = count + 1
        entry[1] = count + 1
        self.buckets.setdefault(count + 1, OrderedDict())[key] = None

    def get(self, key: int) -> int:
        entry = self.entries.get(key)
        if entry is None:
            return -1
        self._touch(key)
        return entry[0]

    def put(self, key: int, value: int) -> None:
        if self.capacity == 0:
            return
        entry = self.entries.get(key)
        if entry is not None:  # an update is a use and never evicts
            entry[0] = value
            return
        if len(self.entries) == self.capacity:  # evict before inserting the new key
            bucket = self.buckets[self.min_count]
            victim, _ = bucket.popitem(last=False)
            if not bucket:
                del self.buckets[self.min_count]
            del self.entries[victim]
        self.entries[key] = [value, 1]
        self.buckets.setdefault(1, OrderedDict())[key] = None
        self.min_count = 1  # a new key always has the smallest count
