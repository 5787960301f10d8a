"""Mutant: an odd count returns the middle value as an int, not a float."""

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
            return -self.low[0]  # type: ignore[return-value]
        return (-self.low[0] + self.high[0]) / 2  # true division
