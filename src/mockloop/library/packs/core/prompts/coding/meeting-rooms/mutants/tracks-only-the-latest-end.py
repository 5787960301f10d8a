"""Mutant: remembers only the most recent room's end time, not whether any room is free."""


def min_meeting_rooms(intervals: list[list[int]]) -> int:
    rooms = 0
    last_end = None
    for start, end in sorted(intervals, key=lambda meeting: meeting[0]):
        if last_end is None or last_end > start:
            rooms += 1
        last_end = end
    return rooms
