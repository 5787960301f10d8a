"""Tests for coin-change: min_coins(coins, amount) and count_ways(coins, amount).

min_coins is the fewest coins summing to amount (-1 if impossible, 0 for amount 0);
count_ways is the exact number of combinations, order ignored (1 for amount 0). Each check
calls the function on a copy of the coins and compares the exact int. See docs/judge.md.
"""

import random
from collections import deque

from harness import Mismatch, expect, given, visible

# count_ways(list(range(1, 51)), 10_000), checked with an independent polynomial product.
WAYS_1_TO_50_FOR_10_000 = int(
    "10759543890366310481374171397505652283186325561244646964684466453550722"
)


def shown(coins):
    """The coins as the call shows them, shortened when long."""
    if len(coins) <= 12:
        return repr(coins)
    return f"[{', '.join(map(str, coins[:8]))}, ... {len(coins)} coins]"


def check(solution, name, coins, amount, expected):
    """Call name(coins, amount) on a copy of the coins and compare the exact int."""
    call = f"{name}({shown(coins)}, {amount})"
    given(call)
    got = getattr(solution, name)(list(coins), amount)
    expect(got, expected, input=call)


def fewest_by_bfs(coins, amount):
    """A plainly correct min_coins: breadth-first search over amounts, one coin per edge."""
    coins_used = {0: 0}
    queue = deque([0])
    while queue:
        made = queue.popleft()
        if made == amount:
            return coins_used[made]
        for coin in coins:
            if made + coin <= amount and made + coin not in coins_used:
                coins_used[made + coin] = coins_used[made] + 1
                queue.append(made + coin)
    return -1


def brute_force(coins, amount):
    """Enumerate how many of each coin to use: (fewest coins or -1, number of combinations)."""
    fewest, count = -1, 0

    def choose(i, left, used):
        nonlocal fewest, count
        if i == len(coins):
            if left == 0:
                count += 1
                fewest = used if fewest == -1 else min(fewest, used)
            return
        for copies in range(left // coins[i] + 1):
            choose(i + 1, left - copies * coins[i], used + copies)

    choose(0, amount, 0)
    return fewest, count


@visible
def test_the_min_coins_examples_from_the_statement(solution):
    """The statement's min_coins examples: greedy traps, an impossible amount, amount 0."""
    for coins, amount, expected in [([1, 3, 4], 6, 2), ([5, 3], 9, 3), ([2], 3, -1), ([7], 0, 0)]:
        check(solution, "min_coins", coins, amount, expected)


@visible
def test_the_count_ways_examples_from_the_statement(solution):
    """The statement's count_ways examples: combinations, no way, amount 0."""
    for coins, amount, expected in [
        ([1, 2, 3], 4, 4), ([1, 3, 4], 6, 4), ([2], 3, 0), ([3, 5, 7], 0, 1),
    ]:  # fmt: skip
        check(solution, "count_ways", coins, amount, expected)


def test_the_largest_coin_first_is_not_always_best(solution):
    """Coin systems where taking the largest coin that fits is not optimal, or gets stuck."""
    for coins, amount, expected in [
        ([1, 5, 10, 20, 25], 40, 2), ([1, 7, 10], 14, 2), ([9, 6, 1], 12, 2),
        ([4, 3], 6, 2), ([7, 5], 10, 2), ([2, 5], 6, 3), ([10, 6, 1], 12, 2),
    ]:  # fmt: skip
        check(solution, "min_coins", coins, amount, expected)


def test_an_amount_that_cannot_be_made(solution):
    """No combination: min_coins is -1 (not a sentinel) and count_ways is 0."""
    for coins, amount in [([2], 1), ([4, 6], 7), ([5, 10], 13), ([3, 7], 11), ([6, 9], 10)]:
        check(solution, "min_coins", coins, amount, -1)
        check(solution, "count_ways", coins, amount, 0)


def test_an_amount_of_zero(solution):
    """Amount 0 needs no coins: min_coins is 0 and count_ways is 1, whatever the coins."""
    for coins in ([1], [2, 5], [10_000], [3, 5, 7, 11]):
        check(solution, "min_coins", coins, 0, 0)
        check(solution, "count_ways", coins, 0, 1)


def test_the_same_coins_in_another_order_are_one_way(solution):
    """count_ways counts combinations, not ordered sequences of coins."""
    for coins, amount, expected in [
        ([1, 2], 4, 3), ([2, 1], 10, 6), ([1, 2, 5], 5, 4), ([1, 2, 5], 11, 11),
        ([5, 1, 2], 12, 13), ([1, 5, 10, 25], 100, 242),
    ]:  # fmt: skip
        check(solution, "count_ways", coins, amount, expected)


def test_a_coin_can_be_used_many_times(solution):
    """Every coin has an unlimited supply, in both functions."""
    for coins, amount, fewest, ways in [
        ([5], 25, 5, 1), ([2, 3], 12, 4, 3), ([3], 9, 3, 1), ([4, 7], 15, 3, 1), ([1, 2], 3, 2, 2),
    ]:  # fmt: skip
        check(solution, "min_coins", coins, amount, fewest)
        check(solution, "count_ways", coins, amount, ways)


def test_coins_larger_than_the_amount(solution):
    """Coins worth more than the amount, or than any partial amount, are never used."""
    for coins, amount, fewest, ways in [
        ([7, 100, 3], 6, 2, 1), ([50], 10, -1, 0), ([1, 5], 3, 3, 1), ([9, 2, 30], 4, 2, 1),
        ([1, 10_000], 9, 9, 1), ([10_000, 3], 3, 1, 1),
    ]:  # fmt: skip
        check(solution, "min_coins", coins, amount, fewest)
        check(solution, "count_ways", coins, amount, ways)


def test_the_coins_list_is_not_modified(solution):
    """Both functions leave the caller's coins list exactly as it was."""
    for name in ("min_coins", "count_ways"):
        coins = [7, 2, 9, 3]
        call = f"{name}([7, 2, 9, 3], 20)"
        given(call)
        getattr(solution, name)(coins, 20)
        if coins != [7, 2, 9, 3]:
            raise Mismatch(coins, [7, 2, 9, 3], input=f"coins after {call}")


def test_counts_are_exact_big_integers(solution):
    """count_ways returns exact counts beyond 64 bits, at the largest amount, with no modulo."""
    check(solution, "count_ways", [1, 2, 5, 10, 20, 50, 100, 200], 200, 73682)
    check(solution, "count_ways", list(range(1, 51)), 10_000, WAYS_1_TO_50_FOR_10_000)


def test_min_coins_at_the_largest_amounts(solution):
    """Fifty coins and amounts near 10,000 agree with a breadth-first search."""
    rng = random.Random(10_000)
    for low, high, amount in ((2, 10_000, 10_000), (97, 400, 9_999)):
        coins = rng.sample(range(low, high + 1), 50)
        check(solution, "min_coins", coins, amount, fewest_by_bfs(coins, amount))


def test_small_random_cases_match_brute_force(solution):
    """Hundreds of small random coin sets agree with enumerating every combination."""
    rng = random.Random(322)
    for _ in range(400):
        coins = rng.sample(range(1, 13), rng.randint(1, 4))
        amount = rng.randint(0, 30)
        fewest, ways = brute_force(coins, amount)
        check(solution, "min_coins", coins, amount, fewest)
        check(solution, "count_ways", coins, amount, ways)
