"""Mutant: a plain BFS that finds the fewest links, then adds up their delays."""

from collections import deque


def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    graph: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
    for u, v, w in times:
        graph[u].append((v, w))
    dist = {k: 0}
    queue = deque([k])
    while queue:
        u = queue.popleft()
        for v, w in graph[u]:
            if v not in dist:
                dist[v] = dist[u] + w
                queue.append(v)
    return max(dist.values()) if len(dist) == n else -1
