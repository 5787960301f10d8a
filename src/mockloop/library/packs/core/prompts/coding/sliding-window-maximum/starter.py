def max_sliding_window(nums: list[int], k: int) -> list[int]:
    """Return max(nums[i:i + k]) for every window, i from 0 to len(nums) - k, in O(n).

    Raise ValueError if k < 1 or k > len(nums). Do not modify nums.
    """
    raise NotImplementedError
