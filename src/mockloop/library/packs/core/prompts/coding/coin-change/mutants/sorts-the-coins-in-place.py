"""Mutant: min_coins sorts the caller's coins list in place to stop the inner loop early."""


def min_coins(coins: list[int], amount: int) -> int:
    coins.sort()
    unreachable = amount + 1
    best = [0] + [unreachable] * amount
    for x in range(1, amount + 1):
        for coin in coins:
            if coin > x:
                break
            if best[x - coin] + 1 < best[x]:
                best[x] = best[x - coin] + 1
    return best[amount] if best[amount] != unreachable else -1


def count_ways(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] += ways[x - coin]
    return ways[amount]
