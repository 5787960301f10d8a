"""Merge intervals: sort a copy by start, then extend the last merged block or start a new one."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    # sorted() makes a new list: the caller's list keeps its order.
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= merged[-1][1]:  # shares a point with the last block
            merged[-1][1] = max(merged[-1][1], end)  # a nested interval must not shrink it
        else:
            merged.append([start, end])  # a new list, never the caller's inner list
    return merged
