"""Mutant: hit() never evicts, so without queries memory grows with every distinct second."""

from collections import deque

WINDOW = 300


class HitCounter:
    def __init__(self) -> None:
        self.buckets: deque[list[int]] = deque()  # one per distinct second in the window
        self.total = 0  # sum of the buckets' counts

    def _evict(self, timestamp: int) -> None:
        while self.buckets and self.buckets[0][0] <= timestamp - WINDOW:  # outside (t - 300, t]
            self.total -= self.buckets.popleft()[1]

    def hit(self, timestamp: int) -> None:
        if self.buckets and self.buckets[-1][0] == timestamp:
            self.buckets[-1][1] += 1  # same second: no new entry
        else:
            self.buckets.append([timestamp, 1])
        self.total += 1

    def get_hits(self, timestamp: int) -> int:
        self._evict(timestamp)
        return self.total
