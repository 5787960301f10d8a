"""Longest substring without repeats: a sliding window whose left end jumps past the last copy."""


def longest_unique_substring(s: str) -> str:
    last_seen: dict[str, int] = {}
    left = best_start = best_length = 0
    for right, char in enumerate(s):
        if last_seen.get(char, -1) >= left:  # the previous copy is inside the window
            left = last_seen[char] + 1
        last_seen[char] = right
        if right - left + 1 > best_length:  # strictly longer: ties keep the leftmost
            best_start, best_length = left, right - left + 1
    return s[best_start : best_start + best_length]


def length_of_longest_substring(s: str) -> int:
    return len(longest_unique_substring(s))
