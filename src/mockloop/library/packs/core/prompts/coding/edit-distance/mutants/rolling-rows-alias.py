"""Mutant: rolls two rows with previous = current, so both names share one list after the first row."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1
    previous = list(range(len(word2) + 1))
    current = [0] * (len(word2) + 1)
    for i, char1 in enumerate(word1, start=1):
        current[0] = i
        for j, char2 in enumerate(word2, start=1):
            if char1 == char2:
                current[j] = previous[j - 1]
            else:
                current[j] = 1 + min(previous[j - 1], previous[j], current[j - 1])
        previous = current
    return previous[-1]
