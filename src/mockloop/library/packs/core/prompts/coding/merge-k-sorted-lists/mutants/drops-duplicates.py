"""Mutant: collects the values in a set, so equal values appear only once."""


def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    values: set[int] = set()
    for values_of_one_list in lists:
        values.update(values_of_one_list)
    return sorted(values)
