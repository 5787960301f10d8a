"""Sliding window maximum: a deque of indices whose values decrease from front to back."""

from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    if not 1 <= k <= len(nums):
        raise ValueError(f"need 1 <= k <= len(nums), got k={k}, len={len(nums)}")
    window: deque[int] = deque()
    out: list[int] = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:  # dominated: leaves earlier and is not larger
            window.pop()
        window.append(i)
        if window[0] <= i - k:  # the front has slid out of the window
            window.popleft()
        if i >= k - 1:  # the first full window ends at index k - 1
            out.append(nums[window[0]])
    return out
