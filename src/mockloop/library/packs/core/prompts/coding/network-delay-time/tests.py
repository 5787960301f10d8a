"""Tests for network-delay-time: network_delay_time(times, n, k) -> the last arrival, or -1.

Links are one-way with delays >= 0; each node hears the signal at its shortest-path distance
from k. Every call also checks that `times` is unchanged. The random test compares with
Floyd-Warshall; the largest test's graph is built around known distances. See docs/judge.md.
"""

import random

from harness import Mismatch, expect, given, visible


def show(times):
    if len(times) <= 12:
        return repr(times)
    return f"<{len(times)} links: {times[:3]!r}...>"


def check(solution, times, n, k, expected, *, unchanged=True):
    call = f"network_delay_time({show(times)}, {n}, {k})"
    given(call)
    before = [list(link) for link in times] if unchanged else times
    got = solution.network_delay_time(times, n, k)
    expect(got, expected, input=call)
    if times != before:
        raise Mismatch(show(times), show(before), f"times after {call} (must not change)")


def floyd_warshall(times, n, k):
    """All-pairs shortest paths, O(n^3): plainly correct for small n."""
    inf = float("inf")
    d = [[0 if i == j else inf for j in range(n + 1)] for i in range(n + 1)]
    for u, v, w in times:
        d[u][v] = min(d[u][v], w)
    for m in range(1, n + 1):
        for i in range(1, n + 1):
            for j in range(1, n + 1):
                if d[i][m] + d[m][j] < d[i][j]:
                    d[i][j] = d[i][m] + d[m][j]
    worst = max(d[k][v] for v in range(1, n + 1))
    return -1 if worst == inf else worst


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: a small tree, one-way links, a cheaper indirect path, one node."""
    check(solution, [[2, 1, 1], [2, 3, 1], [3, 4, 1]], 4, 2, 2)
    check(solution, [[1, 2, 1]], 2, 1, 1)
    check(solution, [[1, 2, 1]], 2, 2, -1)
    check(solution, [[1, 2, 10], [1, 3, 1], [3, 2, 1]], 3, 1, 2)
    check(solution, [], 1, 1, 0)


def test_a_node_that_is_never_reached_gives_minus_one(solution):
    """Any node without a path from k makes the answer -1."""
    check(solution, [[1, 2, 3], [2, 3, 3]], 4, 1, -1)
    check(solution, [[1, 2, 1], [3, 2, 1]], 3, 1, -1)
    check(solution, [], 2, 1, -1)
    check(solution, [[2, 1, 1], [3, 1, 1]], 3, 1, -1)


def test_links_are_one_way(solution):
    """A link u -> v never carries the signal from v back to u."""
    check(solution, [[1, 2, 5], [3, 2, 1]], 3, 1, -1)
    check(solution, [[1, 2, 50], [3, 2, 1], [1, 3, 60]], 3, 1, 60)
    check(solution, [[2, 1, 1], [1, 3, 4], [3, 2, 4]], 3, 1, 8)


def test_a_longer_path_can_be_faster(solution):
    """Many cheap hops beat one slow direct link: delays count, not hops."""
    check(solution, [[1, 5, 100], [1, 2, 1], [2, 3, 1], [3, 4, 1], [4, 5, 1]], 5, 1, 4)
    check(solution, [[1, 2, 9], [1, 3, 2], [3, 2, 3], [2, 4, 1], [3, 4, 9]], 4, 1, 6)


def test_a_distance_is_final_only_when_it_is_the_smallest_left(solution):
    """A node first reached by a slow link still gets its faster route found later."""
    check(solution, [[1, 2, 7], [1, 3, 2], [3, 4, 2], [4, 2, 1], [2, 5, 1]], 5, 1, 6)
    check(solution, [[1, 3, 10], [1, 2, 1], [2, 3, 1], [3, 4, 1]], 4, 1, 3)


def test_the_answer_is_the_latest_arrival_over_all_nodes(solution):
    """The answer is the largest distance, not the sum of delays or the distance to node n."""
    check(solution, [[1, 2, 5], [1, 3, 1]], 3, 1, 5)
    check(solution, [[3, 1, 4], [3, 2, 2], [2, 4, 1]], 4, 3, 4)
    check(solution, [[1, 2, 1], [2, 3, 1], [1, 4, 7], [1, 3, 2]], 4, 1, 7)


def test_zero_delays_parallel_links_and_self_loops(solution):
    """Zero delays, several links between one pair and links from a node to itself all work."""
    check(solution, [[1, 2, 0], [2, 3, 0]], 3, 1, 0)
    check(solution, [[1, 1, 5], [1, 2, 7], [1, 2, 3]], 2, 1, 3)
    check(solution, [[1, 2, 100], [1, 2, 0], [2, 2, 0], [2, 3, 100]], 3, 1, 100)
    check(solution, [[1, 1, 3]], 1, 1, 0)


def test_ten_thousand_nodes_and_fifty_thousand_links(solution):
    """10^4 nodes, the most there can be, and 5 x 10^4 links, in O((V + E) log V)."""
    rng = random.Random(7430)
    n = 10_000
    order = list(range(1, n + 1))
    rng.shuffle(order)
    dist = [0] * (n + 1)
    tree = []
    for i in range(1, n):  # a shortest-path tree: each node hangs off an earlier one
        u, v = order[int(rng.random() * i)], order[i]
        w = int(rng.random() * 101)
        dist[v] = dist[u] + w
        tree.append([u, v, w])
    times = []
    while len(times) < 50_000 - len(tree):  # extra links that never shorten a path
        u, v = int(rng.random() * n) + 1, int(rng.random() * n) + 1
        if dist[v] - dist[u] > 100:
            u, v = v, u
        gap = max(0, dist[v] - dist[u])
        times.append([u, v, gap + int(rng.random() * (101 - gap))])
    times += reversed(tree)
    check(solution, times, n, order[0], max(dist[1:]), unchanged=False)


def test_random_networks_match_floyd_warshall(solution):
    """Hundreds of small random networks agree with Floyd-Warshall."""
    rng = random.Random(743)
    for _ in range(600):
        n = rng.randint(1, 7)
        links = rng.randint(0, 14)
        times = [[rng.randint(1, n), rng.randint(1, n), rng.randint(0, 9)] for _ in range(links)]
        k = rng.randint(1, n)
        check(solution, times, n, k, floyd_warshall(times, n, k))
