"""Mutant: processes meetings in input order instead of by start time."""

import heapq


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    ends: list[int] = []  # the end time of each room in use
    for start, end in intervals:
        if ends and ends[0] <= start:  # the earliest room is free (half-open: <=)
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)  # never shrinks, so this is the peak
