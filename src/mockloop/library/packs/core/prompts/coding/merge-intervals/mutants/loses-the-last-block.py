"""Mutant: keeps a separate current block and appends it only when a gap appears, never after the loop."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    current = None
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if current is None:
            current = [start, end]
        elif start <= current[1]:
            current[1] = max(current[1], end)
        else:
            merged.append(current)
            current = [start, end]
    return merged
