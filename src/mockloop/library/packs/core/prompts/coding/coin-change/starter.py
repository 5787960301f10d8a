def min_coins(coins: list[int], amount: int) -> int:
    """Return the fewest coins summing to exactly `amount`, or -1 if no combination does.

    `coins` holds distinct positive values, each usable any number of times, in any order;
    do not modify it. min_coins(coins, 0) == 0.
    """
    raise NotImplementedError


def count_ways(coins: list[int], amount: int) -> int:
    """Return the number of combinations (order ignored) of coins summing to `amount`.

    count_ways(coins, 0) == 1 (use no coins). The exact integer: no modulo. Do not modify
    `coins`.
    """
    raise NotImplementedError
