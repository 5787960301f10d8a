"""Mutant: sorts tasks in place to count runs of equal letters, modifying the caller's list."""


def least_interval(tasks: list[str], n: int) -> int:
    tasks.sort()
    counts = []
    for i, letter in enumerate(tasks):
        if i and tasks[i - 1] == letter:
            counts[-1] += 1
        else:
            counts.append(1)
    top = max(counts)
    tied = sum(1 for count in counts if count == top)
    return max(len(tasks), (top - 1) * (n + 1) + tied)
