"""Mutant: appends the caller's own inner list, then changes its end while merging."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for interval in sorted(intervals, key=lambda pair: pair[0]):
        if merged and interval[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], interval[1])
        else:
            merged.append(interval)
    return merged
