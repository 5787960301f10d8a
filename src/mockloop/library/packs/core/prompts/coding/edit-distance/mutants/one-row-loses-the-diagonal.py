"""Mutant: keeps one row but reads the diagonal after overwriting it with this row's value."""


def min_distance(word1: str, word2: str) -> int:
    if len(word1) < len(word2):
        word1, word2 = word2, word1
    row = list(range(len(word2) + 1))
    for i, char1 in enumerate(word1, start=1):
        row[0] = i
        for j, char2 in enumerate(word2, start=1):
            diagonal = row[j - 1]  # already this row's value: D[i][j-1], not D[i-1][j-1]
            if char1 == char2:
                row[j] = diagonal
            else:
                row[j] = 1 + min(diagonal, row[j], row[j - 1])
    return row[-1]
