"""Mutant: counts a character as satisfied on every copy at or above its need (>=), not once (==)."""

from collections import Counter


def min_window(s: str, t: str) -> str:
    need = Counter(t)
    have: Counter[str] = Counter()
    formed = 0  # distinct characters whose need is met (over-counted here)
    best_start, best_length = 0, len(s) + 1
    left = 0
    for right, char in enumerate(s):
        have[char] += 1
        if char in need and have[char] >= need[char]:
            formed += 1
        while formed >= len(need):
            if right - left + 1 < best_length:
                best_start, best_length = left, right - left + 1
            dropped = s[left]
            have[dropped] -= 1
            if dropped in need and have[dropped] < need[dropped]:
                formed -= 1
            left += 1
    return s[best_start : best_start + best_length] if best_length <= len(s) else ""
