def merge_k_sorted_lists(lists: list[list[int]]) -> list[int]:
    """Merge k lists, each sorted in non-decreasing order, into one new sorted list.

    Every element of every list is kept, duplicates included. lists, and any list in it, may
    be empty. Do not modify the input lists, and return a new list, never one of them.
    Aim for O(N log k) time.
    """
    raise NotImplementedError
