"""Tests for longest-increasing-subsequence: length_of_lis(nums) and find_lis(nums).

length_of_lis is compared with the exact length. find_lis may return any longest strictly
increasing subsequence, so its answer is checked by its properties: increasing indices in
range, strictly increasing values, and the right length. Each call gets a copy of nums, and
one test checks that nums is left unchanged. See docs/judge.md for the format.
"""

import random
from itertools import pairwise

from harness import Mismatch, expect, given, visible

# The LIS length of test_100000_numbers' seeded list, checked with a Fenwick-tree DP.
LIS_OF_100000_RANDOM = 624


def shown(nums):
    """The list as the call shows it, shortened when long."""
    if len(nums) <= 20:
        return repr(nums)
    return f"[{', '.join(map(str, nums[:10]))}, ... {len(nums)} numbers]"


def check_length(solution, nums, expected):
    """length_of_lis(nums) must be exactly expected."""
    call = f"length_of_lis({shown(nums)})"
    given(call)
    expect(solution.length_of_lis(list(nums)), expected, input=call)


def check_find(solution, nums, length, example=None):
    """find_lis(nums) must be the indices of a strictly increasing subsequence of that length."""
    call = f"find_lis({shown(nums)})"
    given(call)
    got = solution.find_lis(list(nums))
    wanted = example if example is not None else f"the indices of an increasing run of {length}"

    def fail(summary):
        raise Mismatch(got, wanted, call, summary=summary)

    if type(got) is not list or not set(map(type, got)) <= {int}:
        fail("expected a list of int indices")
    if any(not 0 <= i < len(nums) for i in got):
        fail("an index is out of range")
    if any(a >= b for a, b in pairwise(got)):
        fail("the indices are not strictly increasing")
    if any(nums[a] >= nums[b] for a, b in pairwise(got)):
        fail("the values at those indices are not strictly increasing")
    if len(got) != length:
        fail(f"the subsequence has length {len(got)}, expected {length}")


def check_both(solution, nums, length):
    check_length(solution, nums, length)
    check_find(solution, nums, length)


def quadratic_lis(nums):
    """A plainly correct model: the longest increasing run ending at each index, O(n^2)."""
    ending = []
    for i, value in enumerate(nums):
        ending.append(1 + max((ending[j] for j in range(i) if nums[j] < value), default=0))
    return max(ending, default=0)


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: lengths, then indices of one longest run."""
    check_length(solution, [10, 9, 2, 5, 3, 7, 101, 18], 4)
    check_length(solution, [0, 1, 0, 3, 2, 3], 4)
    check_length(solution, [7, 7, 7], 1)
    check_find(solution, [10, 9, 2, 5, 3, 7, 101, 18], 4, [2, 4, 5, 7])
    check_find(solution, [], 0, [])
    check_find(solution, [3, 4, 1], 2, [0, 1])


def test_equal_values_do_not_extend_a_run(solution):
    """The subsequence is strictly increasing: repeated values count once."""
    for nums, length in [
        ([2, 2], 1), ([7, 7, 7, 7], 1), ([1, 2, 2, 3], 3), ([3, 3, 1, 1, 2, 2], 2),
        ([4, 10, 4, 3, 8, 9], 3), ([1, 1, 2, 2, 3, 3, 4, 4], 4),
    ]:  # fmt: skip
        check_both(solution, nums, length)


def test_empty_and_single_element_lists(solution):
    """An empty list has length 0 and no indices; one element is a run of 1."""
    check_both(solution, [], 0)
    check_both(solution, [5], 1)
    check_both(solution, [-1_000_000_000], 1)


def test_the_run_is_a_real_subsequence(solution):
    """find_lis returns indices in order, not the patience tails, which may be out of order."""
    for nums, length in [
        ([3, 4, 1], 2), ([2, 5, 3, 7, 1], 3), ([5, 6, 7, 1, 2], 3), ([4, 5, 6, 1, 2, 0], 3),
        ([10, 20, 30, 1, 2, 3, 4], 4), ([9, 1, 10, 2, 11, 0], 3),
    ]:  # fmt: skip
        check_find(solution, nums, length)


def test_sorted_and_reversed_lists(solution):
    """An increasing list is its own LIS; a decreasing list has LIS 1."""
    check_both(solution, list(range(50)), 50)
    check_both(solution, list(range(50, 0, -1)), 1)
    check_both(solution, [-5, -4, -3, -2, -1, 0], 6)


def test_negative_and_large_values(solution):
    """Values from -10^9 to 10^9 are ordinary numbers, and indices are not values."""
    big = 10**9
    check_both(solution, [big, -big, 0, big - 1, -1], 3)
    check_both(solution, [-big, big], 2)
    check_both(solution, [100, 200, -300, 400, 500], 4)


def test_nums_is_not_modified(solution):
    """Both functions leave the caller's list exactly as it was."""
    for name in ("length_of_lis", "find_lis"):
        nums = [5, 1, 4, 2, 3, 0]
        call = f"{name}([5, 1, 4, 2, 3, 0])"
        given(call)
        getattr(solution, name)(nums)
        if nums != [5, 1, 4, 2, 3, 0]:
            raise Mismatch(nums, [5, 1, 4, 2, 3, 0], input=f"nums after {call}")


def test_100000_numbers(solution):
    """A list of 100,000 random numbers takes O(n log n), not O(n^2)."""
    rng = random.Random(300)
    nums = [rng.getrandbits(31) - 2**30 for _ in range(100_000)]
    check_both(solution, nums, LIS_OF_100000_RANDOM)


def test_a_long_list_of_decreasing_blocks(solution):
    """Increasing blocks, each below the one before: the longest run is one whole block."""
    blocks = [block * -10_000 + i for block in range(40) for i in range(500)]
    check_both(solution, blocks, 500)


def test_random_small_lists_match_the_quadratic_model(solution):
    """Hundreds of small random lists with many repeats agree with the O(n^2) DP."""
    rng = random.Random(1975)
    for _ in range(400):
        nums = [rng.randint(-4, 4) for _ in range(rng.randint(0, 14))]
        check_both(solution, nums, quadratic_lis(nums))
