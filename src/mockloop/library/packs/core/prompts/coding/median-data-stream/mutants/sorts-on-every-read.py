"""Mutant: keeps a plain list and sorts it on every find_median(): O(n log n) per read."""


class MedianFinder:
    def __init__(self) -> None:
        self.numbers: list[int] = []

    def add_num(self, num: int) -> None:
        self.numbers.append(num)

    def find_median(self) -> float:
        if not self.numbers:
            raise ValueError("median of an empty stream")
        ordered = sorted(self.numbers)
        n = len(ordered)
        if n % 2:
            return float(ordered[n // 2])
        return (ordered[n // 2 - 1] + ordered[n // 2]) / 2
