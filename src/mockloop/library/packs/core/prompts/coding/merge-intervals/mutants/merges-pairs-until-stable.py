"""Mutant: merges any overlapping pair and rescans until nothing changes: right, but O(n^2) or worse."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    blocks = [list(interval) for interval in intervals]
    changed = True
    while changed:
        changed = False
        for i in range(len(blocks)):
            for j in range(i + 1, len(blocks)):
                a, b = blocks[i], blocks[j]
                if a[0] <= b[1] and b[0] <= a[1]:
                    blocks[i] = [min(a[0], b[0]), max(a[1], b[1])]
                    del blocks[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(blocks)
