"""Mutant: counts one letter in the last frame even when several tie for the top count."""

from collections import Counter


def least_interval(tasks: list[str], n: int) -> int:
    top = max(Counter(tasks).values())
    return max(len(tasks), (top - 1) * (n + 1) + 1)
