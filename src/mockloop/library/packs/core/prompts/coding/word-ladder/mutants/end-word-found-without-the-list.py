"""Mutant: checks a candidate against end_word before checking that it is in the list."""

from collections import deque
from string import ascii_lowercase


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    unvisited = set(word_list)
    unvisited.discard(begin_word)
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
                if candidate == end_word:
                    return length + 1
                if candidate in unvisited:
                    unvisited.remove(candidate)
                    queue.append((candidate, length + 1))
            chars[i] = original
    return 0
