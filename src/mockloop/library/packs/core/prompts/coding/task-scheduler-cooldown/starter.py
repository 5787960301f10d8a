def least_interval(tasks: list[str], n: int) -> int:
    """Return the fewest time units, idle ones included, that run every task.

    Each task is one upper-case letter and takes one unit; two runs of the same letter must be
    at least n units apart (a letter run at time t may run again at t + n + 1 at the earliest).
    Tasks may run in any order. Do not modify tasks.
    """
    raise NotImplementedError
