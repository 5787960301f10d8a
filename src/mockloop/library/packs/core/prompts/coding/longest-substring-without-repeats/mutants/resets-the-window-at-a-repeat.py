"""Mutant: at a repeat it clears the window and restarts at the repeat, losing the characters between."""


def longest_unique_substring(s: str) -> str:
    seen: set[str] = set()
    left = best_start = best_length = 0
    for right, char in enumerate(s):
        if char in seen:
            seen.clear()
            left = right
        seen.add(char)
        if right - left + 1 > best_length:
            best_start, best_length = left, right - left + 1
    return s[best_start : best_start + best_length]


def length_of_longest_substring(s: str) -> int:
    return len(longest_unique_substring(s))
