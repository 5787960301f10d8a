"""Word ladder: BFS over words; neighbours found through wildcard buckets ("h*t" -> hot, hit)."""

from collections import defaultdict, deque


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    words = set(word_list)
    if end_word not in words:
        return 0
    buckets: dict[str, list[str]] = defaultdict(list)
    for word in words:
        for i in range(len(word)):
            buckets[word[:i] + "*" + word[i + 1 :]].append(word)
    seen = {begin_word}
    queue = deque([(begin_word, 1)])  # (word, words in the ladder so far)
    while queue:
        word, length = queue.popleft()
        for i in range(len(word)):
            pattern = word[:i] + "*" + word[i + 1 :]
            for neighbour in buckets.pop(pattern, ()):  # each bucket is scanned once
                if neighbour == end_word:
                    return length + 1
                if neighbour not in seen:
                    seen.add(neighbour)  # mark when enqueued, so no word is queued twice
                    queue.append((neighbour, length + 1))
    return 0
