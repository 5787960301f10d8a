"""Mutant: a queue with one entry per hit, so memory grows with the traffic, not the window."""

from collections import deque

WINDOW = 300


class HitCounter:
    def __init__(self) -> None:
        self.hits: deque[int] = deque()

    def _evict(self, timestamp: int) -> None:
        while self.hits and self.hits[0] <= timestamp - WINDOW:
            self.hits.popleft()

    def hit(self, timestamp: int) -> None:
        self.hits.append(timestamp)
        self._evict(timestamp)

    def get_hits(self, timestamp: int) -> int:
        self._evict(timestamp)
        return len(self.hits)
