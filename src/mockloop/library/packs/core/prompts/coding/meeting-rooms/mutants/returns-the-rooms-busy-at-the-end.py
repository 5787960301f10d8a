"""Mutant: pops every finished room and returns the heap's final size, not its peak."""

import heapq


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    ends: list[int] = []  # the end time of each room in use
    for start, end in sorted(intervals, key=lambda meeting: meeting[0]):  # a sorted copy
        while ends and ends[0] <= start:
            heapq.heappop(ends)
        heapq.heappush(ends, end)
    return len(ends)  # never shrinks, so this is the peak
