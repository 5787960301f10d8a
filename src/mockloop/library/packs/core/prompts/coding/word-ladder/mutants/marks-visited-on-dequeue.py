"""Mutant: marks a word visited when it is dequeued, so it can be queued once per path to it."""

from collections import deque
from string import ascii_lowercase


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    unvisited = set(word_list)
    if end_word not in unvisited:
        return 0
    queue = deque([(begin_word, 1)])
    while queue:
        word, length = queue.popleft()
        unvisited.discard(word)
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
                    queue.append((candidate, length + 1))
            chars[i] = original
    return 0
