"""Mutant: sorts the caller's list in place."""

import heapq


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    ends: list[int] = []  # the end time of each room in use
    intervals.sort()
    for start, end in intervals:
        if ends and ends[0] <= start:  # the earliest room is free (half-open: <=)
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)  # never shrinks, so this is the peak
