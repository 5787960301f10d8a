"""Mutant: frames of width n instead of n + 1 (n counts the units between two runs)."""

from collections import Counter


def least_interval(tasks: list[str], n: int) -> int:
    counts = Counter(tasks).values()
    top = max(counts)
    tied = sum(1 for count in counts if count == top)
    return max(len(tasks), (top - 1) * n + tied)
