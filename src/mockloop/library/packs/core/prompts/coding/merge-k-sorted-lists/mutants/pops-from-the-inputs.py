"""Mutant: advances through each list with lst.pop(0), which empties the caller's lists."""

import heapq


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    heap = [(values[0], i) for i, values in enumerate(lists) if values]
    heapq.heapify(heap)
    merged = []
    while heap:
        value, i = heapq.heappop(heap)
        merged.append(value)
        lists[i].pop(0)
        if lists[i]:
            heapq.heappush(heap, (lists[i][0], i))
    return merged
