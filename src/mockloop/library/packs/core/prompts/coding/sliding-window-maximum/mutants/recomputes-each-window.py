"""Mutant: takes max() of every window: right, but O(n * k), too slow for n = 10^5, k = 5 x 10^4."""


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    if not 1 <= k <= len(nums):
        raise ValueError(f"need 1 <= k <= len(nums), got k={k}, len={len(nums)}")
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]
