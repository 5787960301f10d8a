"""Mutant: a replace costs 2 (a delete plus an insert), which is the LCS distance, not Levenshtein."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1
    previous = list(range(len(word2) + 1))
    for i, char1 in enumerate(word1, start=1):
        current = [i]
        for j, char2 in enumerate(word2):
            diagonal, above = previous[j], previous[j + 1]
            if char1 == char2:
                current.append(diagonal)
            else:
                current.append(min(diagonal + 2, above + 1, current[-1] + 1))
        previous = current
    return previous[-1]
