"""Mutant: on matching characters it still takes 1 + the minimum of the three neighbours."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1
    previous = list(range(len(word2) + 1))
    for i in range(1, len(word1) + 1):
        current = [i]
        for j in range(len(word2)):
            diagonal, above = previous[j], previous[j + 1]
            current.append(1 + min(diagonal, above, current[-1]))
        previous = current
    return previous[-1] if word1 != word2 else 0
