"""Mutant: reuses a room only if it ended strictly before the start, so back-to-back meetings need two."""

import heapq


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    ends: list[int] = []  # the end time of each room in use
    for start, end in sorted(intervals, key=lambda meeting: meeting[0]):  # a sorted copy
        if ends and ends[0] < start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)  # never shrinks, so this is the peak
