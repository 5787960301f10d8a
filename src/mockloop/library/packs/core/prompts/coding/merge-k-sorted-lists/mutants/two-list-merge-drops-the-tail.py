"""Mutant: merges pairs of lists, but each two-list merge stops when one side runs out."""


def merge_two(a: list[int], b: list[int]) -> list[int]:
    merged, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if b[j] < a[i]:
            merged.append(b[j])
            j += 1
        else:
            merged.append(a[i])
            i += 1
    return merged  # the rest of a or of b is lost


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    if not lists:
        return []
    rounds = [list(values) for values in lists]
    while len(rounds) > 1:
        paired = [merge_two(rounds[i], rounds[i + 1]) for i in range(0, len(rounds) - 1, 2)]
        if len(rounds) % 2:
            paired.append(rounds[-1])
        rounds = paired
    return rounds[0]
