"""Mutant: after taking a value it reads the next one from list i, the loop variable, not its source."""

import heapq


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    heap = []
    for i, values in enumerate(lists):
        if values:
            heap.append((values[0], i, 0))
    heapq.heapify(heap)
    merged = []
    while heap:
        value, source, position = heapq.heappop(heap)
        merged.append(value)
        if position + 1 < len(lists[i]):  # i is the last list, not source
            heapq.heappush(heap, (lists[i][position + 1], i, position + 1))
    return merged
