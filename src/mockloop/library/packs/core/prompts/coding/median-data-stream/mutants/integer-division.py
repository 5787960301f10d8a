"""Mutant: the mean of the two middle values uses floor division."""

import heapq


class MedianFinder:
    def __init__(self) -> None:
        # Invariants: every value in low <= every value in high; len(low) - len(high) is 0 or 1.
        self.low: list[int] = []  # negated: -low[0] is the largest of the lower half
        self.high: list[int] = []

    def add_num(self, num: int) -> None:
        # Route through low so the order invariant holds, then fix the sizes.
        heapq.heappush(self.low, -num)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def find_median(self) -> float:
        if not self.low:
            raise ValueError("median of an empty stream")
        if len(self.low) > len(self.high):
            return float(-self.low[0])  # odd count: low holds the middle value
        return float((-self.low[0] + self.high[0]) // 2)
