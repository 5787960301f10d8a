"""Mutant: fixes a node's delay when it is first pushed, as in BFS, not when it is popped."""

import heapq


def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    graph: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
    for u, v, w in times:
        graph[u].append((v, w))
    dist: dict[int, int] = {k: 0}
    heap = [(0, k)]
    while heap:
        d, u = heapq.heappop(heap)
        for v, w in graph[u]:
            if v not in dist:  # the first path found is taken as the shortest
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return max(dist.values()) if len(dist) == n else -1
