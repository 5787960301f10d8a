"""Coin change: two unbounded-knapsack tables over the amounts 0..amount."""


def min_coins(coins: list[int], amount: int) -> int:
    unreachable = amount + 1  # more coins than any real answer needs (every coin is >= 1)
    best = [0] + [unreachable] * amount
    for x in range(1, amount + 1):
        for coin in coins:
            if coin <= x and best[x - coin] + 1 < best[x]:
                best[x] = best[x - coin] + 1
    return best[amount] if best[amount] != unreachable else -1


def count_ways(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount  # one way to make 0: no coins
    for coin in coins:  # coins outside: each combination is built in one coin order only
        for x in range(coin, amount + 1):  # upwards: the coin may be used again
            ways[x] += ways[x - coin]
    return ways[amount]
