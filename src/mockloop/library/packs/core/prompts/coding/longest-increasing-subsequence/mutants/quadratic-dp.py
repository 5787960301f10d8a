"""Mutant: the O(n^2) DP over "longest run ending at i": right answers, far too slow at n = 10^5."""


def length_of_lis(nums: list[int]) -> int:
    return len(find_lis(nums))


def find_lis(nums: list[int]) -> list[int]:
    ending = [1] * len(nums)
    previous = [-1] * len(nums)
    for i in range(len(nums)):
        for j in range(i):
            if nums[j] < nums[i] and ending[j] + 1 > ending[i]:
                ending[i] = ending[j] + 1
                previous[i] = j
    if not nums:
        return []
    i = max(range(len(nums)), key=ending.__getitem__)
    indices = []
    while i != -1:
        indices.append(i)
        i = previous[i]
    return indices[::-1]
