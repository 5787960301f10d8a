"""Mutant: compares each interval with the previous input interval, not with the last merged block."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    previous_end = None
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= previous_end:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
        previous_end = end
    return merged
