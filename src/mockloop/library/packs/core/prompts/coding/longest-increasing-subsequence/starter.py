def length_of_lis(nums: list[int]) -> int:
    """Return the length of a longest strictly increasing subsequence of nums (0 for []).

    Do not modify nums. Aim for O(n log n).
    """
    raise NotImplementedError


def find_lis(nums: list[int]) -> list[int]:
    """Return the indices i_1 < i_2 < ... < i_k of one longest strictly increasing subsequence.

    nums[i_1] < nums[i_2] < ... < nums[i_k] and k == length_of_lis(nums); any valid one is
    accepted ([] for []). Do not modify nums.
    """
    raise NotImplementedError
