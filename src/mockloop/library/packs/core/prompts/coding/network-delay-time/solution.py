"""Network delay time: Dijkstra with a binary heap and lazy deletion; the last node settled."""

import heapq


def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    graph: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]  # index 0 unused
    for u, v, w in times:
        graph[u].append((v, w))  # directed: u -> v only
    dist = [float("inf")] * (n + 1)
    dist[k] = 0
    settled = bytearray(n + 1)
    heap = [(0, k)]  # (delay, node): the delay is compared first
    reached = latest = 0
    while heap:
        d, u = heapq.heappop(heap)
        if settled[u]:
            continue  # a stale entry: u was settled with a smaller delay
        settled[u] = 1  # final when popped, not when first pushed
        reached += 1
        latest = d  # pops come in non-decreasing order of delay
        for v, w in graph[u]:
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return latest if reached == n else -1
