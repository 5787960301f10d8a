"""Mutant: marks words visited by removing them from the caller's word_list."""

from collections import deque
from string import ascii_lowercase


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    unvisited = word_list
    if end_word not in unvisited:
        return 0
    while begin_word in unvisited:
        unvisited.remove(begin_word)
    queue = deque([(begin_word, 1)])
    while queue:
        word, length = queue.popleft()
        chars = list(word)
        for i, original in enumerate(chars):
            for c in ascii_lowercase:
                if c == original:
                    continue
                chars[i] = c
                candidate = "".join(chars)
                if candidate in unvisited:
                    if candidate == end_word:
                        return length + 1
                    while candidate in unvisited:
                        unvisited.remove(candidate)
                    queue.append((candidate, length + 1))
            chars[i] = original
    return 0
