"""Mutant: the most meetings overlapping any single meeting, plus one; overlaps need not overlap each other."""


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    best = 0
    for i, (start, end) in enumerate(intervals):
        overlaps = sum(1 for j, (s, e) in enumerate(intervals) if j != i and s < end and start < e)
        best = max(best, overlaps + 1)
    return best
