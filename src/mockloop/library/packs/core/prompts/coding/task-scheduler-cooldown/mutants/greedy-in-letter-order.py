"""Mutant: a simulation that runs the first available letter alphabetically, not the one with
the most copies left."""

from collections import Counter


def least_interval(tasks: list[str], n: int) -> int:
    left = Counter(tasks)
    ready_at = dict.fromkeys(left, 0)
    time = 0
    while left:
        available = [letter for letter in sorted(left) if ready_at[letter] <= time]
        if available:
            letter = available[0]
            left[letter] -= 1
            if not left[letter]:
                del left[letter]
            ready_at[letter] = time + n + 1
            time += 1
        else:
            time = min(ready_at[letter] for letter in left)
    return time
