"""Mutant: builds the graph by comparing every pair of words, O(N^2 * L): too slow at 5,000 words."""

from collections import deque


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    words = list(dict.fromkeys([begin_word, *word_list]))
    if end_word not in word_list:
        return 0
    neighbours: dict[str, list[str]] = {word: [] for word in words}
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
                neighbours[a].append(b)
                neighbours[b].append(a)
    dist = {begin_word: 1}
    queue = deque([begin_word])
    while queue:
        word = queue.popleft()
        for other in neighbours[word]:
            if other not in dist:
                dist[other] = dist[word] + 1
                if other == end_word:
                    return dist[other]
                queue.append(other)
    return 0
