"""Mutant: counts the meetings in progress at every start time: right, but O(n^2) at 10^5 meetings."""


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    best = 0
    for t, _ in intervals:
        best = max(best, sum(1 for s, e in intervals if s <= t < e))
    return best
