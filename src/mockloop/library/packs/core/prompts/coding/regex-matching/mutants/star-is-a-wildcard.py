"""Mutant: treats * as a shell-glob wildcard for any sequence, ignoring the element before it."""

from functools import cache


def is_match(s: str, p: str) -> bool:
    @cache
    def match(i: int, j: int) -> bool:
        if j == len(p):
            return i == len(s)
        if p[j] == "*":
            return match(i, j + 1) or (i < len(s) and match(i + 1, j))
        if j + 1 < len(p) and p[j + 1] == "*":
            # "x*": the x is optional, and the star then matches any sequence
            return match(i, j + 1) or (i < len(s) and p[j] in (s[i], ".") and match(i + 1, j + 1))
        return i < len(s) and p[j] in (s[i], ".") and match(i + 1, j + 1)

    return match(0, 0)
