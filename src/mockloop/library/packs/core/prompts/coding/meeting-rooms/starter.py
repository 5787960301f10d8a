def min_meeting_rooms(intervals: list[list[int]]) -> int:
    """Return the minimum number of rooms that hold all meetings.

    Each meeting [start, end] occupies a room for the half-open range [start, end), so a meeting
    ending at 10 frees its room for one starting at 10. Meetings come in any order and may repeat.
    Do not modify intervals.
    """
    raise NotImplementedError
