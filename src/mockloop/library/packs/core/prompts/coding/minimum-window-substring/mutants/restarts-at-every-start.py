"""Mutant: grows a new window from every start until it covers t: right, but O(len(s)^2)."""

from collections import Counter


def min_window(s: str, t: str) -> str:
    need = Counter(t)
    best_start, best_length = 0, len(s) + 1
    for start in range(len(s)):
        missing = len(t)
        have: Counter[str] = Counter()
        for end in range(start, len(s)):
            char = s[end]
            have[char] += 1
            if have[char] <= need[char]:
                missing -= 1
            if missing == 0:
                if end - start + 1 < best_length:
                    best_start, best_length = start, end - start + 1
                break
    return s[best_start : best_start + best_length] if best_length <= len(s) else ""
