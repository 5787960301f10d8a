"""Mutant: reads lists[i][0] for every list, so an empty inner list raises IndexError."""

import heapq


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    heap = [(values[0], i, 0) for i, values in enumerate(lists)]
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
