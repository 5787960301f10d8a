"""Mutant: expires the front only when its index is < i - k, so windows are k + 1 wide."""

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
        if window[0] < i - k:
            window.popleft()
        if i >= k - 1:  # the first full window ends at index k - 1
            out.append(nums[window[0]])
    return out
