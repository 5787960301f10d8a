"""Tests for lfu-cache: LFUCache(capacity) with get(key) -> int and put(key, value) -> None.

Each test replays operations on a fresh cache and checks every get() against what a correct
LFU cache (ties to the least recently used) returns. See docs/judge.md for the format.
"""

import random

from harness import expect, expect_raises, given, same, visible


def replay(solution, capacity, operations):
    """Run ("put", key, value) and ("get", key, expected) steps; check each get()."""
    calls = [f"c = LFUCache({capacity})"]
    given(lambda: shorten(calls))
    cache = solution.LFUCache(capacity)
    for step in operations:
        if step[0] == "put":
            _, key, value = step
            calls.append(f"c.put({key}, {value})")
            cache.put(key, value)
        else:
            _, key, expected = step
            calls.append(f"c.get({key})")
            got = cache.get(key)
            if not same(got, expected):
                expect(got, expected, input=shorten(calls))


def shorten(calls):
    """The calls that led to a failure: the constructor and the last 20 steps."""
    if len(calls) <= 22:
        return "; ".join(calls)
    return f"{calls[0]}; ... {len(calls) - 21} more calls ...; " + "; ".join(calls[-20:])


class ModelCache:
    """A plainly correct LFU cache: evicts the key with the smallest (count, last use)."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.entries = {}  # key -> [value, count, last use]
        self.clock = 0

    def get(self, key):
        self.clock += 1
        if key not in self.entries:
            return -1
        entry = self.entries[key]
        entry[1] += 1
        entry[2] = self.clock
        return entry[0]

    def put(self, key, value):
        self.clock += 1
        if self.capacity == 0:
            return
        if key in self.entries:
            entry = self.entries[key]
            self.entries[key] = [value, entry[1] + 1, self.clock]
            return
        if len(self.entries) == self.capacity:
            victim = min(self.entries, key=lambda k: self.entries[k][1:])
            del self.entries[victim]
        self.entries[key] = [value, 1, self.clock]


def random_steps(rng, model, count, keys):
    steps = []
    for _ in range(count):
        key = rng.randrange(keys)
        if rng.random() < 0.5:
            value = rng.randrange(-50, 1000)
            model.put(key, value)
            steps.append(("put", key, value))
        else:
            steps.append(("get", key, model.get(key)))
    return steps


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: evict the least used key, then the least recent of a tie."""
    replay(solution, 2, [
        ("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("put", 3, 3), ("get", 2, -1),
        ("get", 3, 3), ("put", 4, 4), ("get", 1, -1), ("get", 3, 3), ("get", 4, 4),
    ])  # fmt: skip


@visible
def test_a_missing_key_returns_minus_one_and_changes_nothing(solution):
    """get() of an absent key returns -1 and neither stores nor counts anything."""
    replay(solution, 2, [
        ("get", 7, -1), ("get", 7, -1), ("put", 1, 10), ("put", 2, 20), ("get", 7, -1),
        ("get", 2, 20), ("put", 3, 30), ("get", 1, -1), ("get", 2, 20), ("get", 3, 30),
    ])  # fmt: skip


def test_capacity_zero_stores_nothing(solution):
    """A cache of capacity 0 accepts puts without storing them and returns -1."""
    replay(solution, 0, [
        ("put", 1, 1), ("get", 1, -1), ("put", 1, 2), ("put", 2, 2), ("get", 2, -1),
    ])  # fmt: skip


def test_a_negative_capacity_raises_value_error(solution):
    """LFUCache(-1) raises ValueError."""
    given("LFUCache(-1)")
    expect_raises(ValueError, lambda: solution.LFUCache(-1), input="LFUCache(-1)")


def test_a_tie_evicts_the_least_recently_used_key(solution):
    """Among keys with the smallest count, the one used longest ago is evicted."""
    replay(solution, 3, [
        ("put", 1, 1), ("put", 2, 2), ("put", 3, 3), ("put", 4, 4),
        ("get", 1, -1), ("get", 2, 2), ("get", 3, 3), ("get", 4, 4),
        ("put", 5, 5), ("get", 2, -1), ("get", 3, 3), ("get", 4, 4), ("get", 5, 5),
    ])  # fmt: skip


def test_an_update_counts_as_a_use(solution):
    """put() on an existing key adds 1 to its count rather than keeping or resetting it."""
    replay(solution, 2, [
        ("put", 2, 2), ("put", 1, 1), ("put", 2, 20), ("put", 3, 3),
        ("get", 1, -1), ("get", 2, 20), ("get", 3, 3),
    ])  # fmt: skip
    replay(solution, 2, [
        ("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("get", 2, 2), ("put", 1, 10),
        ("put", 3, 3), ("get", 2, -1), ("get", 1, 10), ("get", 3, 3),
    ])  # fmt: skip
    replay(solution, 2, [
        ("put", 1, 1), ("put", 2, 2), ("get", 2, 2), ("get", 1, 1), ("get", 1, 1),
        ("put", 1, 10), ("put", 3, 3), ("get", 2, -1), ("get", 1, 10), ("get", 3, 3),
    ])  # fmt: skip


def test_an_update_of_a_full_cache_evicts_nothing(solution):
    """At capacity, updating a present key keeps every key."""
    replay(solution, 2, [
        ("put", 1, 1), ("put", 2, 2), ("put", 2, 20), ("get", 1, 1), ("get", 2, 20),
        ("put", 1, 10), ("put", 2, 21), ("get", 1, 10), ("get", 2, 21),
    ])  # fmt: skip
    replay(solution, 3, [
        ("put", 1, 1), ("put", 2, 2), ("put", 3, 3), ("get", 1, 1), ("put", 3, 30),
        ("put", 2, 20), ("get", 1, 1), ("get", 2, 20), ("get", 3, 30),
    ])  # fmt: skip


def test_a_new_key_is_the_least_used_even_after_others_climbed(solution):
    """After every key's count grew, a new key has count 1 and is the next one evicted."""
    replay(solution, 2, [
        ("put", 1, 1), ("get", 1, 1), ("get", 1, 1), ("put", 2, 2), ("put", 3, 3),
        ("get", 2, -1), ("get", 1, 1), ("get", 3, 3),
    ])  # fmt: skip
    replay(solution, 3, [
        ("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("get", 2, 2), ("get", 1, 1),
        ("get", 2, 2), ("put", 3, 3), ("put", 4, 4), ("get", 3, -1), ("get", 1, 1),
        ("get", 2, 2), ("get", 4, 4),
    ])  # fmt: skip


def test_the_smallest_count_moves_up_when_its_last_key_is_used(solution):
    """When every key of the smallest count is used again, eviction looks one count higher."""
    replay(solution, 2, [
        ("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("get", 2, 2), ("put", 3, 3),
        ("get", 1, -1), ("get", 2, 2), ("get", 3, 3),
    ])  # fmt: skip
    replay(solution, 3, [
        ("put", 1, 1), ("put", 2, 2), ("put", 3, 3), ("get", 1, 1), ("get", 2, 2),
        ("get", 3, 3), ("get", 1, 1), ("get", 3, 3), ("get", 2, 2), ("put", 4, 4),
        ("get", 1, -1), ("get", 3, 3), ("get", 2, 2), ("get", 4, 4),
    ])  # fmt: skip


def test_the_new_key_survives_the_eviction_it_causes(solution):
    """When every other key is used more, the insert evicts one of them, not the new key."""
    replay(solution, 2, [
        ("put", 1, 1), ("get", 1, 1), ("put", 2, 2), ("get", 2, 2), ("put", 3, 3),
        ("get", 3, 3), ("get", 1, -1), ("get", 2, 2),
    ])  # fmt: skip


def test_a_cache_of_capacity_one(solution):
    """Capacity 1 keeps only the latest key, however often the old one was used."""
    replay(solution, 1, [
        ("put", 1, 1), ("get", 1, 1), ("get", 1, 1), ("put", 2, 2), ("get", 1, -1),
        ("get", 2, 2), ("put", 2, 3), ("get", 2, 3), ("put", 0, -4), ("get", 2, -1),
        ("get", 0, -4),
    ])  # fmt: skip


def test_long_random_sequences_match_a_correct_cache(solution):
    """Thousands of random puts and gets agree with a reference LFU cache."""
    rng = random.Random(460)
    for capacity in (1, 2, 3, 5, 10, 40):
        model = ModelCache(capacity)
        replay(solution, capacity, random_steps(rng, model, 2000, capacity * 2 + 2))


def test_a_large_cache_with_many_evictions_is_fast(solution):
    """About 28,000 operations on a cache of 5,000 keys, with 10,000 evictions, run in O(1) each."""
    rng = random.Random(4600)
    capacity = 5_000
    steps = [("put", key, key) for key in range(capacity)]
    steps += [("get", key, key) for key in range(0, capacity, 2)]
    for key in range(capacity, 3 * capacity):
        steps.append(("put", key, key))
        steps.append(("get", key, key))
    # evicted: the odd keys (count 1), then the even ones, then the oldest new keys
    steps += [
        ("get", key, key if key >= 2 * capacity else -1)
        for key in rng.sample(range(3 * capacity), 300)
    ]
    replay(solution, capacity, steps)
