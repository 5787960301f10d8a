"""Mutant: a hand-rolled scan whose running maximum starts at 0, wrong for all-negative windows."""


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    if not 1 <= k <= len(nums):
        raise ValueError(f"need 1 <= k <= len(nums), got k={k}, len={len(nums)}")
    out = []
    for i in range(len(nums) - k + 1):
        best = 0
        for x in nums[i : i + k]:
            if x > best:
                best = x
        out.append(best)
    return out
