"""Mutant: pushes (node, delay), so the heap pops the smallest label, not the smallest delay."""

import heapq


def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    graph: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]  # index 0 unused
    for u, v, w in times:
        graph[u].append((v, w))  # directed: u -> v only
    dist = [float("inf")] * (n + 1)
    dist[k] = 0
    settled = bytearray(n + 1)
    heap = [(k, 0)]
    reached = latest = 0
    while heap:
        u, d = heapq.heappop(heap)
        if settled[u]:
            continue  # a stale entry: u was settled with a smaller delay
        settled[u] = 1  # final when popped, not when first pushed
        reached += 1
        latest = max(latest, d)
        for v, w in graph[u]:
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (v, d + w))
    return latest if reached == n else -1
