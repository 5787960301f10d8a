"""Edit distance: the prefix DP, one row at a time, over the shorter string."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1  # the distance is symmetric: make word2 the shorter one
    previous = list(range(len(word2) + 1))  # row 0: "" into word2[:j] takes j inserts
    for i, char1 in enumerate(word1, start=1):
        current = [i]  # word1[:i] into "" takes i deletes
        for j, char2 in enumerate(word2):
            diagonal, above = previous[j], previous[j + 1]
            if char1 == char2:
                current.append(diagonal)  # keep the character: no cost
            else:  # replace, delete or insert
                current.append(1 + min(diagonal, above, current[-1]))
        previous = current
    return previous[-1]
