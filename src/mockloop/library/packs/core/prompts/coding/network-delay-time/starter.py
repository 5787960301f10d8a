def network_delay_time(times: list[list[int]], n: int, k: int) -> int:
    """Return when the last of nodes 1..n receives a signal sent from node k at time 0, or -1.

    Each [u, v, w] in times is a one-way link delivering the signal from u to v after w >= 0.
    Each node receives it at its shortest-path distance from k; return the largest, or -1 if
    some node is never reached. Do not modify times.
    """
    raise NotImplementedError
