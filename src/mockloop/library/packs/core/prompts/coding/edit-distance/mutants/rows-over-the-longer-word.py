"""Mutant: never swaps the words, so its rows run over word2 even when word2 is the longer one."""


def min_distance(word1: str, word2: str) -> int:
    previous = list(range(len(word2) + 1))
    for i, char1 in enumerate(word1, start=1):
        current = [i]
        for j, char2 in enumerate(word2):
            diagonal, above = previous[j], previous[j + 1]
            if char1 == char2:
                current.append(diagonal)
            else:
                current.append(1 + min(diagonal, above, current[-1]))
        previous = current
    return previous[-1]
