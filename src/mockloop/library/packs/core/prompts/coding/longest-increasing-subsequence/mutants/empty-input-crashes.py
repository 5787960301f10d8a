"""Mutant: reads tail_index[-1] without checking for an empty list."""

from bisect import bisect_left


def length_of_lis(nums: list[int]) -> int:
    tails: list[int] = []  # tails[k]: the smallest value ending an increasing run of length k + 1
    for value in nums:
        k = bisect_left(tails, value)  # the first tail >= value: equal values never extend
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
    return len(tails)


def find_lis(nums: list[int]) -> list[int]:
    tails: list[int] = []
    tail_index: list[int] = []  # the index in nums of each tail
    previous = [-1] * len(nums)  # the element before each one in the run it ended when placed
    for i, value in enumerate(nums):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k > 0 else -1
    indices = []
    i = tail_index[-1]
    while i != -1:
        indices.append(i)
        i = previous[i]
    return indices[::-1]
