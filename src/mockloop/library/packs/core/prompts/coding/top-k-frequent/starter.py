def top_k_frequent(nums: list[int], k: int) -> list[int]:
    """Return the k values that occur most often in nums, in any order, each value once.

    nums is non-empty, values may be negative, 1 <= k <= the number of distinct values, and
    there is no tie between the k-th and the (k+1)-th most frequent value.
    """
    raise NotImplementedError
