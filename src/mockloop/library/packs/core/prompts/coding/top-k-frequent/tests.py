"""Tests for top-k-frequent: top_k_frequent(nums, k) -> list of the k most frequent values.

Every input has a unique answer; the result may come in any order but must be a list of ints
holding each of those values exactly once. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, given, visible


def check(solution, nums, k, expected):
    """Call top_k_frequent and compare as multisets: order is free, repeats are not."""
    shown = nums if len(nums) <= 30 else f"<{len(nums)} numbers: {nums[:10]}...>"
    call = f"top_k_frequent({shown}, {k})"
    given(call)
    got = solution.top_k_frequent(list(nums), k)
    ints = type(got) is list and all(type(value) is int for value in got)
    if not ints or sorted(got) != sorted(expected):
        raise Mismatch(got, expected, input=call)


@visible
def test_the_first_example_from_the_statement(solution):
    """[1, 1, 1, 2, 2, 3] with k=2 gives 1 and 2."""
    check(solution, [1, 1, 1, 2, 2, 3], 2, [1, 2])


@visible
def test_a_single_number(solution):
    """[7] with k=1 gives 7."""
    check(solution, [7], 1, [7])


@visible
def test_negative_numbers(solution):
    """[-1, -1, -2, -2, -2, 5] with k=2 gives -2 and -1."""
    check(solution, [-1, -1, -2, -2, -2, 5], 2, [-2, -1])


@visible
def test_k_equal_to_the_number_of_distinct_values(solution):
    """[4, 4, 4, 9, 9, -3] with k=3 gives every value."""
    check(solution, [4, 4, 4, 9, 9, -3], 3, [4, 9, -3])


def test_k_of_one_gives_the_most_frequent_value(solution):
    """k=1 gives the single most frequent value."""
    check(solution, [5, 3, 5, 1, 5, 3, 9], 1, [5])


def test_the_most_frequent_not_the_least(solution):
    """The values with the highest counts win, not those with the lowest."""
    nums = [1] + [2] * 2 + [3] * 3 + [4] * 4 + [5] * 5
    check(solution, nums, 2, [5, 4])


def test_counts_decide_not_the_values_themselves(solution):
    """Small values that occur often beat large values that occur once."""
    nums = [1] * 5 + [2] * 4 + [100, 200, 300]
    check(solution, nums, 2, [1, 2])


def test_exactly_k_values_come_back(solution):
    """The result holds k values: not one fewer, not one more."""
    nums = [8] * 6 + [6] * 5 + [4] * 4 + [2] * 3 + [0] * 2 + [-2]
    for k, expected in [(1, [8]), (3, [8, 6, 4]), (5, [8, 6, 4, 2, 0])]:
        check(solution, nums, k, expected)


def test_each_value_appears_once(solution):
    """The result lists distinct values, even for a value that occurs many times."""
    check(solution, [3] * 10 + [1] * 2 + [2], 2, [3, 1])


def test_large_negative_values(solution):
    """Negative values far from zero count like any other."""
    nums = [-1000] * 4 + [-999] * 3 + [5] * 2 + [0]
    check(solution, nums, 3, [-1000, -999, 5])


def test_every_value_occurs_once_and_k_is_all_of_them(solution):
    """When every value occurs once and k is the number of values, all come back."""
    check(solution, [9, -4, 7, 0, 12], 5, [9, -4, 7, 0, 12])


def test_all_values_equal(solution):
    """A list of one repeated value gives that value."""
    check(solution, [2] * 50, 1, [2])


def test_a_large_input(solution):
    """100,000 numbers with distinct counts give the right top 10."""
    rng = random.Random(347)
    values = rng.sample(range(-50_000, 50_000), 400)
    nums = []
    for count, value in enumerate(values, start=1):
        nums += [value] * count
    nums = nums[:100_000]
    counts = {}
    for value in nums:
        counts[value] = counts.get(value, 0) + 1
    rng.shuffle(nums)
    ranked = sorted(counts, key=counts.get, reverse=True)
    assert counts[ranked[9]] > counts[ranked[10]]
    check(solution, nums, 10, ranked[:10])
