"""Mutant: returns s[best_start:best_start + best_length] even when nothing was found, which is all of s."""

from collections import Counter


def min_window(s: str, t: str) -> str:
    need = Counter(t)  # copies the window still needs; negative means surplus
    missing = len(t)  # characters of t, repeats counted, that the window lacks
    best_start, best_length = 0, len(s) + 1  # len(s) + 1: nothing found yet
    left = 0
    for right, char in enumerate(s):
        if need[char] > 0:
            missing -= 1
        need[char] -= 1
        if missing == 0:  # s[left:right + 1] covers t
            while need[s[left]] < 0:  # drop surplus characters from the left
                need[s[left]] += 1
                left += 1
            if right - left + 1 < best_length:  # strictly shorter: ties keep the leftmost
                best_start, best_length = left, right - left + 1
            need[s[left]] += 1  # give up a needed character and look for the next window
            missing += 1
            left += 1
    return s[best_start : best_start + best_length]
