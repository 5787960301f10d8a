"""Mutant: min_coins returns its "unreachable" sentinel (amount + 1) instead of -1."""


def min_coins(coins: list[int], amount: int) -> int:
    unreachable = amount + 1
    best = [0] + [unreachable] * amount
    for x in range(1, amount + 1):
        for coin in coins:
            if coin <= x and best[x - coin] + 1 < best[x]:
                best[x] = best[x - coin] + 1
    return best[amount]


def count_ways(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] += ways[x - coin]
    return ways[amount]
