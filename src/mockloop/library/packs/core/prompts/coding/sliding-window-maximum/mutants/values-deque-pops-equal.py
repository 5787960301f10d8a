"""Mutant: keeps values, not indices, and drops equal values, so a duplicate maximum expires twice."""

from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    if not 1 <= k <= len(nums):
        raise ValueError(f"need 1 <= k <= len(nums), got k={k}, len={len(nums)}")
    window: deque[int] = deque()
    out: list[int] = []
    for i, x in enumerate(nums):
        while window and window[-1] <= x:
            window.pop()
        window.append(x)
        if i >= k and window[0] == nums[i - k]:  # the outgoing value is taken for the front
            window.popleft()
        if i >= k - 1:
            out.append(window[0])
    return out
