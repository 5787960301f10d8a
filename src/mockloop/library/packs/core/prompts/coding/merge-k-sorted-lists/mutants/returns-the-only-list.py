"""Mutant: when there is one list, returns that list itself instead of a copy."""

import heapq


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    if len(lists) == 1:
        return lists[0]
    heap = [(values[0], i, 0) for i, values in enumerate(lists) if values]
    heapq.heapify(heap)
    merged = []
    while heap:
        value, i, position = heap[0]
        merged.append(value)
        if position + 1 < len(lists[i]):
            heapq.heapreplace(heap, (lists[i][position + 1], i, position + 1))
        else:
            heapq.heappop(heap)
    return merged
