"""Tests for word-ladder: ladder_length(begin_word, end_word, word_list) -> words in the shortest ladder.

Counts are compared exactly (0 when there is no ladder); every call also checks that word_list
is unchanged. The random tests compare with a BFS over an adjacency built by comparing every
pair of words, the largest one with a BFS over wildcard buckets. See docs/judge.md for the format.
"""

import itertools
import random
from collections import deque

from harness import Mismatch, expect, given, visible


def show(words):
    if len(words) <= 12:
        return repr(words)
    return f"<{len(words)} words: {words[:4]!r}...>"


def check(solution, begin, end, words, expected):
    call = f"ladder_length({begin!r}, {end!r}, {show(words)})"
    given(call)
    before = list(words)
    got = solution.ladder_length(begin, end, words)
    expect(got, expected, input=call)
    if words != before:
        raise Mismatch(show(words), show(before), f"word_list after {call} (must not change)")


def one_apart(a, b):
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def brute_force(begin, end, words):
    """BFS over an adjacency built by comparing every pair of words: O(N^2 L), plainly correct."""
    nodes = sorted(set(words) | {begin})
    if end not in words:
        return 0
    dist = {begin: 1}
    queue = deque([begin])
    while queue:
        word = queue.popleft()
        for other in nodes:
            if other not in dist and one_apart(word, other):
                dist[other] = dist[word] + 1
                queue.append(other)
    return dist.get(end, 0)


def distances(begin, words):
    """Ladder lengths from begin to every reachable word, by BFS over wildcard buckets."""
    buckets = {}
    for word in set(words):
        for i in range(len(word)):
            buckets.setdefault(word[:i] + "*" + word[i + 1 :], []).append(word)
    dist = {begin: 1}
    queue = deque([begin])
    while queue:
        word = queue.popleft()
        for i in range(len(word)):
            for other in buckets.pop(word[:i] + "*" + word[i + 1 :], []):
                if other not in dist:
                    dist[other] = dist[word] + 1
                    queue.append(other)
    return dist


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: a five-word ladder, an end word not in the list, one letter."""
    check(solution, "hit", "cog", ["hot", "dot", "dog", "lot", "log", "cog"], 5)
    check(solution, "hit", "cog", ["hot", "dot", "dog", "lot", "log"], 0)
    check(solution, "a", "c", ["a", "b", "c"], 2)


def test_an_end_word_missing_from_the_list_gives_zero(solution):
    """end_word must itself be in word_list, even when it is one letter from begin_word."""
    check(solution, "hit", "hot", ["dot"], 0)
    check(solution, "hit", "hot", [], 0)
    check(solution, "ab", "cb", ["ab", "ac", "bb"], 0)


def test_the_length_counts_words_not_changes(solution):
    """A ladder of one change has two words, and both ends always count."""
    check(solution, "hot", "dot", ["dot"], 2)
    check(solution, "a", "b", ["b"], 2)
    check(solution, "cold", "warm", ["cord", "card", "ward", "warm", "wold", "word"], 5)


def test_no_ladder_gives_zero(solution):
    """When the end word cannot be reached, the answer is 0."""
    check(solution, "hit", "cog", ["hot", "dot", "lot", "cog"], 0)
    check(solution, "aaa", "bbb", ["aab", "bbb"], 0)
    check(solution, "ab", "cd", ["cd", "ef", "aa"], 0)


def test_the_shortest_ladder_not_the_first_found(solution):
    """Among several ladders, the shortest one counts."""
    check(solution, "hit", "cog", ["hot", "dot", "dog", "lot", "log", "cog", "hog"], 4)
    check(solution, "aaaa", "bbbb",
          ["baaa", "bbaa", "bbba", "aaab", "aabb", "abbb", "bbbb", "abaa", "caaa", "ccaa", "ccca"], 5)  # fmt: skip
    check(
        solution, "sat", "dog", ["saw", "sag", "dag", "dot", "sot", "dog", "set", "get", "got"], 4
    )
    check(solution, "aaa", "ccc", ["caa", "cca", "ccc", "aaz", "azz", "zzz", "czz", "ccz"], 4)


def test_begin_word_and_duplicates_in_the_list(solution):
    """begin_word may appear in word_list, and words may repeat."""
    check(solution, "hot", "dog", ["hot", "dog", "dot", "dot", "hot"], 3)
    check(
        solution, "red", "tax", ["ted", "tex", "red", "tax", "tad", "den", "rex", "pee", "red"], 4
    )


def test_words_of_one_and_ten_letters(solution):
    """Single letters and ten-letter words work like any other length."""
    check(solution, "a", "z", ["b", "z", "y"], 2)
    check(solution, "abcdefghij", "abcdefghiz",
          ["abcdefghik", "abcdefghiz", "abcdefghaz"], 2)  # fmt: skip
    check(solution, "aaaaaaaaaa", "zzaaaaaaaa", ["zaaaaaaaaa", "zzaaaaaaaa", "azaaaaaaaa"], 3)


def test_the_word_list_is_not_modified(solution):
    """word_list holds the same words in the same order after the call (the count is checked elsewhere)."""
    for begin, end, words in [
        ("hit", "cog", ["hot", "dot", "dog", "lot", "log", "cog"]),
        ("a", "c", ["a", "b", "c", "c"]),
    ]:
        call = f"ladder_length({begin!r}, {end!r}, {words!r})"
        given(call)
        before = list(words)
        solution.ladder_length(begin, end, words)
        if words != before:
            raise Mismatch(words, before, f"word_list after {call} (must not change)")


def test_a_cube_of_words_with_many_shortest_ladders(solution):
    """All 1,024 ten-letter words of a and b: 10! shortest ladders, each word queued once."""
    words = ["".join(letters) for letters in itertools.product("ab", repeat=10)]
    random.Random(127).shuffle(words)
    check(solution, "a" * 10, "b" * 10, words, 11)
    check(solution, "aaaaabbbbb", "bbbbbaaaaa", words, 11)


def test_five_thousand_words(solution):
    """5,000 five-letter words explored from one end to the farthest word, in O(N * 26 * L^2)."""
    rng = random.Random(1270)
    alphabet = "abcdefg"
    words = sorted({"".join(rng.choices(alphabet, k=5)) for _ in range(9000)})
    words = rng.sample(words, 5000)
    begin = "".join(rng.choices(alphabet, k=5))
    dist = distances(begin, words)
    farthest = max(dist, key=lambda w: (dist[w], w))
    check(solution, begin, farthest, words, dist[farthest])


def test_random_dictionaries_match_a_brute_force_search(solution):
    """Hundreds of small random dictionaries agree with a BFS over all-pairs adjacency."""
    rng = random.Random(127)
    for _ in range(400):
        length = rng.randint(1, 4)
        alphabet = "abc"[: rng.randint(2, 3)]
        words = ["".join(rng.choices(alphabet, k=length)) for _ in range(rng.randint(1, 12))]
        begin = "".join(rng.choices(alphabet, k=length))
        end = rng.choice(words) if rng.random() < 0.85 else "".join(rng.choices(alphabet, k=length))
        if end == begin:
            continue
        check(solution, begin, end, words, brute_force(begin, end, words))
