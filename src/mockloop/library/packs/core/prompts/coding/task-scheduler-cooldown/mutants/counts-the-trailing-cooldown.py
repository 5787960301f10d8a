"""Mutant: a simulation that waits out the last letter's cooldown after the final task."""

import heapq
from collections import Counter, deque


def least_interval(tasks: list[str], n: int) -> int:
    heap = [-count for count in Counter(tasks).values()]
    heapq.heapify(heap)
    cooling: deque[tuple[int, int]] = deque()
    time = 0
    last_ready = 0
    while heap or cooling:
        while cooling and cooling[0][0] <= time:
            heapq.heappush(heap, -cooling.popleft()[1])
        if heap:
            left = -heapq.heappop(heap) - 1
            last_ready = time + n + 1
            if left:
                cooling.append((time + n + 1, left))
            time += 1
        else:
            time = cooling[0][0]
    return max(time, last_ready)
