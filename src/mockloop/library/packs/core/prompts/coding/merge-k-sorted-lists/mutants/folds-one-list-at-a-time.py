"""Mutant: merges the lists into a growing result one at a time: right, but O(N * k)."""


def merge_two(a: list[int], b: list[int]) -> list[int]:
    merged, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if b[j] < a[i]:
            merged.append(b[j])
            j += 1
        else:
            merged.append(a[i])
            i += 1
    while i < len(a):
        merged.append(a[i])
        i += 1
    while j < len(b):
        merged.append(b[j])
        j += 1
    return merged


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    result: list[int] = []
    for values in lists:
        result = merge_two(result, values)
    return result
