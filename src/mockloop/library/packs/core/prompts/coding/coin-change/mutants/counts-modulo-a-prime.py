"""Mutant: count_ways reduces modulo 10**9 + 7, which the statement rules out."""


def min_coins(coins: list[int], amount: int) -> int:
    unreachable = amount + 1
    best = [0] + [unreachable] * amount
    for x in range(1, amount + 1):
        for coin in coins:
            if coin <= x and best[x - coin] + 1 < best[x]:
                best[x] = best[x - coin] + 1
    return best[amount] if best[amount] != unreachable else -1


def count_ways(coins: list[int], amount: int) -> int:
    mod = 10**9 + 7
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] = (ways[x] + ways[x - coin]) % mod
    return ways[amount]
