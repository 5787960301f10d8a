"""Mutant: counts in a list indexed by value, which breaks on negative values."""


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    tally = [0] * (max(nums) + 1)
    for value in nums:
        tally[value] += 1
    counts = {value: tally[value] for value in set(nums)}
    # buckets[c] holds the values seen exactly c times; no count exceeds len(nums).
    buckets: list[list[int]] = [[] for _ in range(len(nums) + 1)]
    for value, count in counts.items():
        buckets[count].append(value)
    result: list[int] = []
    for count in range(len(nums), 0, -1):
        for value in buckets[count]:
            result.append(value)
            if len(result) == k:
                return result
    return result
