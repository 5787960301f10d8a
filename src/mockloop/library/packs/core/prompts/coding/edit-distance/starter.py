def min_distance(word1: str, word2: str) -> int:
    """Return the Levenshtein distance: the fewest inserts, deletes and replaces (cost 1 each)
    that turn word1 into word2.

    Characters are compared exactly. Use O(min(len(word1), len(word2))) extra memory.
    """
    raise NotImplementedError
