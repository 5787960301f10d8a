"""Mutant: returns the frame count alone, without max(len(tasks), ...)."""

from collections import Counter


def least_interval(tasks: list[str], n: int) -> int:
    counts = Counter(tasks).values()
    top = max(counts)
    tied = sum(1 for count in counts if count == top)
    return (top - 1) * (n + 1) + tied
