"""Mutant: accepts as soon as the pattern is used up, even with characters of s left."""


def is_match(s: str, p: str) -> bool:
    m, n = len(s), len(p)
    below: list[bool] = []  # row i + 1 of the table
    for i in range(m, -1, -1):
        row = [False] * (n + 1)
        row[n] = True
        for j in range(n - 1, -1, -1):
            if p[j] == "*":
                continue  # never the start of an element: a starred element is read as a pair
            first = i < m and p[j] in (s[i], ".")
            if j + 1 < n and p[j + 1] == "*":
                # zero copies (skip "x*"), or one more copy while "x*" stays available
                row[j] = row[j + 2] or (first and below[j])
            else:
                row[j] = first and below[j + 1]
        below = row
    return below[0]
