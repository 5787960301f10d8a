"""Mutant: a 300-slot ring buffer that adds to a slot without resetting it when it is stale."""

WINDOW = 300


class HitCounter:
    def __init__(self) -> None:
        self.times = [0] * WINDOW
        self.counts = [0] * WINDOW

    def hit(self, timestamp: int) -> None:
        slot = timestamp % WINDOW
        self.times[slot] = timestamp
        self.counts[slot] += 1

    def get_hits(self, timestamp: int) -> int:
        return sum(
            count
            for second, count in zip(self.times, self.counts, strict=True)
            if timestamp - second < WINDOW
        )
