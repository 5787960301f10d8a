"""Mutant: sorts the input by count and takes k items, so a frequent value repeats."""

from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = Counter(nums)
    return sorted(nums, key=lambda value: counts[value], reverse=True)[:k]
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
