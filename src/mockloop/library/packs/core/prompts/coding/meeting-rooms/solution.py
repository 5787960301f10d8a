"""Meeting rooms: sort by start, keep a min-heap of room end times, reuse the earliest-free room."""

import heapq


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    ends: list[int] = []  # the end time of each room in use
    for start, end in sorted(intervals, key=lambda meeting: meeting[0]):  # a sorted copy
        if ends and ends[0] <= start:  # the earliest room is free (half-open: <=)
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)  # never shrinks, so this is the peak
