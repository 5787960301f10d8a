"""Mutant: the first row and column start at 0 instead of i and j, so an empty word costs nothing."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1
    previous = [0] * (len(word2) + 1)
    for char1 in word1:
        current = [0]
        for j, char2 in enumerate(word2):
            diagonal, above = previous[j], previous[j + 1]
            if char1 == char2:
                current.append(diagonal)
            else:
                current.append(1 + min(diagonal, above, current[-1]))
        previous = current
    return previous[-1]
