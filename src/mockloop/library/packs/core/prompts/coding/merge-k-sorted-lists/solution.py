"""Merge k sorted lists: a min-heap holding the next unread element of each list."""

import heapq


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    # (value, list index, position): the index breaks ties and says where the next value is.
    heap = [(values[0], i, 0) for i, values in enumerate(lists) if values]
    heapq.heapify(heap)
    merged = []
    while heap:
        value, i, position = heap[0]
        merged.append(value)
        if position + 1 < len(lists[i]):
            heapq.heapreplace(heap, (lists[i][position + 1], i, position + 1))
        else:
            heapq.heappop(heap)  # list i is used up
    return merged
