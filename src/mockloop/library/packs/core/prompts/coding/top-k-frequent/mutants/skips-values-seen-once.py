"""Mutant: the bucket loop stops before count 1, losing values that occur once."""

from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = Counter(nums)
    # buckets[c] holds the values seen exactly c times; no count exceeds len(nums).
    buckets: list[list[int]] = [[] for _ in range(len(nums) + 1)]
    for value, count in counts.items():
        buckets[count].append(value)
    result: list[int] = []
    for count in range(len(nums), 1, -1):
        for value in buckets[count]:
            result.append(value)
            if len(result) == k:
                return result
    return result
