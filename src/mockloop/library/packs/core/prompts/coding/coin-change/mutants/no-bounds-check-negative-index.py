"""Mutant: count_ways does not check coin <= x, so ways[x - coin] wraps to the end of the list."""


def min_coins(coins: list[int], amount: int) -> int:
    unreachable = amount + 1
    best = [0] + [unreachable] * amount
    for x in range(1, amount + 1):
        for coin in coins:
            if coin <= x and best[x - coin] + 1 < best[x]:
                best[x] = best[x - coin] + 1
    return best[amount] if best[amount] != unreachable else -1


def count_ways(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(amount + 1):
            if -len(ways) <= x - coin:
                ways[x] += ways[x - coin]
    return ways[amount]
