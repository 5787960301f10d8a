"""Closed form: the most frequent letters set the frame, every task needs its own unit."""

from collections import Counter


def least_interval(tasks: list[str], n: int) -> int:
    counts = Counter(tasks).values()
    top = max(counts)
    tied = sum(1 for count in counts if count == top)
    # top - 1 full frames of width n + 1, then one unit per letter tied for the top count.
    return max(len(tasks), (top - 1) * (n + 1) + tied)
