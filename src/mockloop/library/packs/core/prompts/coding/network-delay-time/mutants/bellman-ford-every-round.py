"""Mutant: Bellman-Ford with all n - 1 rounds over every link: right, but O(V * E)."""


def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    inf = float("inf")
    dist = [inf] * (n + 1)
    dist[k] = 0
    for _ in range(n - 1):
        for u, v, w in times:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    worst = max(dist[1:])
    return -1 if worst == inf else worst
