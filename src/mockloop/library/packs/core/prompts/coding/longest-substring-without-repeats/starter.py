def length_of_longest_substring(s: str) -> int:
    """Return the length of the longest substring of s whose characters are all distinct.

    0 for "". Aim for O(n).
    """
    raise NotImplementedError


def longest_unique_substring(s: str) -> str:
    """Return the longest substring of s with no repeated character.

    If several have the maximum length, return the leftmost one. "" for "".
    """
    raise NotImplementedError
