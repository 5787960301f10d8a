"""Mutant: keeps last positions in an array of 26 slots indexed by ord(char) - ord("a")."""


def longest_unique_substring(s: str) -> str:
    last_seen = [-1] * 26
    left = best_start = best_length = 0
    for right, char in enumerate(s):
        slot = (ord(char) - ord("a")) % 26
        if last_seen[slot] >= left:
            left = last_seen[slot] + 1
        last_seen[slot] = right
        if right - left + 1 > best_length:
            best_start, best_length = left, right - left + 1
    return s[best_start : best_start + best_length]


def length_of_longest_substring(s: str) -> int:
    return len(longest_unique_substring(s))
