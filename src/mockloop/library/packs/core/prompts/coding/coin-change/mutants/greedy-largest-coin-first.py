"""Mutant: min_coins takes the largest coin that fits, which is not optimal for every coin set."""


def min_coins(coins: list[int], amount: int) -> int:
    used = 0
    for coin in sorted(coins, reverse=True):
        used += amount // coin
        amount %= coin
    return used if amount == 0 else -1


def count_ways(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] += ways[x - coin]
    return ways[amount]
