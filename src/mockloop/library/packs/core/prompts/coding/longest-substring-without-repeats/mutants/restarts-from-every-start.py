"""Mutant: grows a fresh set from every start index: right answers in O(n * alphabet), too slow."""


def longest_unique_substring(s: str) -> str:
    best_start = best_length = 0
    for start in range(len(s)):
        seen: set[str] = set()
        end = start
        while end < len(s) and s[end] not in seen:
            seen.add(s[end])
            end += 1
        if end - start > best_length:
            best_start, best_length = start, end - start
    return s[best_start : best_start + best_length]


def length_of_longest_substring(s: str) -> int:
    return len(longest_unique_substring(s))
