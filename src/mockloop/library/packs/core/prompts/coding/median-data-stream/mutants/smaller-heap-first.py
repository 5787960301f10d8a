"""Mutant: pushes each number into whichever heap is smaller, breaking the order between the halves."""

import heapq


class MedianFinder:
    def __init__(self) -> None:
        # Invariants: every value in low <= every value in high; len(low) - len(high) is 0 or 1.
        self.low: list[int] = []  # negated: -low[0] is the largest of the lower half
        self.high: list[int] = []

    def add_num(self, num: int) -> None:
        # Route through low so the order invariant holds, then fix the sizes.
        if len(self.low) <= len(self.high):
            heapq.heappush(self.low, -num)
        else:
            heapq.heappush(self.high, num)

    def find_median(self) -> float:
        if not self.low:
            raise ValueError("median of an empty stream")
        if len(self.low) > len(self.high):
            return float(-self.low[0])  # odd count: low holds the middle value
        return (-self.low[0] + self.high[0]) / 2  # true division
