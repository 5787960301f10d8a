"""Mutant: a depth-first search, which returns the length of the first ladder found, not the shortest."""

from string import ascii_lowercase


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    unvisited = set(word_list)
    if end_word not in unvisited:
        return 0
    unvisited.discard(begin_word)
    stack = [(begin_word, 1)]
    while stack:
        word, length = stack.pop()
        for i in range(len(word)):
            for c in ascii_lowercase:
                candidate = word[:i] + c + word[i + 1 :]
                if candidate in unvisited:
                    if candidate == end_word:
                        return length + 1
                    unvisited.remove(candidate)
                    stack.append((candidate, length + 1))
    return 0
